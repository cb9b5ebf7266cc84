"""The rules every channel checks input by: text XML can carry, language codes, dates."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from hrcities.core.validation import (
    check_date,
    check_language,
    check_text,
    text_problem,
    value_problem,
    xml_safe,
)

ANY_CHARACTER = st.characters(exclude_categories=())


def xml_accepts(text: str) -> bool:
    try:
        etree.Element("t").text = text
    except ValueError:
        return False
    return True


@given(st.text(alphabet=ANY_CHARACTER, max_size=20))
def test_text_is_refused_exactly_when_xml_cannot_carry_it(text):
    assert (text_problem(text) is None) == xml_accepts(text)


@given(st.text(alphabet=ANY_CHARACTER, max_size=20))
def test_a_feed_can_always_write_text_made_safe(text):
    assert xml_accepts(xml_safe(text))


def test_the_refusal_names_the_character_and_where_it_is():
    with pytest.raises(ValidationError) as refused:
        check_text("Memory\uffff of May")

    assert "U+FFFF" in refused.value.messages[0]
    assert "character 7" in refused.value.messages[0]


def test_tabs_line_breaks_and_every_script_are_text():
    assert check_text("광주\t1980\r\n五月 — ‘mai’ 🕯") == "광주\t1980\r\n五月 — ‘mai’ 🕯"


def test_texts_inside_lists_and_keys_are_found():
    assert value_problem({"en": ["fine", "bad\x01"]}) is not None
    assert value_problem({"\ud800": "fine"}) is not None
    assert value_problem({"en": ["fine"], "n": 3}) is None


@pytest.mark.parametrize("code", ["ko", "en", "en-GB", "zh-Hant", "zh-Hant-TW", "und", "es-419"])
def test_bcp_47_codes_are_languages(code):
    assert check_language(code) == code


@pytest.mark.parametrize(
    "code", ["x__in", "", "k", "ko\n", " ko", "ko_KR", "korean language", "ko-", "a" * 21, None]
)
def test_other_codes_are_refused_saying_how_to_write_one(code):
    with pytest.raises(ValidationError) as refused:
        check_language(code)

    assert "is not a BCP 47 language code" in refused.value.messages[0]


def test_dates_are_read_the_archives_way_and_refused_in_its_words():
    assert (check_date("circa 1980").start, check_date("1980-05").end) == (
        check_date("1980").start,
        check_date("1980-05-31").end,
    )
    with pytest.raises(ValidationError) as refused:
        check_date("May 1980")
    assert "is not a date this archive can read" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        check_date("1980\x00")
