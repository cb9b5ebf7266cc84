"""A backup of the whole platform in one file, and its restore into an empty instance.

The file is a gzipped tar that either database reads:

- `database/<app>.<model>.jsonl`: every row of every table the platform's models keep, one
  JSON array a line in the order of the table's columns, ordered by key. Each value is
  written by its field's type (times in ISO 8601 with their microseconds and offset,
  decimals as text, bytes in base64), so a row reads back exactly, on SQLite as on
  PostgreSQL. The search index is carried as rows too: the engines' own indexes (SQLite's
  FTS5 table, PostgreSQL's tsvector and pgvector column) follow from them on restore.
- `media/<path>`: every file under MEDIA_ROOT, as it is.
- `manifest.json` (last): the format, the migrations the database was at, each table's
  columns, row count and SHA-256, and each media file's size and SHA-256.

The rows are read from one consistent moment while the platform keeps running: on SQLite
from a copy made by SQLite's online backup, on PostgreSQL in one read-only transaction
at REPEATABLE READ (the snapshot pg_dump itself reads from). The file is written under a
temporary name and renamed when complete, so an interrupted backup leaves no file that
looks whole.

A restore checks the whole file first (as `backup --verify` does), refuses an instance
that holds any record or media file, then writes every row in one transaction (all or
nothing), sets PostgreSQL's sequences after the highest keys, and moves the media files
into place once the rows are committed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_microseconds
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.search.pgvector import add_vector_column

FORMAT = "hrcities-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database/"
MEDIA = "media/"
BATCH = 1_000
SNAPSHOT_ALIAS = "hrcities_backup_snapshot"
# How many of the tables that make an instance non-empty a refusal names.
SHOWN = 5

# Tables that `migrate` fills by itself: an instance holding only these rows is empty, and
# a restore replaces them with the backup's own (the keys other rows point at).
FILLED_BY_MIGRATE = (
    "contenttypes.contenttype",
    "auth.permission",
    "core.contentversion",
    "commitments.actionstatus",
    "indicators.dimension",
)

Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """A backup, verification or restore that cannot go on; the message says why."""


def _no_progress(label: str, done: int, total: int) -> None:
    pass


def _each_end_once(progress: Progress) -> Progress:
    """Pass on a bar's calls, but none after its label has reached its total."""
    ended: set[str] = set()

    def call(label: str, done: int, total: int) -> None:
        if label in ended:
            return
        if done >= total:
            ended.add(label)
        progress(label, done, total)

    return call


# -- Tables and their values -------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Return every model whose rows a backup holds, in a stable order (by table name)."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def columns_of(model: type[models.Model]) -> list[models.Field]:
    """Return the columns of the model's own table that a restore writes."""
    return [
        column
        for column in model._meta.local_concrete_fields
        if not getattr(column, "generated", False)
    ]


def _codec(column: models.Field) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Return how a column's values are written to JSON and read back."""
    kind = column.get_internal_type()
    if kind == "DateTimeField":
        return datetime.isoformat, datetime.fromisoformat
    if kind == "DateField":
        return date.isoformat, date.fromisoformat
    if kind == "TimeField":
        return time.isoformat, time.fromisoformat
    if kind == "DecimalField":
        return str, Decimal
    if kind == "BinaryField":
        return (
            lambda value: base64.b64encode(bytes(value)).decode("ascii"),
            base64.b64decode,
        )
    if kind == "UUIDField":
        return str, uuid.UUID
    if kind == "DurationField":
        return duration_microseconds, lambda value: timedelta(microseconds=value)
    return _same, _same


def _same(value: Any) -> Any:
    return value


def _encoders(model: type[models.Model]) -> list[Callable[[Any], Any]]:
    return [_codec(column)[0] for column in columns_of(model)]


def _decoders(model: type[models.Model]) -> list[Callable[[Any], Any]]:
    return [_codec(column)[1] for column in columns_of(model)]


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    """Return the migrations applied to a database, per app, in name order."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> list[Path]:
    """Return every file under MEDIA_ROOT, relative to it, in name order."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


# -- Backup ------------------------------------------------------------------------------


