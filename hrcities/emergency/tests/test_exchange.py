"""Measures and reviews as CSV: what the export writes the import reads back unchanged;
a file with any bad row changes nothing and names every bad row and column."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hrcities.access.tiers import Publication
from hrcities.core.csvfiles import ImportRefused
from hrcities.emergency import services
from hrcities.emergency.exchange import (
    MEASURE_COLUMNS,
    REVIEW_COLUMNS,
    export_measures_csv,
    export_reviews_csv,
    import_measures_csv,
    import_reviews_csv,
)
from hrcities.emergency.models import Issue, Measure, Review

from .factories import make_measure, make_review

pytestmark = pytest.mark.django_db


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def write(rows_, columns):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows_)
    return out.getvalue().encode()


def refused(run, data, by):
    with pytest.raises(ImportRefused) as error:
        run(data, by=by)
    return [(e.row, e.column, e.message) for e in error.value.report.errors]


@pytest.fixture
def gwangju_measures(gwangju, covid):
    ban = make_measure(
        gwangju,
        titles={"en": "=Rally ban", "ko": "집회 금지"},
        summaries={"en": "No gatherings, “downtown”,\nsecond line"},
        issues=[Issue.objects.get(slug="assembly"), Issue.objects.get(slug="movement")],
        sunset_on=date(2020, 4, 30),
    )
    review = make_review(
        ban,
        outcome="concerns",
        reviewed_on=date(2020, 4, 1),
        next_review_on=date(2020, 7, 1),
        summaries={"ko": "과도한 제한"},
        recommendations={"en": "Allow small vigils"},
    )
    review.answers.filter(criterion="proportionality").update(
        answer="no", evidence={"en": "Order 2020-12, art. 3"}, note={"ko": "예외 없음"}
    )
    return ban, review


def test_measures_and_reviews_read_back_unchanged(gwangju_measures, gwangju_editor):
    measures_csv = export_measures_csv(gwangju_editor)
    reviews_csv = export_reviews_csv(gwangju_editor)
    [measure_row] = rows(measures_csv)
    [review_row] = rows(reviews_csv)

    assert list(rows(measures_csv)[0]) == MEASURE_COLUMNS
    assert measure_row["title_en"] == "'=Rally ban"  # guarded against spreadsheet formulas
    assert measure_row["issues"] == "assembly;movement"
    assert list(review_row) == REVIEW_COLUMNS
    assert review_row["proportionality"] == "no"
    assert review_row["proportionality_evidence_en"] == "Order 2020-12, art. 3"
    assert review_row["proportionality_note_ko"] == "예외 없음"

    report = import_measures_csv(measures_csv.encode(), by=gwangju_editor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    report = import_reviews_csv(reviews_csv.encode(), by=gwangju_editor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert export_measures_csv(gwangju_editor) == measures_csv
    assert export_reviews_csv(gwangju_editor) == reviews_csv

    # The same rows without ids add copies as drafts, answers and all.
    for text, run in ((measures_csv, import_measures_csv),):
        data = [{**row, "id": "", "version": ""} for row in rows(text)]
        assert run(write(data, MEASURE_COLUMNS), by=gwangju_editor).created == 1
    copy = Measure.objects.latest("pk")
    assert copy.publication == Publication.DRAFT
    assert copy.titles == {"en": "=Rally ban", "ko": "집회 금지"}
    assert sorted(i.slug for i in copy.issues.all()) == ["assembly", "movement"]
    review_copy = [{**rows(reviews_csv)[0], "id": "", "version": "", "measure": str(copy.pk)}]
    assert import_reviews_csv(write(review_copy, REVIEW_COLUMNS), by=gwangju_editor).created == 1
    made = Review.objects.get(measure=copy)
    assert made.publication == Publication.DRAFT
    assert made.answers.get(criterion="proportionality").note == {"ko": "예외 없음"}


def test_a_changed_cell_updates_the_record_and_its_answers(gwangju_measures, gwangju_editor):
    ban, review = gwangju_measures
    [row] = rows(export_reviews_csv(gwangju_editor))
    row.update(outcome="incompatible", remedy="unclear", remedy_note_en="No court yet")

    report = import_reviews_csv(write([row], REVIEW_COLUMNS), by=gwangju_editor)

    assert report.updated == 1
    review.refresh_from_db()
    assert review.outcome == "incompatible"
    assert review.answers.get(criterion="remedy").note == {"en": "No court yet"}
    # Publication is not read back: the review stays as it was published.
    assert review.publication == Publication.PUBLISHED


def test_a_file_with_bad_rows_changes_nothing_and_names_each_row_and_column(
    gwangju_measures, gwangju_editor
):
    ban, _review = gwangju_measures
    [good] = rows(export_measures_csv(gwangju_editor))
    good.update(title_en="Renamed")
    new = {
        **good,
        "id": "",
        "version": "",
        "in_force_from": "2020-05-01",
        "sunset_on": "2020-04-01",
    }
    odd = {**good, "id": "", "version": "", "kind": "decree", "introduced_on": "2020-13-01"}

    problems = refused(
        import_measures_csv, write([good, new, odd], MEASURE_COLUMNS), gwangju_editor
    )

    assert (3, "sunset_on", "The sunset is before the day the measure came into force.") in (
        problems
    )
    assert [(row, column) for row, column, _m in problems if row == 4] == [
        (4, "kind"),
        (4, "introduced_on"),
    ]
    ban.refresh_from_db()
    assert ban.title == "=Rally ban" and Measure.objects.count() == 1


def test_another_citys_ids_are_refused_as_if_they_did_not_exist(
    gwangju_measures, busan_editor, gwangju_editor
):
    ban, review = gwangju_measures
    draft = make_measure(ban.city, publication=Publication.DRAFT)
    [row] = rows(export_measures_csv(gwangju_editor))[:1]

    problems = refused(
        import_measures_csv,
        write([{**row, "title_en": "Taken"}, {**row, "id": str(draft.pk)}], MEASURE_COLUMNS),
        busan_editor,
    )
    assert problems == [
        (2, "id", f"There is no record {ban.pk} that you may change."),
        (3, "id", f"There is no record {draft.pk} that you may change."),
    ]
    [review_row] = rows(export_reviews_csv(gwangju_editor))
    new_review = {**review_row, "id": "", "version": "", "measure": str(draft.pk)}
    assert (2, "measure", f"No measure you may see has the id {draft.pk}.") in refused(
        import_reviews_csv, write([new_review], REVIEW_COLUMNS), busan_editor
    )
    # Busan may not review as Gwangju, nor move Gwangju's measure to itself.
    as_gwangju = {**review_row, "id": "", "version": "", "measure": str(ban.pk)}
    problems = refused(import_reviews_csv, write([as_gwangju], REVIEW_COLUMNS), busan_editor)
    assert problems[0][0] == 2 and "Gwangju" in problems[0][2]
    moved = {**row, "city": "busan"}
    assert (2, "city") in [
        (r, c)
        for r, c, _m in refused(
            import_measures_csv, write([moved], MEASURE_COLUMNS), gwangju_editor
        )
    ]
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"", (1, "")),
        (b"\xff\xfeid\n", (1, "")),
        (b'id,title_en\n1,"unclosed\n', (2, "")),
        (b"id,colour\n", (1, "colour")),
        (b"id,id\n", (1, "id")),
        ("title_en,city\nCurfew\u0000,gwangju\n".encode(), (2, "")),
        ("title_en,city\nCurfew\ufffe,gwangju\n".encode(), (2, "title_en")),
        (b"city,title_en\ngwangju\n", (2, "")),
    ],
)
def test_malformed_files_are_refused_with_where(data, where, gwangju_editor, covid):
    problems = refused(import_measures_csv, data, gwangju_editor)

    assert where in [(row, column) for row, column, _m in problems]
    assert not Measure.objects.exists()


def test_the_commands_export_as_the_public_sees_and_import_all_or_nothing(
    gwangju_measures, gwangju_editor, tmp_path, capsys
):
    ban, _review = gwangju_measures
    draft = make_measure(ban.city, titles={"en": "Secret draft"}, publication=Publication.DRAFT)
    services.create_review(
        ban, by=gwangju_editor, city=ban.city, reviewed_on=date(2021, 1, 1), outcome="compatible"
    )
    out = tmp_path / "measures.csv"
    call_command("export_emergency", "--output", str(out))
    call_command("export_emergency", "--format", "reviews", "--output", str(tmp_path / "r.csv"))

    assert [r["id"] for r in rows(out.read_text())] == [str(ban.pk)]
    assert "Secret draft" not in out.read_text()
    assert len(rows((tmp_path / "r.csv").read_text())) == 1  # the draft review is left out

    call_command("import_emergency", "measures", "--csv", str(out), "--as", "gwangju-editor")
    assert "0 added, 0 changed, 1 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("id,version,title_en\n" + f"{draft.pk},1,Changed\n" + "abc,1,x\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_emergency", "measures", "--csv", str(bad), "--as", "gwangju-editor")
    draft.refresh_from_db()
    assert draft.title == "Secret draft"


def test_the_api_imports_measures_and_reviews_and_refuses_a_bad_file_whole(
    gwangju_measures, gwangju_editor, client, api_token
):
    ban, review = gwangju_measures
    auth = {"Authorization": f"Bearer {api_token(gwangju_editor)}"}
    [measure_row] = rows(export_measures_csv(gwangju_editor))
    [review_row] = rows(export_reviews_csv(gwangju_editor))
    measure_row.update(title_en="Rally ban, renamed")
    review_row.update(outcome="incompatible")

    def upload(path, data):
        file = io.BytesIO(data)
        file.name = "rows.csv"
        return client.post(f"/api/emergency/{path}/import", {"csv": file}, headers=auth)

    measures = upload("measures", write([measure_row], MEASURE_COLUMNS))
    reviews = upload("reviews", write([review_row], REVIEW_COLUMNS))
    bad = upload("measures", write([{**measure_row, "kind": "decree"}], MEASURE_COLUMNS))

    assert measures.status_code == 200, measures.content
    assert measures.json()["updated"] == 1
    assert reviews.status_code == 200, reviews.content
    assert reviews.json()["updated"] == 1
    ban.refresh_from_db()
    review.refresh_from_db()
    assert (ban.title, review.outcome) == ("Rally ban, renamed", "incompatible")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "kind"
    assert Measure.objects.get().kind != "decree"
