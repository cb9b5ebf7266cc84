from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrcities.core.dates import DateError, parse_fuzzy_date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1980", date(1980, 1, 1), date(1980, 12, 31)),
        ("1980-05", date(1980, 5, 1), date(1980, 5, 31)),
        ("1980-05-18", date(1980, 5, 18), date(1980, 5, 18)),
        ("1980-05-18/1980-05-27", date(1980, 5, 18), date(1980, 5, 27)),
        ("1980-02", date(1980, 2, 1), date(1980, 2, 29)),
        ("198X", date(1980, 1, 1), date(1989, 12, 31)),
        ("../1945-08-15", None, date(1945, 8, 15)),
        ("1987/..", date(1987, 1, 1), None),
    ],
)
def test_written_dates_keep_their_range(text, start, end):
    parsed = parse_fuzzy_date(text)
    assert (parsed.start, parsed.end) == (start, end)
    assert parsed.text == text


@pytest.mark.parametrize("text", ["circa 1980", "c. 1980", "ca. 1980", "1980~"])
def test_approximate_dates_are_marked(text):
    parsed = parse_fuzzy_date(text)
    assert parsed.is_approximate
    assert parsed.start == date(1980, 1, 1)


def test_uncertain_dates_are_marked():
    assert parse_fuzzy_date("1980-05?").is_uncertain


@pytest.mark.parametrize(
    "text", ["May 1980", "1980-13", "1980-02-30", "1980-05-27/1980-05-18", "yesterday", "/"]
)
def test_unreadable_dates_are_refused_with_examples(text):
    with pytest.raises(DateError, match="Write for example"):
        parse_fuzzy_date(text)


@given(st.text(max_size=60))
def test_no_text_makes_the_date_reader_fail_other_than_with_a_date_error(text):
    try:
        parsed = parse_fuzzy_date(text)
    except DateError:
        return
    if parsed.start and parsed.end:
        assert parsed.start <= parsed.end
