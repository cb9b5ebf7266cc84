"""A text kept in English and Korean reaches each reader in their language, and in the
other one, marked as such, when theirs is missing."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from hrcities.core.languages import ReaderText, in_reader_language, written_in


def rendered(text: ReaderText) -> str:
    return Template("{{ text }}").render(Context({"text": text}))


def test_each_reader_gets_their_own_language():
    with translation.override("ko"):
        assert rendered(in_reader_language("Human Rights Office", "인권담당관실")) == "인권담당관실"
    with translation.override("en"):
        assert (
            rendered(in_reader_language("Human Rights Office", "인권담당관실"))
            == "Human Rights Office"
        )


def test_a_missing_translation_falls_back_to_the_other_language_marked_with_its_own():
    with translation.override("ko"):
        shown = in_reader_language("Human Rights Office", "")
        assert rendered(shown) == '<span lang="en">Human Rights Office</span>'
    with translation.override("en"):
        shown = in_reader_language("", "인권담당관실")
        assert rendered(shown) == '<span lang="ko">인권담당관실</span>'


def test_a_korean_text_kept_in_the_english_field_is_marked_korean():
    assert written_in("인권담당관실") == "ko" and written_in("CCTV 설치 수") == "ko"
    assert written_in("Human Rights Office") == "en"
    assert written_in("%") == written_in("0.5 × 100") == ""
    with translation.override("en"):
        shown = rendered(in_reader_language("인권담당관실", ""))
        assert shown == '<span lang="ko">인권담당관실</span>'
    with translation.override("ko"):
        assert rendered(in_reader_language("인권담당관실", "")) == "인권담당관실"


def test_the_text_is_escaped_and_keeps_its_lines():
    with translation.override("en"):
        shown = in_reader_language("A < B\nper <i>year</i>", "")
        assert rendered(shown) == "A &lt; B<br>per &lt;i&gt;year&lt;/i&gt;"


def test_nothing_written_shows_nothing():
    with translation.override("ko"):
        assert not in_reader_language("", "  ")
        assert rendered(in_reader_language("", "")) == ""
