"""A backup holds every row and media file; a restore gives the platform back unchanged.

The round trips restore into another instance, in its own process: an empty instance of
the database the suite runs on, and a PostgreSQL one for a SQLite backup (skipped only when
no PostgreSQL server answers). Each compares every export (JSON-LD, CSV, OAI-PMH, the tidy
indicator CSVs) byte for byte, and every media file by its checksum.

The other tests restore into the test database itself, emptied by rolling back the
savepoint the records were made in.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from hrcities.site import backup
from hrcities.site.tests import exports

ROOT = Path(__file__).resolve().parents[3]
MEDIA = {
    "archive/2024/letter.pdf": b"%PDF-1.4 a letter\n",
    "archive/2024/증언-사진.jpg": bytes(range(256)) * 40,
    "education/handout.txt": "교육 자료\n".encode(),
}
# Run in a PostgreSQL instance: print the tables whose next key would not follow their rows.
SEQUENCES_BEHIND = """
import json, django
django.setup()
from django.db import connection
from hrcities.site.backup import backed_up_models
behind = []
with connection.cursor() as cursor:
    for model in backed_up_models():
        key = model._meta.pk
        if key.get_internal_type() not in ("AutoField", "BigAutoField", "SmallAutoField"):
            continue
        cursor.execute(f"SELECT MAX({key.column}) FROM {model._meta.db_table}")
        highest = cursor.fetchone()[0]
        if highest is None:
            continue
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s))", [model._meta.db_table, key.column]
        )
        if cursor.fetchone()[0] <= highest:
            behind.append(model._meta.label_lower)
print(json.dumps(behind))
"""


# -- Helpers ------------------------------------------------------------------------------


def write_media(root: Path) -> None:
    for name, data in MEDIA.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def instance_env(data_dir: Path, database_url: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "LANG": "C.UTF-8",
        "HRCITIES_LANGUAGE": "en",
        "HRCITIES_TESTING": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HRCITIES_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "OMP_NUM_THREADS": "1",
    }


def run(args: list[str], env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def manage(command: str, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    return run(["manage.py", *command.split()], env, timeout)


def digests_of(env: dict[str, str]) -> dict[str, dict[str, str]]:
    return json.loads(run(["-c", exports.RUN], env).stdout)


def empty_sqlite_instance(folder: Path) -> str:
    """A migrated SQLite instance holding nothing: the test database as it is now, copied
    with SQLite's backup (when the suite runs on SQLite), or migrated anew."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hrcities.sqlite3"
    url = f"sqlite:///{path}"
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    else:
        manage("migrate --noinput -v 0", instance_env(folder, url))
    return url


