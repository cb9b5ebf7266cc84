"""The import_archive and export_archive commands."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from hrcities.archive.models import Item, MediaFile

from .cases import HIDDEN_FROM_PUBLIC, leaked, make_cases
from .factories import make_item

pytestmark = pytest.mark.django_db
HEADER = "kind,title_en,date,city,files\n"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def a_zip(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_the_command_shows_progress_and_reports_what_it_created(tmp_path, gwangju, gwangju_editor):
    rows = "".join(f"document,Leaflet {n},1980-05,gwangju,\n" for n in range(1, 240))
    rows += "document,With a file,1980-05-20,gwangju,leaflet.pdf\n"
    csv_path = write(tmp_path, "items.csv", (HEADER + rows).encode())
    zip_path = write(tmp_path, "files.zip", a_zip({"leaflet.pdf": b"%PDF-1.4\n"}))
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_archive",
        "--csv",
        csv_path,
        "--zip",
        zip_path,
        "--as",
        "gwangju-editor",
        stdout=out,
        stderr=err,
    )

    assert Item.objects.filter(publication="draft").count() == 240
    assert MediaFile.objects.count() == 1
    assert "Imported 240 item(s)" in out.getvalue()
    lines = [line.rsplit("\r", 1)[-1] for line in err.getvalue().split("\n")[:-1]]
    assert [line.split()[0] for line in lines] == ["checking", "importing"]
    assert all("[" + "#" * 30 + "] 240/240 " in line for line in lines)
    assert "[" + "#" * 15 + "." * 15 + "] 120/240 " in err.getvalue()


def test_the_command_exits_non_zero_and_lists_problems_on_refusal(
    tmp_path, gwangju, gwangju_editor
):
    data = (
        HEADER + "document,Where?,1980,atlantis,\nphoto,Escape,1980,gwangju,../x.jpg\n"
    ).encode()
    csv_path = write(tmp_path, "items.csv", data)
    zip_path = write(tmp_path, "files.zip", a_zip({"../x.jpg": b"\xff\xd8\xff"}))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_archive",
            "--csv",
            csv_path,
            "--zip",
            zip_path,
            "--as",
            "gwangju-editor",
            stderr=err,
        )

    assert "points outside" in err.getvalue()
    assert not Item.objects.exists()


def test_the_command_refuses_an_unknown_user(tmp_path, gwangju):
    csv_path = write(tmp_path, "items.csv", HEADER.encode())

    with pytest.raises(CommandError, match="no user"):
        call_command("import_archive", "--csv", csv_path, "--as", "nobody")


def test_the_exports_are_what_the_public_sees(tmp_path, gwangju, gwangju_editor):
    cases = make_cases(gwangju, gwangju_editor)
    dump, table = tmp_path / "archive.jsonld", tmp_path / "items.csv"

    call_command(
        "export_archive", "--format", "jsonld", "--output", str(dump), stderr=io.StringIO()
    )
    call_command("export_archive", "--format", "csv", "--output", str(table), stderr=io.StringIO())

    graph = json.loads(dump.read_text(encoding="utf-8"))["@graph"]
    assert [n["@id"] for n in graph if n["@type"] == "CreativeWork"] == [
        f"http://127.0.0.1:8000/archive/items/{cases.public.pk}/"
    ]
    assert leaked(dump.read_text(encoding="utf-8"), HIDDEN_FROM_PUBLIC) == []
    assert leaked(table.read_text(encoding="utf-8"), HIDDEN_FROM_PUBLIC) == []


def test_imported_items_are_searchable_at_once_by_keyword_and_semantic_vector(
    gwangju, gwangju_editor, django_capture_on_commit_callbacks
):
    """The import writes its search documents together before it commits, and their
    sentence vectors after (the background worker runs at once under tests); a refused
    import leaves none."""
    from django.db import transaction

    from hrcities.archive.exchange import ImportRefused, import_archive
    from hrcities.search.models import SearchDocument
    from hrcities.search.services import search

    rows = "kind,title_en,title_ko,city\n"
    rows += "document,Leaflet of the citizens' council,,gwangju\n"
    rows += "document,,시민군 성명서,gwangju\n"
    with django_capture_on_commit_callbacks(execute=True):
        report = import_archive(rows.encode(), None, by=gwangju_editor)

    documents = SearchDocument.objects.filter(kind="item", object_id__in=report.item_ids)
    assert documents.count() == 2
    assert all(document.vector for document in documents)
    found = search(gwangju_editor, "성명서", use_semantic=False).hits
    assert [hit.title for hit in found] == ["시민군 성명서"]
    hits = search(gwangju_editor, "citizens council", use_semantic=False).hits
    assert [hit.title for hit in hits] == ["Leaflet of the citizens' council"]

    before = SearchDocument.objects.count()
    bad = rows + "document,A leaflet,,no-such-city\n"
    with pytest.raises(ImportRefused), transaction.atomic():
        import_archive(bad.encode(), None, by=gwangju_editor)
    assert SearchDocument.objects.count() == before


def test_an_export_from_a_korean_shell_is_the_same_data(tmp_path, gwangju, monkeypatch):
    from hrcities.archive.models import Place

    place = Place(city=gwangju, titles={"en": "Former Provincial Office", "ko": "옛 전남도청"})
    place.full_clean()
    place.save()
    make_item(gwangju, place=place)
    tables = []
    for language in ("ko", "en"):
        monkeypatch.setenv("HRCITIES_LANGUAGE", language)
        table = tmp_path / f"items-{language}.csv"
        err = io.StringIO()
        call_command("export_archive", "--format", "csv", "--output", str(table), stderr=err)
        tables.append(table.read_text(encoding="utf-8"))
    assert "Former Provincial Office" in tables[0]
    assert tables[0] == tables[1]
