"""The checks every channel applies to what people write: forms, the API, imports and the
models behind them.

One rule per kind of value, so that nothing one channel accepts can break another: a
language is a BCP 47 tag (what `lang` attributes, JSON-LD and Dublin Core expect), a date
is one the archive can read (`hrcities.core.dates`), and text holds only characters that
XML 1.0 can carry. OAI-PMH cannot write the others (a U+FFFF in one title once made every
harvest fail), PostgreSQL refuses NUL and no database stores a lone surrogate, so they
are refused where they come in, with the field and the character named, and dropped
where old data goes out (`xml_safe`).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .dates import DateError, FuzzyDate, parse_fuzzy_date

# XML 1.0 Char: tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and
# U+10000-U+10FFFF. Everything else (other C0 controls, lone surrogates, U+FFFE, U+FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# BCP 47 as archivists use it: a language, then optional extended language, script,
# region and variants ("ko", "en-GB", "zh-Hant-TW", "und").
BCP47 = re.compile(
    r"[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?"
    r"(?:-(?:[a-zA-Z0-9]{5,8}|\d[a-zA-Z0-9]{3}))*"
)
LANGUAGE_MAX_LENGTH = 20


# --- text ---------------------------------------------------------------------------


def text_problem(text: str) -> str | None:
    """Return what is wrong with a text XML cannot carry, or None when it is fine."""
    found = NOT_XML.search(text)
    if found is None:
        return None
    return _(
        "This text contains a character that cannot be kept (U+%(code)04X, character "
        "%(position)s): remove it. Control characters, U+FFFE, U+FFFF and lone "
        "surrogates cannot be exported."
    ) % {"code": ord(found.group()), "position": found.start() + 1}


def check_text(text: str) -> str:
    """Return the text, or raise ValidationError naming the character XML cannot carry."""
    problem = text_problem(text)
    if problem:
        raise ValidationError(problem, code="character")
    return text


def value_problem(value: Any) -> str | None:
    """Return the first problem of any text in a value (nested lists and dicts too)."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, dict):
        for key, inner in value.items():
            problem = value_problem(key) or value_problem(inner)
            if problem:
                return problem
    if isinstance(value, list | tuple | set | frozenset):
        for inner in value:
            problem = value_problem(inner)
            if problem:
                return problem
    return None


def check_fields(**values: Any) -> None:
    """Raise one ValidationError naming every field whose value holds text XML cannot
    carry (for inputs that come without a form or schema of their own)."""
    problems = {
        name: problem for name, value in values.items() if (problem := value_problem(value))
    }
    if problems:
        raise ValidationError(
            {name: ValidationError(problem, code="character") for name, problem in problems.items()}
        )


def xml_safe(text: str) -> str:
    """Return the text without the characters XML cannot carry (for data kept before the
    check existed: a feed leaves them out rather than fail)."""
    return NOT_XML.sub("", text)


# --- languages ----------------------------------------------------------------------


def is_language_code(code: str) -> bool:
    return (
        isinstance(code, str)
        and len(code) <= LANGUAGE_MAX_LENGTH
        and BCP47.fullmatch(code) is not None
    )


def check_language(code: str) -> str:
    """Return a BCP 47 language code, or raise ValidationError saying how to write one."""
    if not is_language_code(code):
        raise ValidationError(
            _("“%(code)s” is not a BCP 47 language code. Write for example ko, en or zh-Hant.")
            % {"code": xml_safe(str(code))[:40]},
            code="language",
        )
    return code


# --- dates --------------------------------------------------------------------------


def check_date(text: str) -> FuzzyDate:
    """Return a date as written and its bounds, or raise ValidationError saying which
    forms are accepted (1980, 1980-05, 1980-05-18/1980-05-27, circa 1980 …)."""
    check_text(text or "")
    try:
        return parse_fuzzy_date(text)
    except DateError as error:
        raise ValidationError(str(error), code="date") from None
