"""Languages as a reader knows them: their names in the reader's language, not codes."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language_info


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
