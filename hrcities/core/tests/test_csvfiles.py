"""The CSV reading rules every import shares."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hrcities.core.csvfiles import (
    NUMBER,
    CsvFileField,
    CsvRows,
    GuardedWriter,
    RowError,
    guard_formula,
    read_csv_text,
    unguard_formula,
)


@pytest.mark.parametrize(
    "cell", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "plain", "'quoted", "", "'=x", "''-2"]
)
def test_guarded_cells_come_back_as_they_were(cell):
    assert unguard_formula(guard_formula(cell)) == cell
    assert not guard_formula(cell).startswith(("=", "+", "-", "@", "\t"))


@given(st.lists(st.text(alphabet="=+-@'\t\rab1. e,\"", max_size=8), min_size=1, max_size=5))
def test_every_column_written_is_guarded_and_read_back_as_it_was(cells):
    out = io.StringIO()
    GuardedWriter(out).writerows([[f"c{i}" for i in range(len(cells))], cells])
    errors: list[RowError] = []
    table = CsvRows(out.getvalue(), errors, max_rows=10)
    written = list(csv.reader(io.StringIO(out.getvalue())))[1]

    for cell in written:
        assert NUMBER.fullmatch(cell) or not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    for line, row in table:
        assert list(table.by_column(line, row).values()) == [c.strip() for c in cells]
    assert errors == []


def test_a_problem_names_its_row_and_column_or_the_whole_file():
    assert str(RowError(3, "Year", "Not a year.")) == "row 3, column “Year”: Not a year."
    assert str(RowError(0, "", "Too large.")) == "the file: Too large."


def test_text_is_read_with_or_without_a_byte_order_mark():
    errors: list[RowError] = []
    assert read_csv_text(b"\xef\xbb\xbfa,b\r\n", errors) == "a,b\r\n"
    assert read_csv_text("a,é\n".encode(), errors) == "a,é\n"
    assert errors == []


@pytest.mark.parametrize(
    ("data", "row", "words"),
    [
        (b"a,b\n1,\xff\n", 2, "not UTF-8 text (byte 6)"),
        (b"a,b\n1,2\n3,\x00\n", 3, "NUL characters"),
        (b"x" * 2_000_000, 0, "The CSV file is 1.9 MB; the limit is 1 MB."),
    ],
)
def test_a_file_that_is_not_csv_text_is_refused_with_where_and_why(data, row, words):
    errors: list[RowError] = []
    assert read_csv_text(data, errors, max_bytes=1024 * 1024) is None
    [error] = errors
    assert error.row == row and words in error.message


def test_rows_come_with_their_line_numbers_blank_rows_skipped():
    errors: list[RowError] = []
    table = CsvRows(' id , title \n1,Hearing\n,\n\n2,"Two\nlines"\n', errors, max_rows=10)
    assert table.header == ["id", "title"]
    assert list(table) == [(2, ["1", "Hearing"]), (5, ["2", "Two\nlines"])]
    assert table.by_column(2, [" 1 ", " Hearing "]) == {"id": "1", "title": "Hearing"}
    assert errors == []


def test_a_row_with_another_number_of_cells_than_the_header_is_reported():
    errors: list[RowError] = []
    table = CsvRows("id,title\n", errors, max_rows=10)
    assert table.by_column(5, ["1", "a", "b"]) is None
    assert errors == [RowError(5, "", "This row has 3 cells; the header has 2.")]


def test_reading_stops_after_the_row_limit_and_at_unreadable_csv():
    errors: list[RowError] = []
    assert len(list(CsvRows("n\n1\n2\n3\n", errors, max_rows=2))) == 2
    assert errors == [RowError(4, "", "More than 2 rows: split the file.")]
    errors.clear()
    assert list(CsvRows('n\n1\n"open\n', errors, max_rows=10)) == [(2, ["1"])]
    assert len(errors) == 1 and errors[0].message.startswith("Not readable as CSV")


def test_an_empty_file_has_no_header_and_no_rows():
    errors: list[RowError] = []
    table = CsvRows("", errors, max_rows=10)
    assert table.header is None and list(table) == []
    assert errors == [RowError(1, "", "The file is empty: it needs a header row.")]


def test_columns_are_checked_against_the_known_and_required_ones():
    errors: list[RowError] = []
    CsvRows("id,colour,id\n", errors, max_rows=10).check_columns(
        ["id", "title"], required=["title"]
    )
    assert [(e.column, e.message.split(".")[0]) for e in errors] == [
        ("colour", "Unknown column"),
        ("title", "This column is missing"),
        ("id", "This column appears more than once"),
    ]


def test_the_upload_field_refuses_a_file_over_the_limit_unread():
    field = CsvFileField(max_bytes=1024 * 1024)
    small = SimpleUploadedFile("a.csv", b"a\n1\n")
    assert field.clean(small) is small
    with pytest.raises(ValidationError, match="The file is 2.0 MB; the limit is 1 MB."):
        field.clean(SimpleUploadedFile("b.csv", b"x" * 2 * 1024 * 1024))
