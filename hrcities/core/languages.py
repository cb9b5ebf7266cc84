"""Languages as a reader knows them: their names in the reader's language, not codes, and
texts kept in two languages shown in the reader's."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.translation import get_language, get_language_info


def language_name(code: str) -> str:
    """Return a language's name in the active language ("ko": "Korean", "한국어"), or the
    code itself when Django knows no such language."""
    code = (code or "").strip()
    for candidate in (code.lower(), code.split("-")[0].lower()):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


def language_names(codes: Iterable[str]) -> str:
    """Return the names of several languages, in the order of their codes: "English, Korean"."""
    return ", ".join(language_name(code) for code in sorted(codes))


# Hangul syllables and jamo: a text holding any is Korean.
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def written_in(text: str) -> str:
    """Return the language of a text kept in a record's English field: "ko" when it holds
    Hangul (written before the record had a Korean field, or by a city that writes only
    Korean), "en" when it holds other letters, "" for none ("%", "2.5": any language)."""
    text = text or ""
    if HANGUL.search(text):
        return "ko"
    return "en" if any(c.isalpha() for c in text) else ""


def reader_language() -> str:
    """Return the active language without its region ("ko" for "ko-kr")."""
    return (get_language() or "en").split("-")[0].lower()


class ReaderText(str):
    """A text as shown to a reader, knowing the language it is written in.

    It is the text itself wherever text is used; in a template it renders escaped, line
    breaks kept, and wrapped in an element with its own `lang` when that is not the
    page's language (a Korean page showing the English text of a field nobody
    translated), so that screen readers pronounce it and browsers hyphenate it right.
    """

    language: str

    def __new__(cls, text: str = "", language: str = "") -> ReaderText:
        shown = super().__new__(cls, text)
        shown.language = language
        return shown

    @property
    def text(self) -> str:
        return str.__str__(self)

    @property
    def lang(self) -> str:
        """Return the `lang` the text needs on a page in the reader's language ("": none)."""
        return self.language if self.language and self.language != reader_language() else ""

    def __html__(self) -> str:
        shown = escape(self.text).replace("\r\n", "\n").replace("\n", "<br>")
        return f'<span lang="{self.lang}">{shown}</span>' if self.lang else shown


def in_reader_language(english: str, korean: str) -> ReaderText:
    """Return a field kept in English and Korean in the reader's language, else the other.

    A Korean reader gets the Korean text when there is one; everyone else gets the English
    text, or the Korean when only that was written.
    """
    english, korean = (english or "").strip(), (korean or "").strip()
    if korean and (reader_language() == "ko" or not english):
        return ReaderText(korean, "ko")
    return ReaderText(english, written_in(english)) if english else ReaderText("")
