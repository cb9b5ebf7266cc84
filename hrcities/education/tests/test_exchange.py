"""Programmes and sessions as CSV: the export reads back unchanged, an edited file changes
what it says, and a bad file changes nothing and says what is wrong, where."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from hrcities.core.csvfiles import MAX_BYTES, ImportRefused
from hrcities.education import services
from hrcities.education.exchange import (
    export_programmes_csv,
    export_sessions_csv,
    import_programmes_csv,
    import_sessions_csv,
)
from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience, Programme, Session
from hrcities.taxonomy.models import SdgGoal, SdgTarget
from hrcities.taxonomy.tags import set_accepted_tags

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk(gwangju, gwangju_editor):
    load_wphre()
    goal = SdgGoal.objects.create(number=4, titles={"en": "Quality education"})
    SdgTarget.objects.create(code="4.7", goal=goal, titles={"en": "Education for human rights"})
    programme = make_programme(
        gwangju,
        slug="memory-walk",
        titles={"en": "Memory walk", "ko": "5·18 기억 걷기 🕯️", "ja": "記憶の散歩"},
        summaries={"en": "=SUM(A1) is how a spreadsheet would read this."},
        languages=["ko", "en"],
        format="blended",
        audiences=[Audience.objects.get(slug="youth")],
        duration_hours="4.5",
    )
    set_accepted_tags(programme, ["sdg-target:4.7"], by=gwangju_editor)
    session = make_session(programme, starts_on=date(2023, 5, 18), participants=30)
    services.update_session(
        session, {}, by=gwangju_editor, based_on_version=None, counts={"sex": {"Female": 18}}
    )
    return programme


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def edited(text, **changes):
    """Return the CSV text with cells of its first row changed."""
    table = rows(text)
    table[0].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


def problems(error):
    return [(e.row, e.column) for e in error.value.report.errors]


def test_the_exports_read_back_unchanged(walk, gwangju_editor):
    programmes, sessions = export_programmes_csv(None), export_sessions_csv(None)

    assert rows(programmes)[0]["title_ko"] == "5·18 기억 걷기 🕯️"
    assert rows(programmes)[0]["summary_en"].startswith("'=SUM")  # guarded, not run
    assert rows(programmes)[0]["tags"] == "sdg-target:4.7"
    assert rows(sessions)[0]["counts"] == "sex:Female=18"
    first = import_programmes_csv(programmes.encode(), by=gwangju_editor)
    second = import_sessions_csv(sessions.encode(), by=gwangju_editor)

    assert (first.created, first.updated, first.unchanged) == (0, 0, 1)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    walk.refresh_from_db()
    assert walk.titles["ja"] == "記憶の散歩"  # a language without a column is kept
    assert walk.summaries["en"].startswith("=SUM")
    assert export_programmes_csv(None) == programmes


def test_an_edited_file_changes_what_it_says_and_adds_new_rows_as_drafts(walk, gwangju_editor):
    text = edited(export_programmes_csv(None), title_en="Memory walk, revised", format="online")
    text += ",,lantern-night,gwangju,,Lantern night,등불의 밤,,,,,ko,ko,in-person,2,youth"
    text += ",,,,,,,,,,,public,,\r\n"

    report = import_programmes_csv(text.encode(), by=gwangju_editor)

    assert (report.created, report.updated) == (1, 1)
    walk.refresh_from_db()
    assert (walk.titles["en"], walk.format) == ("Memory walk, revised", "online")
    added = Programme.objects.get(slug="lantern-night")
    assert added.publication == "draft" and added.titles["ko"] == "등불의 밤"


def test_a_file_exported_before_someone_elses_change_is_refused(walk, gwangju_editor):
    text = export_programmes_csv(None)
    services.update_programme(
        walk, {"contact": "office@gwangju.example"}, by=gwangju_editor, based_on_version=None
    )

    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(edited(text, title_en="Mine").encode(), by=gwangju_editor)

    assert problems(error) == [(2, "version")]
    walk.refresh_from_db()
    assert walk.titles["en"] == "Memory walk"


def test_another_citys_programme_id_is_refused_as_unknown(walk, busan_editor):
    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(
            edited(export_programmes_csv(None), title_en="Ours").encode(), by=busan_editor
        )

    assert problems(error) == [(2, "id")]
    assert f"no record {walk.pk} that you may change" in str(error.value)


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"format": "by carrier pigeon"}, "format"),
        ({"audiences": "youth;astronauts"}, "audiences"),
        ({"duration_hours": "four"}, "duration_hours"),
        ({"languages": "ko;not a language!"}, "languages"),
        ({"id": "", "version": "", "slug": "fresh", "title_en": "", "title_ko": ""}, "title_en"),
        ({"tags": "sdg:99"}, "tags"),
        ({"title_en": "Bell\x07"}, "title_en"),
        ({"city": "busan"}, "city"),
    ],
)
def test_a_bad_programme_cell_is_named_with_its_row_and_column(walk, gwangju_editor, cells, column):
    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(
            edited(export_programmes_csv(None), **cells).encode(), by=gwangju_editor
        )

    assert (2, column) in problems(error)
    walk.refresh_from_db()
    assert walk.titles["en"] == "Memory walk"


def test_one_bad_session_row_keeps_every_row_out(walk, gwangju_editor):
    header = "programme,starts_on,participants,counts\r\n"
    text = header + "memory-walk,2024-05-18,12,\r\nmemory-walk,2024-05-19,5,sex:Female=9\r\n"

    with pytest.raises(ImportRefused) as error:
        import_sessions_csv(text.encode(), by=gwangju_editor)

    assert (3, "count_sex") in problems(error)
    assert Session.objects.count() == 1  # the one made before the import


@pytest.mark.parametrize(
    "line, column",
    [
        ("memory-walk,1850-05-18,12", "starts_on"),
        ("memory-walk,2024-02-30,12", "starts_on"),
        ("memory-walk,99999-01-01,12", "starts_on"),
        ("memory-walk,2024-05-18,-3", "participants"),
        ("no-such-programme,2024-05-18,3", "programme"),
    ],
)
def test_a_bad_session_row_is_named(walk, gwangju_editor, line, column):
    text = f"programme,starts_on,participants\r\n{line}\r\n"

    with pytest.raises(ImportRefused) as error:
        import_sessions_csv(text.encode(), by=gwangju_editor)

    assert (2, column) in problems(error)


def test_sessions_of_another_citys_programme_are_refused(walk, busan_editor):
    text = "programme,starts_on,participants\r\nmemory-walk,2024-05-18,3\r\n"

    with pytest.raises(ImportRefused) as error:
        import_sessions_csv(text.encode(), by=busan_editor)

    assert problems(error) == [(2, "programme")]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b'id,slug\r\n1,"unclosed\r\n', "Not readable as CSV"),
        (b"\xff\xfeid,slug\r\n", "not UTF-8"),
        (b"id,slug\x00\r\n", "NUL"),
        (b"id,colour\r\n1,red\r\n", "Unknown column"),
        (b"x" * (MAX_BYTES + 1), "limit is 5 MB"),
    ],
)
def test_a_file_that_is_not_a_good_csv_is_refused_whole(walk, gwangju_editor, data, message):
    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(data, by=gwangju_editor)

    assert message in str(error.value)


def test_a_draft_is_left_out_of_the_public_exports(walk, gwangju, gwangju_editor):
    draft = services.create_programme(by=gwangju_editor, city=gwangju, titles={"en": "Secret plan"})
    make_session(draft, facilitator="Hidden Facilitator")

    public = export_programmes_csv(None) + export_sessions_csv(None)
    keeper = export_programmes_csv(gwangju_editor) + export_sessions_csv(gwangju_editor)

    assert "Secret plan" not in public and "Hidden Facilitator" not in public
    assert "Secret plan" in keeper and "Hidden Facilitator" in keeper


def test_the_page_api_and_commands_give_the_same_file(
    client, walk, gwangju_editor, tmp_path, api_token
):
    page = b"".join(client.get("/education/programmes.csv").streaming_content).decode()
    api = b"".join(client.get("/api/education/programmes.csv").streaming_content).decode()
    call_command("export_education", "--format", "programmes", "--output", str(tmp_path / "p.csv"))

    assert page == api == (tmp_path / "p.csv").read_bytes().decode()
    call_command(
        "import_education", "programmes", "--csv", str(tmp_path / "p.csv"), "--as", "gwangju-editor"
    )
    (tmp_path / "bad.csv").write_text("programme,starts_on,participants\r\nx,2024-01-01,1\r\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_education",
            "sessions",
            "--csv",
            str(tmp_path / "bad.csv"),
            "--as",
            "gwangju-editor",
        )
    refused = client.post(
        "/api/education/sessions/import",
        {
            "file": SimpleUploadedFile(
                "s.csv", b"programme,starts_on,participants\r\nx,2024-01-01,1\r\n"
            )
        },
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"row": 2, "field": "programme", "detail": "No programme you may see has the address “x”."}
    ]


def test_the_import_page_reports_each_problem_and_imports_a_good_file(client, walk, gwangju_editor):
    client.force_login(gwangju_editor)
    good = export_sessions_csv(None).encode()
    bad = b"programme,starts_on,participants\r\nmemory-walk,1850-01-01,1\r\n"

    refused = client.post(
        "/education/import/", {"kind": "sessions", "file": SimpleUploadedFile("s.csv", bad)}
    )
    done = client.post(
        "/education/import/",
        {"kind": "sessions", "file": SimpleUploadedFile("s.csv", good)},
        follow=True,
    )

    assert refused.status_code == 400
    assert '<th scope="row">2</th><td>starts_on</td>' in refused.content.decode()
    assert "0 created, 0 updated, 1 unchanged" in done.content.decode()


def test_the_api_refuses_a_huge_file_unread_and_changes_nothing(
    client, walk, gwangju_editor, api_token
):
    huge = SimpleUploadedFile(
        "huge.csv", b"programme,starts_on,participants\r\n" + b"x" * MAX_BYTES
    )

    answer = client.post(
        "/api/education/sessions/import",
        {"file": huge},
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )

    assert answer.status_code == 422
    assert "the limit is 5 MB" in answer.json()["errors"][0]["detail"]
    assert Session.objects.count() == 1