@contextlib.contextmanager
def consistent_snapshot(workdir: Path) -> Iterator[str]:
    """Give the alias of a database connection that reads one moment of the platform's data.

    SQLite: a copy made with SQLite's online backup (the live database keeps serving and
    writing meanwhile). PostgreSQL: the live database, in a read-only REPEATABLE READ
    transaction, so every table is read as it was when the first one was. A caller that
    already holds a transaction is read inside it, which is one moment too.
    """
    live = connections["default"]
    if live.vendor == "sqlite" and not live.in_atomic_block:
        copy = workdir / "snapshot.sqlite3"
        live.ensure_connection()
        import sqlite3

        target = sqlite3.connect(copy)
        try:
            live.connection.backup(target)
        finally:
            target.close()
        connections.settings[SNAPSHOT_ALIAS] = {
            **connections.settings["default"],
            "NAME": str(copy),
            "CONN_MAX_AGE": 0,
            "OPTIONS": {},
            "TEST": {},
        }
        try:
            yield SNAPSHOT_ALIAS
        finally:
            connections[SNAPSHOT_ALIAS].close()
            del connections[SNAPSHOT_ALIAS]
            del connections.settings[SNAPSHOT_ALIAS]
        return
    with transaction.atomic():
        if live.vendor == "postgresql" and not _inside_outer_transaction(live):
            with live.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield "default"


def _inside_outer_transaction(connection: Any) -> bool:
    # One atomic block is ours; a second means the caller already began the transaction
    # (a test's), where the isolation level can no longer be chosen.
    return len(connection.savepoint_ids) > 0 or not connection.in_atomic_block


def _dump_table(model: type[models.Model], alias: str, out: IO[bytes]) -> int:
    """Write a table's rows as JSON lines; return how many."""
    names = [column.attname for column in columns_of(model)]
    encoders = _encoders(model)
    rows = (
        model._base_manager.using(alias)
        .order_by("pk")
        .values_list(*names)
        .iterator(chunk_size=BATCH)
    )
    count = 0
    for row in rows:
        values = [None if v is None else encode(v) for encode, v in zip(encoders, row, strict=True)]
        out.write(json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode())
        out.write(b"\n")
        count += 1
    return count


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> None:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = int(path.stat().st_mtime)
    info.mode = 0o644
    with path.open("rb") as source:
        archive.addfile(info, source)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


@dataclass
class BackupSummary:
    path: Path
    tables: int
    rows: int
    media: int
    size: int


def write_backup(output: str | Path, progress: Progress = _no_progress) -> BackupSummary:
    """Write the platform's data and media files to one file; return what it holds.

    The file appears under its name only once it is complete. The work files (SQLite's
    snapshot, one table's rows at a time) are kept beside it, on the disk chosen for it.
    """
    output = Path(output)
    progress = _each_end_once(progress)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise BackupError(_("The folder %(path)s does not exist.") % {"path": folder})
    media_root = Path(settings.MEDIA_ROOT)
    descriptor, partial_name = tempfile.mkstemp(
        prefix=f".{output.name}.", suffix=".partial", dir=folder
    )
    os.close(descriptor)
    partial = Path(partial_name)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{output.name}.", dir=folder) as work:
            workdir = Path(work)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "version": VERSION,
                "created": timezone.now().isoformat(),
                "database": connections["default"].vendor,
                "tables": {},
                "media": {},
            }
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                with consistent_snapshot(workdir) as alias:
                    manifest["migrations"] = applied_migrations(alias)
                    todo = backed_up_models()
                    total = sum(model._base_manager.using(alias).count() for model in todo)
                    done = 0
                    progress(_("database rows"), 0, total)
                    for model in todo:
                        member = f"{DATABASE}{label_of(model)}.jsonl"
                        dump = workdir / "table.jsonl"
                        with dump.open("wb") as out:
                            count = _dump_table(model, alias, out)
                        manifest["tables"][label_of(model)] = {
                            "member": member,
                            "columns": [column.attname for column in columns_of(model)],
                            "rows": count,
                            "sha256": _sha256_file(dump),
                        }
                        _add_file(archive, member, dump)
                        done += count
                        progress(_("database rows"), min(done, total), total)
                files = media_files(media_root)
                for number, relative in enumerate(files, 1):
                    source = media_root / relative
                    manifest["media"][relative.as_posix()] = {
                        "size": source.stat().st_size,
                        "sha256": _sha256_file(source),
                    }
                    _add_file(archive, MEDIA + relative.as_posix(), source)
                    progress(_("media files"), number, len(files))
                _add_bytes(
                    archive,
                    MANIFEST,
                    json.dumps(manifest, ensure_ascii=False, indent=1).encode(),
                )
            with partial.open("rb") as written:
                os.fsync(written.fileno())
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupSummary(
        path=output,
        tables=len(manifest["tables"]),
        rows=sum(table["rows"] for table in manifest["tables"].values()),
        media=len(manifest["media"]),
        size=output.stat().st_size,
    )


# -- Verify ------------------------------------------------------------------------------


@dataclass
class Verification:
    """What a backup file holds and what is wrong with it (nothing, when `problems` is empty)."""

    manifest: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(table.get("rows", 0) for table in self.manifest.get("tables", {}).values())