def postgres_server() -> str | None:
    """The address of a PostgreSQL server to make databases on, or None if none answers."""
    if connection.vendor == "postgresql":
        own = connection.settings_dict
        return f"postgres://{own['USER']}@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}"
    address = os.environ.get("TEST_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
    try:
        import psycopg

        psycopg.connect(f"{address}/postgres", connect_timeout=3).close()
    except Exception:  # any failure to connect means: no server here
        return None
    return address


@pytest.fixture
def new_postgres_database():
    """Make empty PostgreSQL databases on request; drop them after the test."""
    import psycopg

    server = postgres_server()
    if server is None:
        pytest.skip("PostgreSQL is not reachable (TEST_POSTGRES_SERVER)")
    made: list[str] = []

    def make(folder: Path) -> str:
        name = f"hrcities_restore_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        made.append(name)
        url = f"{server}/{name}"
        manage("migrate --noinput -v 0", instance_env(folder, url))
        return url

    yield make
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in made:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def rewrite(path: Path, change) -> None:
    """Rewrite a backup file: `change(members)` edits its members (name: bytes) in place.
    The manifest is rewritten to match unless `change` returns False."""
    with tarfile.open(path, "r:gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive if m.isfile()}
    keep_manifest = change(members) is False
    if not keep_manifest:
        manifest = json.loads(members[backup.MANIFEST])
        for table in manifest["tables"].values():
            data = members.get(table["member"], b"")
            table["rows"] = data.count(b"\n")
            table["sha256"] = backup.hashlib.sha256(data).hexdigest()
        members[backup.MANIFEST] = json.dumps(manifest).encode()
    names = [n for n in members if n != backup.MANIFEST] + [backup.MANIFEST]
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = len(members[name])
            archive.addfile(info, io.BytesIO(members[name]))


def small_backup(path: Path, media: Path, make_records) -> None:
    """Write a backup of a few records and media files, then leave the database empty."""
    write_media(media)
    with transaction.atomic():
        make_records()
        call_command("backup", output=str(path), stderr=io.StringIO(), stdout=io.StringIO())
        transaction.set_rollback(True)
    shutil.rmtree(media)


@pytest.fixture
def records(db):
    """Make a city and one of its archive items (inside the caller's savepoint)."""
    from hrcities.archive.tests.factories import make_item
    from hrcities.network.tests.factories import make_city, make_country

    def make() -> None:
        gwangju = make_city(slug="gwangju", country=make_country("KR"))
        make_item(gwangju, titles={"en": "Letter from the prison"})

    return make


# -- The round trips on the demo data -------------------------------------------------------


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory, django_db_setup, django_db_blocker):
    """The demo data's backup, with the exports and media checksums it was made from, and
    an empty instance of the suite's database to restore it into."""
    folder = tmp_path_factory.mktemp("demo")
    source_media = folder / "source-media"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            empty_url = empty_sqlite_instance(folder / "empty")
        else:
            empty_url = None
        with transaction.atomic():
            old_media = settings.MEDIA_ROOT
            settings.MEDIA_ROOT = source_media
            try:
                call_command("load_reference", stdout=io.StringIO(), stderr=io.StringIO())
                call_command(
                    "load_demo", with_demo_users=True, stdout=io.StringIO(), stderr=io.StringIO()
                )
                write_media(source_media)
                source = exports.digests()
                call_command(
                    "backup",
                    output=str(folder / "demo.backup"),
                    stdout=io.StringIO(),
                    stderr=io.StringIO(),
                )
            finally:
                settings.MEDIA_ROOT = old_media
                transaction.set_rollback(True)
    return {
        "file": folder / "demo.backup",
        "digests": source,
        "empty_url": empty_url,
        "vendor": connection.vendor,
    }


def assert_restored_unchanged(demo_backup, env) -> None:
    manage(f"restore {demo_backup['file']}", env)
    restored = digests_of(env)
    source = demo_backup["digests"]
    assert (
        restored["media"]
        == source["media"]
        == {name: backup.hashlib.sha256(data).hexdigest() for name, data in MEDIA.items()}
    )
    differing = sorted(
        name
        for name in source["exports"]
        if restored["exports"].get(name) != source["exports"][name]
    )
    assert not differing, f"exports that changed in the restore: {differing}"
    assert set(restored["exports"]) == set(source["exports"])


@pytest.mark.django_db  # the suite's database is made for the module's fixture
def test_a_restore_gives_back_every_export_byte_for_byte_on_the_same_database(
    demo_backup, tmp_path, new_postgres_database_if_needed
):
    folder = tmp_path / "instance"
    url = demo_backup["empty_url"] or new_postgres_database_if_needed(folder)
    env = instance_env(folder, url)
    assert_restored_unchanged(demo_backup, env)
    # Every table reads back as it was written: a backup of the restored instance holds the
    # same rows (but for the number of the data version, which the restore's commit raised).
    manage(f"backup --output {tmp_path / 'again.backup'}", env)
    first = json.loads(_member(demo_backup["file"], backup.MANIFEST))["tables"]
    again = json.loads(_member(tmp_path / "again.backup", backup.MANIFEST))["tables"]
    changed = [t for t in first if first[t]["sha256"] != again[t]["sha256"]]
    assert changed == ["core.contentversion"]
    assert sum(t["rows"] for t in first.values()) > 40_000
    assert "archive.jsonld (admin)" in demo_backup["digests"]["exports"]


@pytest.fixture
def new_postgres_database_if_needed(request):
    if connection.vendor == "postgresql":
        return request.getfixturevalue("new_postgres_database")
    return None


@pytest.mark.django_db
def test_a_sqlite_backup_moves_into_postgresql_without_loss(
    demo_backup, tmp_path, new_postgres_database
):
    if demo_backup["vendor"] == "sqlite":
        sqlite_backup = demo_backup
    else:
        # The suite runs on PostgreSQL: its backup goes into SQLite first, and that
        # instance's backup is the one moved.
        folder = tmp_path / "sqlite"
        env = instance_env(folder, empty_sqlite_instance(folder))
        manage(f"restore {demo_backup['file']}", env)
        manage(f"backup --output {tmp_path / 'sqlite.backup'}", env)
        sqlite_backup = {**demo_backup, "file": tmp_path / "sqlite.backup"}
    folder = tmp_path / "postgresql"
    env = instance_env(folder, new_postgres_database(folder))
    assert_restored_unchanged(sqlite_backup, env)
    # New records follow the restored ones: every sequence starts after its highest key.
    assert json.loads(run(["-c", SEQUENCES_BEHIND], env).stdout) == []


def _member(path: Path, name: str) -> bytes:
    with tarfile.open(path, "r:gz") as archive:
        return archive.extractfile(name).read()


# -- Verify ---------------------------------------------------------------------------------


def test_verify_reports_a_whole_file_with_its_counts(db, tmp_path, media_root, records):
    small_backup(tmp_path / "b.backup", media_root, records)
    out = io.StringIO()
    call_command("backup", verify=str(tmp_path / "b.backup"), stdout=out, stderr=io.StringIO())
    assert "is whole" in out.getvalue()
    assert "3 media files match the manifest" in out.getvalue()
    manifest = json.loads(_member(tmp_path / "b.backup", backup.MANIFEST))
    assert manifest["tables"]["archive.item"]["rows"] == 1
    assert manifest["media"]["archive/2024/증언-사진.jpg"]["size"] == 256 * 40


def test_verify_names_the_table_and_media_file_that_changed(db, tmp_path, media_root, records):
    path = tmp_path / "b.backup"
    small_backup(path, media_root, records)

    def damage(members):
        members["database/archive.item.jsonl"] = members["database/archive.item.jsonl"].replace(
            b"prison", b"museum"
        )
        members["media/education/handout.txt"] = b"changed"
        del members["media/archive/2024/letter.pdf"]
        return False  # the manifest stays as it was

    rewrite(path, damage)
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problem"):
        call_command("backup", verify=str(path), stdout=io.StringIO(), stderr=err)
    assert "Table archive.item: its rows do not match their checksum." in err.getvalue()
    assert "Media file education/handout.txt does not match its checksum." in err.getvalue()
    assert "Media file archive/2024/letter.pdf is missing from the file." in err.getvalue()


def test_verify_tells_a_cut_file_and_a_file_without_manifest(db, tmp_path, media_root, records):
    path = tmp_path / "b.backup"
    small_backup(path, media_root, records)
    cut = tmp_path / "cut.backup"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    checked = backup.verify_backup(cut)
    assert checked.problems and "ends early or is damaged" in checked.problems[0]

    without = tmp_path / "without.backup"
    with tarfile.open(path, "r:gz") as source, tarfile.open(without, "w:gz") as target:
        for member in source:
            if member.name != backup.MANIFEST:
                target.addfile(member, source.extractfile(member))
    assert backup.verify_backup(without).problems == [
        "The file has no manifest: it is not a complete backup of the platform."
    ]
    not_gzip = tmp_path / "notes.txt"
    not_gzip.write_text("hello")
    with pytest.raises(CommandError, match="notes.txt is not a backup of the platform"):
        call_command("backup", verify=str(not_gzip), stdout=io.StringIO(), stderr=io.StringIO())


# -- Restore --------------------------------------------------------------------------------


def test_a_restore_brings_back_rows_and_media_into_an_empty_instance(
    db, tmp_path, media_root, records
):
    from django.contrib.auth.models import AnonymousUser

    from hrcities.archive.models import Item
    from hrcities.search.models import SearchDocument
    from hrcities.search.services import search

    small_backup(tmp_path / "b.backup", media_root, records)
    assert not Item.objects.exists() and not media_root.exists()
    out = io.StringIO()
    call_command("restore", str(tmp_path / "b.backup"), stdout=out, stderr=io.StringIO())
    assert "3 media files" in out.getvalue()
    item = Item.objects.get()
    assert item.titles == {"en": "Letter from the prison"} and item.city.slug == "gwangju"
    for name, data in MEDIA.items():
        assert (media_root / name).read_bytes() == data
    # The search index came with the rows, and the engine's own index with it.
    assert SearchDocument.objects.filter(kind="item", object_id=item.pk).exists()
    found = search(AnonymousUser(), "prison", use_semantic=False)
    assert [(hit.kind, hit.id) for hit in found.hits] == [("item", item.pk)]


def test_a_restore_refuses_an_instance_that_holds_records(db, tmp_path, media_root, records):
    from hrcities.network.tests.factories import make_city

    small_backup(tmp_path / "b.backup", media_root, records)
    make_city(slug="busan")
    with pytest.raises(
        CommandError, match=r"This instance is not empty \(network.city holds 1 row"
    ):
        call_command(
            "restore", str(tmp_path / "b.backup"), stdout=io.StringIO(), stderr=io.StringIO()
        )
    from hrcities.archive.models import Item

    assert not Item.objects.exists() and not media_root.exists()


def test_a_restore_refuses_an_instance_with_media_files(db, tmp_path, media_root, records):
    small_backup(tmp_path / "b.backup", media_root, records)
    (media_root / "left.txt").parent.mkdir(parents=True)
    (media_root / "left.txt").write_text("left behind")
    with pytest.raises(CommandError, match="media holds 1 file"):
        call_command(
            "restore", str(tmp_path / "b.backup"), stdout=io.StringIO(), stderr=io.StringIO()
        )


def _twice(members) -> None:
    rows = members["database/archive.item.jsonl"]
    members["database/archive.item.jsonl"] = rows + rows  # the same key twice


def _without_its_city(members) -> None:
    members["database/network.city.jsonl"] = b""  # the item's city is gone


@pytest.mark.parametrize("damage", [_twice, _without_its_city])
def test_a_restore_whose_rows_the_database_refuses_writes_nothing(
    db, tmp_path, media_root, records, damage
):
    from hrcities.archive.models import Item
    from hrcities.network.models import City, Country

    path = tmp_path / "b.backup"
    small_backup(path, media_root, records)
    rewrite(path, damage)
    assert not backup.verify_backup(path).problems
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Country.objects.exists()
    assert not City.objects.exists() and not Item.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*"))
    assert not list(tmp_path.glob(".hrcities-restore-*"))


def test_a_restore_refuses_a_backup_made_at_other_migrations(db, tmp_path, media_root, records):
    path = tmp_path / "b.backup"
    small_backup(path, media_root, records)

    def older(members):
        manifest = json.loads(members[backup.MANIFEST])
        manifest["migrations"]["archive"].pop()
        members[backup.MANIFEST] = json.dumps(manifest).encode()

    rewrite(path, older)
    with pytest.raises(
        CommandError, match=r"other migrations than this instance is at \(archive\)"
    ):
        call_command("restore", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_damaged_file_is_not_restored(db, tmp_path, media_root, records):
    path = tmp_path / "b.backup"
    small_backup(path, media_root, records)
    rewrite(path, lambda members: members.update({"media/education/handout.txt": b"x"}) or False)
    with pytest.raises(CommandError, match="cannot be restored"):
        call_command("restore", str(path), stdout=io.StringIO(), stderr=io.StringIO())


# -- Writing --------------------------------------------------------------------------------


def test_an_interrupted_backup_leaves_no_file(db, tmp_path, media_root, records, monkeypatch):
    records()
    written = []
    real = backup._dump_table

    def fails_on_the_tenth(model, alias, out):
        written.append(model)
        if len(written) == 10:
            raise KeyboardInterrupt
        return real(model, alias, out)

    monkeypatch.setattr(backup, "_dump_table", fails_on_the_tenth)
    with pytest.raises(KeyboardInterrupt):
        call_command(
            "backup", output=str(tmp_path / "b.backup"), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert list(tmp_path.iterdir()) == [], "a partial file was left"


def test_a_backup_into_a_missing_folder_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="nowhere does not exist"):
        call_command(
            "backup",
            output=str(tmp_path / "nowhere" / "b.backup"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_the_backup_shows_progress_and_speaks_korean(
    db, tmp_path, media_root, records, monkeypatch
):
    records()
    err = io.StringIO()
    call_command("backup", output=str(tmp_path / "b.backup"), stdout=io.StringIO(), stderr=err)
    assert "[##############################]" in err.getvalue()
    monkeypatch.setenv("HRCITIES_LANGUAGE", "ko")
    with pytest.raises(CommandError, match="비어 있지 않습니다"):
        call_command(
            "restore", str(tmp_path / "b.backup"), stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_a_fresh_instance_counts_as_empty(db, media_root):
    # Every table `migrate` fills by itself is known as such; a new one must join the list.
    assert backup.what_the_instance_holds() == []


def test_the_file_is_readable_by_its_owner_only(db, tmp_path, media_root, records):
    small_backup(tmp_path / "b.backup", media_root, records)
    assert (tmp_path / "b.backup").stat().st_mode & 0o077 == 0
    assert gzip.open(tmp_path / "b.backup").read(1)
