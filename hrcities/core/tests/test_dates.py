from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrcities.core.dates import (
    DateError,
    format_day,
    format_fuzzy,
    format_range,
    parse_fuzzy_date,
)


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


# --- writing dates out -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1 March 2024"), ("ko", "2024년 3월 1일")]
)
def test_a_day_reads_one_way_per_language(language, expected):
    assert format_day(date(2024, 3, 1), language) == expected


@pytest.mark.parametrize(
    ("text", "english", "korean"),
    [
        ("1980-05-18/1980-05-27", "18–27 May 1980", "1980년 5월 18일–27일"),
        ("1980-05", "May 1980", "1980년 5월"),
        ("circa 1980", "circa 1980", "1980년경"),
        ("198X", "1980s", "1980년대"),
        ("../1980", "until 1980", "1980년까지"),
        (
            "2023-12-30/2024-01-02",
            "30 December 2023 – 2 January 2024",
            "2023년 12월 30일 – 2024년 1월 2일",
        ),
        ("not a date", "not a date", "not a date"),
    ],
)
def test_an_archive_date_is_written_out_in_the_readers_language(text, english, korean):
    assert format_fuzzy(text, "en") == english
    assert format_fuzzy(text, "ko") == korean


def test_a_span_within_a_year_names_the_year_once():
    assert format_range(date(2024, 3, 30), date(2024, 4, 2), "en") == "30 March – 2 April 2024"
    assert format_range(date(2024, 3, 30), date(2024, 4, 2), "ko") == "2024년 3월 30일–4월 2일"
    assert format_range(date(2024, 3, 1), None, "ko") == "2024년 3월 1일"


@pytest.mark.parametrize(
    ("written", "edtf"),
    [
        ("1980-05-18", "1980-05-18"),
        ("1980-05-18/1980-05-27", "1980-05-18/1980-05-27"),
        ("1980 / 1985", "1980/1985"),
        ("../1945", "../1945"),
        ("198X", "198X"),
        ("1987?", "1987?"),
        ("circa 1980", "1980~"),
        ("c. 1980?", "1980%"),
        ("약 1980", "1980~"),
        ("ca. 1980/1985", "1980~/1985~"),
    ],
)
def test_a_date_goes_out_in_edtf_that_an_edtf_library_reads(written, edtf):
    from edtf import parse_edtf

    from hrcities.core.dates import to_edtf

    assert to_edtf(written) == edtf
    parse_edtf(edtf)