@contextlib.contextmanager
def _open(path: Path) -> Iterator[tuple[tarfile.TarFile, IO[bytes]]]:
    """Open a backup file for reading in one pass; give the tar and the file underneath."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise BackupError(_("There is no file %(path)s.") % {"path": path}) from None
    except OSError as error:
        raise BackupError(
            _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
    with raw:
        try:
            archive = tarfile.open(fileobj=raw, mode="r|gz")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise BackupError(
                _("%(path)s is not a backup of the platform: %(reason)s.")
                % {"path": path, "reason": error}
            ) from None
        with archive:
            yield archive, raw


def verify_backup(path: str | Path, progress: Progress = _no_progress) -> Verification:
    """Read the whole file and check every member against the manifest."""
    path = Path(path)
    progress = _each_end_once(progress)
    found: dict[str, tuple[str, int, int]] = {}  # member: sha256, size, lines
    manifest_bytes = None
    total = path.stat().st_size if path.is_file() else 0
    with _open(path) as (archive, raw):
        try:
            for member in archive:
                if not member.isfile():
                    continue
                source = archive.extractfile(member)
                assert source is not None
                if member.name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                digest, size, lines = hashlib.sha256(), 0, 0
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
                    lines += chunk.count(b"\n")
                found[member.name] = (digest.hexdigest(), size, lines)
                progress(_("checking"), min(raw.tell(), total), total)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            return Verification(
                problems=[
                    _("The file ends early or is damaged (%(reason)s): it cannot be restored.")
                    % {"reason": error}
                ]
            )
    progress(_("checking"), total, total)
    if manifest_bytes is None:
        return Verification(
            problems=[_("The file has no manifest: it is not a complete backup of the platform.")]
        )
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        return Verification(
            problems=[_("The manifest is not JSON: %(reason)s.") % {"reason": error}]
        )
    result = Verification(manifest=manifest)
    problems = result.problems
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        problems.append(
            _(
                "The manifest names format %(format)s version %(version)s; "
                "this platform reads %(ours)s."
            )
            % {
                "format": manifest.get("format"),
                "version": manifest.get("version"),
                "ours": f"{FORMAT} {VERSION}",
            }
        )
        return result
    expected: set[str] = set()
    for label, table in manifest["tables"].items():
        member = table["member"]
        expected.add(member)
        if member not in found:
            problems.append(
                _("Table %(table)s: its rows are missing from the file.") % {"table": label}
            )
            continue
        digest, _size, lines = found[member]
        if lines != table["rows"]:
            problems.append(
                _("Table %(table)s: the file holds %(found)s rows, the manifest %(expected)s.")
                % {"table": label, "found": lines, "expected": table["rows"]}
            )
        if digest != table["sha256"]:
            problems.append(
                _("Table %(table)s: its rows do not match their checksum.") % {"table": label}
            )
    for name, media in manifest["media"].items():
        member = MEDIA + name
        expected.add(member)
        if member not in found:
            problems.append(_("Media file %(name)s is missing from the file.") % {"name": name})
            continue
        digest, size, _lines = found[member]
        if size != media["size"] or digest != media["sha256"]:
            problems.append(_("Media file %(name)s does not match its checksum.") % {"name": name})
    for member in sorted(set(found) - expected):
        problems.append(
            _("%(member)s is in the file but not in its manifest.") % {"member": member}
        )
    return result


# -- Restore -----------------------------------------------------------------------------


def what_the_instance_holds() -> list[str]:
    """Return why this instance is not empty: its tables with rows, and media files."""
    held = []
    for model in backed_up_models():
        if label_of(model) in FILLED_BY_MIGRATE:
            continue
        count = model._base_manager.count()
        if count:
            held.append(
                ngettext("%(table)s holds %(count)s row", "%(table)s holds %(count)s rows", count)
                % {"table": label_of(model), "count": count}
            )
    files = media_files()
    if files:
        held.append(
            ngettext("%(path)s holds %(count)s file", "%(path)s holds %(count)s files", len(files))
            % {"path": settings.MEDIA_ROOT, "count": len(files)}
        )
    return held


def _check_schema(manifest: dict[str, Any]) -> None:
    ours = applied_migrations()
    theirs = manifest.get("migrations", {})
    if ours != theirs:
        apps_differing = sorted(
            app for app in set(ours) | set(theirs) if ours.get(app) != theirs.get(app)
        )
        raise BackupError(
            _(
                "The backup was made at other migrations than this instance is at (%(apps)s): "
                "run the platform's version that made it, or migrate both to the same version."
            )
            % {"apps": ", ".join(apps_differing)}
        )
    known = {label_of(model): model for model in backed_up_models()}
    for label, table in manifest["tables"].items():
        model = known.get(label)
        if model is None or table["columns"] != [c.attname for c in columns_of(model)]:
            raise BackupError(
                _("Table %(table)s of the backup does not match this platform's.")
                % {"table": label}
            )


def _insert(model: type[models.Model], names: list[str], rows: list[list[Any]], alias: str) -> None:
    objects = [model.from_db(alias, names, row) for row in rows]
    model._base_manager.using(alias)._insert(objects, fields=columns_of(model), raw=True)


def _restore_table(
    model: type[models.Model], source: IO[bytes], alias: str, advance: Callable[[int], None]
) -> None:
    names = [column.attname for column in columns_of(model)]
    decoders = _decoders(model)
    connection = connections[alias]
    batch_size = max(1, connection.ops.bulk_batch_size(columns_of(model), [None] * BATCH))
    batch: list[list[Any]] = []
    for line in source:
        values = json.loads(line)
        batch.append(
            [None if v is None else decode(v) for decode, v in zip(decoders, values, strict=True)]
        )
        if len(batch) >= batch_size:
            _insert(model, names, batch, alias)
            advance(len(batch))
            batch = []
    if batch:
        _insert(model, names, batch, alias)
        advance(len(batch))


@dataclass
class RestoreSummary:
    tables: int
    rows: int
    media: int


def restore_backup(path: str | Path, progress: Progress = _no_progress) -> RestoreSummary:
    """Restore a backup into this empty instance, all or nothing."""
    path = Path(path)
    progress = _each_end_once(progress)
    if not path.is_file():
        raise BackupError(_("There is no file %(path)s.") % {"path": path})
    held = what_the_instance_holds()
    if held:
        shown = held[:SHOWN] + (
            [_("and %(count)s more") % {"count": len(held) - SHOWN}] if len(held) > SHOWN else []
        )
        raise BackupError(
            _(
                "This instance is not empty (%(held)s): a backup restores only into a new "
                "instance, migrated and holding nothing else."
            )
            % {"held": "; ".join(shown)}
        )
    checked = verify_backup(path, progress)
    if checked.problems:
        raise BackupError(
            _("%(path)s cannot be restored:") % {"path": path} + "\n" + "\n".join(checked.problems)
        )
    manifest = checked.manifest
    _check_schema(manifest)
    models_by_member = {
        table["member"]: apps.get_model(label) for label, table in manifest["tables"].items()
    }
    total = checked.rows
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".hrcities-restore-", dir=media_root.parent))
    try:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            progress(_("database rows"), done, total)

        progress(_("database rows"), 0, total)
        restored = list(models_by_member.values())
        try:
            with transaction.atomic():
                for label in FILLED_BY_MIGRATE:
                    apps.get_model(label)._base_manager.all()._raw_delete("default")
                with _open(path) as (archive, _raw):
                    for member in archive:
                        if member.name in models_by_member:
                            source = archive.extractfile(member)
                            assert source is not None
                            _restore_table(
                                models_by_member[member.name], source, "default", advance
                            )
                        elif member.name.startswith(MEDIA) and member.isfile():
                            _stage(archive, member, staging)
                # Checked here rather than at the commit, so that a refusal says why.
                connections["default"].check_constraints(
                    table_names=[model._meta.db_table for model in restored]
                )
                _after_rows(restored)
        except (DatabaseError, ValueError) as error:
            raise BackupError(
                _("The database refused the backup's rows (%(reason)s): nothing was restored.")
                % {"reason": str(error).strip().splitlines()[0] if str(error).strip() else error}
            ) from None
        # Content types are cached by key in each process: the restored ones may differ.
        ContentType.objects.clear_cache()
        moved = 0
        names = sorted(manifest["media"])
        for moved, name in enumerate(names, 1):
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
            progress(_("media files"), moved, len(names))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreSummary(tables=len(manifest["tables"]), rows=total, media=len(manifest["media"]))


def _stage(archive: tarfile.TarFile, member: tarfile.TarInfo, staging: Path) -> None:
    """Write a media file of the backup under the staging folder, where it waits for the
    rows' commit."""
    relative = Path(member.name[len(MEDIA) :])
    if relative.is_absolute() or ".." in relative.parts:
        raise BackupError(_("%(member)s is outside the media folder.") % {"member": member.name})
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    source = archive.extractfile(member)
    assert source is not None
    with target.open("wb") as out:
        shutil.copyfileobj(source, out)


def _after_rows(restored: list[type[models.Model]]) -> None:
    """Bring the database's own derived state in step with the rows just written."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), restored):
                cursor.execute(statement)
        # The pgvector column, where the server offers it, is filled from the stored vectors.
        add_vector_column(connection)
