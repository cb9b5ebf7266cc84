import pytest

from hrcities.classify.encoding import (
    MAX_CHARS,
    MAX_WINDOWS,
    WINDOW,
    TextError,
    check_text,
    windows,
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "the text is empty"),
        ("   \n\t ", "the text is empty"),
        (None, "expected text, got NoneType"),
        (42, "expected text, got int"),
        (b"bytes", "expected text, got bytes"),
        (["a list"], "expected text, got list"),
        ("12 345 - 2020", "no words to read"),
        ("x" * (MAX_CHARS + 1), "the limit is 100,000"),
        ("binary\x00data", "NUL bytes"),
    ],
)
def test_unreadable_input_is_refused_with_a_reason(value, message):
    with pytest.raises(TextError, match=message):
        check_text(value, where="row 3")


def test_the_error_says_where():
    with pytest.raises(TextError, match="^row 7: the text is empty"):
        check_text("", where="row 7")


def test_korean_and_english_text_is_accepted_stripped():
    assert check_text("  모든 아동의 교육권을 보장한다  ") == "모든 아동의 교육권을 보장한다"


def test_a_long_text_is_read_in_a_few_windows_cut_at_spaces():
    text = " ".join(f"word{i}" for i in range(2000))
    pieces = windows(text)
    assert len(pieces) == MAX_WINDOWS
    assert all(len(p) <= WINDOW for p in pieces)
    assert pieces[0].startswith("word0 ") and not pieces[1].startswith(" ")


def test_a_short_text_is_one_window():
    assert windows("Ensure   access to\nsafe water") == ["Ensure access to safe water"]
