"""Open SDG tidy CSV: import validation, all-or-nothing, round trip, formula guard."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hrcities.indicators.exchange import ImportRefused, export_csv, import_csv
from hrcities.indicators.models import Observation

from .factories import make_indicator, observe

pytestmark = pytest.mark.django_db


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def refused(data: bytes, city, by, **kw) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRefused) as caught:
        import_csv(data, city=city, by=by, **kw)
    return [(e.row, e.column, e.message) for e in caught.value.report.errors]


@pytest.fixture
def turnout(gwangju):
    return make_indicator(gwangju, code="1-1", unit="%")


def test_a_one_indicator_file_imports_totals_and_groups(gwangju, gwangju_editor, turnout):
    report = import_csv(
        csv_bytes(
            "Year,Sex,Age,Units,Value",
            "2021,,,%,61.2",
            "2021,Female,,%,63",
            "2021,Male,,%,59.4",
            "2021,,65+,%,70",
        ),
        city=gwangju,
        by=gwangju_editor,
        indicator=turnout,
    )
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    total = turnout.observations.totals().get()
    assert total.value == Decimal("61.2")
    assert total.unit == ""  # the indicator's own unit
    assert set(turnout.observations.values_list("disaggregation_key", flat=True)) == {
        "",
        "sex=Female",
        "sex=Male",
        "age=65+",
    }


def test_a_multi_indicator_file_names_each_rows_indicator(gwangju, gwangju_editor, turnout):
    other = make_indicator(gwangju, code="2-4", unit="persons")
    report = import_csv(
        csv_bytes("Indicator,Year,Units,Value", "1-1,2022,%,60", "2-4,2022,persons,120"),
        city=gwangju,
        by=gwangju_editor,
    )
    assert report.created == 2
    assert other.observations.get().value == 120


def test_every_bad_row_is_reported_and_nothing_changes(gwangju, gwangju_editor, turnout):
    observe(turnout, 2019, 50)
    errors = refused(
        csv_bytes(
            "Indicator,Year,Sex,Units,Value",
            "1-1,2020,,%,55",  # good, but the file has bad rows
            "9-9,2020,,%,1",  # unknown indicator
            "1-1,2020,Female,%,lots",  # not a number
            "1-1,1850,,%,3",  # year out of range
            "1-1,2999,,%,3",  # year out of range (future)
            "1-1,twenty,,%,3",  # not a year
            "1-1,2020,,%,56",  # duplicate of row 2
            "1-1,2021,F,%,4",  # unknown value of a closed dimension
            "1-1,2021,,%,",  # empty value
            "1-1,2021,%,5",  # too few cells
        ),
        gwangju,
        gwangju_editor,
    )
    by_row = {(row, column) for row, column, _ in errors}
    assert by_row == {
        (3, "Indicator"),
        (4, "Value"),
        (5, "Year"),
        (6, "Year"),
        (7, "Year"),
        (8, ""),
        (9, "Sex"),
        (10, "Value"),
        (11, ""),
    }
    messages = dict(((row, column), message) for row, column, message in errors)
    assert "Unknown indicator “9-9”" in messages[(3, "Indicator")]
    assert "not a number" in messages[(4, "Value")]
    assert "out of range" in messages[(5, "Year")]
    assert "Duplicate row: row 2" in messages[(8, "")]
    assert "not a value of this dimension" in messages[(9, "Sex")]
    assert list(turnout.observations.values_list("year", flat=True)) == [2019]


def test_an_unknown_dimension_column_is_reported(gwangju, gwangju_editor, turnout):
    errors = refused(
        csv_bytes("Year,Religion,Value", "2020,,5"), gwangju, gwangju_editor, indicator=turnout
    )
    assert errors[0][:2] == (1, "Religion")
    assert "Unknown dimension" in errors[0][2]
    assert not Observation.objects.exists()


def test_missing_columns_are_reported(gwangju, gwangju_editor, turnout):
    errors = refused(csv_bytes("Year,Units", "2020,%"), gwangju, gwangju_editor)
    assert {(row, column) for row, column, _ in errors} == {(1, "Value"), (1, "Indicator")}


def test_a_row_for_another_indicator_in_a_one_indicator_file_is_refused(
    gwangju, gwangju_editor, turnout
):
    make_indicator(gwangju, code="2-4")
    errors = refused(
        csv_bytes("Indicator,Year,Value", "2-4,2020,5"), gwangju, gwangju_editor, indicator=turnout
    )
    assert errors == [(2, "Indicator", "This file is for indicator 1-1, not “2-4”.")]


def test_a_file_that_is_not_utf8_is_refused(gwangju, gwangju_editor, turnout):
    errors = refused(
        "Year,Value\r\n2020,5\r\n".encode("utf-16"), gwangju, gwangju_editor, indicator=turnout
    )
    assert "not UTF-8" in errors[0][2]


def test_an_editor_of_another_city_cannot_import(gwangju, busan_editor, turnout):
    with pytest.raises(PermissionDenied):
        import_csv(
            csv_bytes("Year,Value", "2020,5"), city=gwangju, by=busan_editor, indicator=turnout
        )
    assert not Observation.objects.exists()


def test_importing_again_replaces_values_of_the_same_year_and_group(
    gwangju, gwangju_editor, turnout
):
    observe(turnout, 2020, 50)
    observe(turnout, 2021, 51)
    report = import_csv(
        csv_bytes("Year,Units,Value", "2020,%,50", "2021,%,52.5"),
        city=gwangju,
        by=gwangju_editor,
        indicator=turnout,
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert turnout.observations.get(year=2021).value == Decimal("52.5")


def test_an_exported_file_reimports_unchanged(gwangju, gwangju_editor, turnout):
    other = make_indicator(gwangju, code="2-4", unit="persons")
    observe(turnout, 2020, "50.50", source="Election commission", note='=HYPERLINK("x")')
    observe(turnout, 2020, 52, disaggregation={"sex": "Female", "age": "65+"})
    observe(turnout, 2021, -3, unit="points", period="H1")
    observe(other, 2021, 100000, disaggregation={"district": "-Buk-gu"})
    exported = export_csv([turnout, other])
    report = import_csv(exported.encode(), city=gwangju, by=gwangju_editor)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert export_csv([turnout, other]) == exported

    # The same file imported into an empty city's copy recreates every value.
    Observation.objects.all().delete()
    report = import_csv(exported.encode(), city=gwangju, by=gwangju_editor)
    assert report.created == 4
    assert export_csv([turnout, other]) == exported


def test_the_export_guards_cells_a_spreadsheet_would_run(gwangju, turnout):
    observe(turnout, 2020, -5, source="=cmd|' /C calc'!A0", disaggregation={"district": "@x"})
    exported = export_csv([turnout])
    header, row = exported.splitlines()[:2]
    assert header == "Year,District,Units,Value,Source"
    assert row == "2020,'@x,%,-5,'=cmd|' /C calc'!A0"


def test_a_one_indicator_export_has_no_indicator_column(gwangju, turnout):
    observe(turnout, 2020, 5)
    assert export_csv([turnout]).splitlines() == ["Year,Units,Value", "2020,%,5"]
    assert export_csv([turnout], with_indicator_column=True).splitlines()[1] == "1-1,2020,%,5"
