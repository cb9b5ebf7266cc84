import csv
import io

import pytest

from hrcities.commitments.exchange import (
    COLUMNS,
    ImportRefused,
    export_actions_csv,
    import_actions_csv,
)
from hrcities.commitments.models import Action
from hrcities.core.models import Revision
from hrcities.core.services import update_record
from hrcities.taxonomy.models import SdgGoal

from .builders import action, declaration_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(gwangju, busan):
    SdgGoal.objects.update_or_create(
        number=16, defaults={"titles": {"en": "Peace, justice and strong institutions"}}
    )
    declaration = declaration_with(2, slug="whrcf-2020")
    first = declaration.commitments.get(number=1)
    return declaration, first


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_exported_file_reimports_unchanged(setting, gwangju, gwangju_editor):
    declaration, first = setting
    parent = action(
        first, gwangju, title="=Human rights ordinance", description="Line one\nline two, “quoted”"
    )
    action(first, gwangju, parent=parent, title="Hearing", progress=40)
    from hrcities.taxonomy.tags import set_accepted_tags

    set_accepted_tags(parent, ["sdg:16"], by=gwangju_editor)
    exported = export_actions_csv(Action.objects.all())
    revisions_before = Revision.objects.count()

    report = import_actions_csv(exported.encode("utf-8"), by=gwangju_editor)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Revision.objects.count() == revisions_before
    assert export_actions_csv(Action.objects.all()) == exported


def test_the_export_guards_spreadsheet_formulas_and_keeps_tags(setting, gwangju, gwangju_editor):
    _, first = setting
    guarded = action(first, gwangju, title='=HYPERLINK("x")')
    from hrcities.taxonomy.tags import set_accepted_tags

    set_accepted_tags(guarded, ["sdg:16"], by=gwangju_editor)

    [row] = rows(export_actions_csv(Action.objects.all()))
    assert list(row) == COLUMNS
    assert row["title"] == '\'=HYPERLINK("x")'
    assert row["tags"] == "sdg:16"
    assert row["commitment"] == "whrcf-2020/1"


def test_new_rows_create_and_rows_with_ids_update(setting, gwangju, gwangju_editor):
    _, first = setting
    existing = action(first, gwangju, title="Old title")
    text = (
        ",".join(COLUMNS) + "\r\n"
        f"{existing.pk},{existing.version},whrcf-2020/1,,gwangju,,New title,,"
        "2021-01-01,2021-12-31,in-progress,60,1,sdg:16\r\n"
        ",,whrcf-2020/2,,gwangju,,Human rights impact assessment,,,,planned,,2,\r\n"
    )

    report = import_actions_csv(text.encode(), by=gwangju_editor)

    assert (report.created, report.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.title == "New title" and existing.progress == 60
    created = Action.objects.get(title="Human rights impact assessment")
    assert created.commitment.number == 2 and str(created.weight) == "2.00"


def test_a_file_with_any_bad_row_changes_nothing_and_names_every_problem(
    setting, gwangju, busan, gwangju_editor
):
    _, first = setting
    existing = action(first, gwangju, title="Keep me")
    text = (
        ",".join(COLUMNS) + "\n"
        f"{existing.pk},{existing.version},whrcf-2020/1,,gwangju,,Changed,,,,in-progress,,1,\n"
        ",,whrcf-2020/9,,gwangju,,Unknown promise,,,,planned,,1,\n"
        ",,whrcf-2020/1,,busan,,Not my city,,2021-02-30,,finished,140,-1,sdg:99\n"
    )

    with pytest.raises(ImportRefused) as refused:
        import_actions_csv(text.encode(), by=gwangju_editor)

    problems = {(e.row, e.column) for e in refused.value.report.errors}
    assert (3, "commitment") in problems
    assert {
        (4, "city"),
        (4, "start_date"),
        (4, "status"),
        (4, "progress"),
        (4, "weight"),
        (4, "tags"),
    } <= problems
    assert "row 4, column “progress”" in str(refused.value)
    existing.refresh_from_db()
    assert existing.title == "Keep me"
    assert Action.objects.count() == 1


def test_another_citys_action_id_is_refused_as_if_it_did_not_exist(setting, busan, gwangju_editor):
    _, first = setting
    theirs = action(first, busan, title="Busan's action")
    text = ",".join(COLUMNS) + f"\n{theirs.pk},1,whrcf-2020/1,,busan,,Taken over,,,,planned,,1,\n"

    with pytest.raises(ImportRefused) as refused:
        import_actions_csv(text.encode(), by=gwangju_editor)

    messages = [e.message for e in refused.value.report.errors if e.column == "id"]
    assert messages == [f"There is no action {theirs.pk} that you may edit."]
    theirs.refresh_from_db()
    assert theirs.title == "Busan's action"


def test_a_row_based_on_an_old_version_is_refused(setting, gwangju, gwangju_editor):
    _, first = setting
    mine = action(first, gwangju, title="First")
    exported = export_actions_csv(Action.objects.all())
    update_record(mine, {"title": "Changed meanwhile"}, by=gwangju_editor, based_on_version=1)

    with pytest.raises(ImportRefused) as refused:
        import_actions_csv(exported.replace("First", "Mine").encode(), by=gwangju_editor)

    [error] = refused.value.report.errors
    assert error.column == "version" and "now version 2" in error.message
    mine.refresh_from_db()
    assert mine.title == "Changed meanwhile"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"id,title\n1,x\n", "This column is missing"),
        (("\ufeff" + ",".join(COLUMNS) + ",colour\n").encode(), "Unknown column"),
        ((",".join(COLUMNS) + '\n1,"unclosed\n').encode(), "Not readable as CSV"),
        ((",".join(COLUMNS) + "\n1,2,3\n").encode(), "This row has 3 cells; the header has 14"),
        (b"a,b\x00,c\n", "NUL"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(setting, gwangju_editor, data, expected):
    with pytest.raises(ImportRefused) as refused:
        import_actions_csv(data, by=gwangju_editor)
    assert expected in str(refused.value)


def test_a_huge_file_is_refused_before_it_is_read(gwangju_editor):
    with pytest.raises(ImportRefused, match="limit is 5 MB"):
        import_actions_csv(b"x" * (5 * 1024 * 1024 + 1), by=gwangju_editor)
