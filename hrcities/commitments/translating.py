"""Translations of a declaration: read from their text by the declaration parser, aligned
with the original clause by clause (kind and number), and kept as revisions like every
record.

A translation is stored whole or not at all: when its structure differs from the
original's (a clause more or less, a promise number missing), nothing is saved and the
editor is told what differs and where. Reading it in again replaces it as a new revision
of each text.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.languages import language_name
from hrcities.core.services import create_record, delete_record, update_record
from hrcities.core.validation import check_language
from hrcities.search.indexing import deferred_indexing

from .models import Clause, ClauseTranslation, Declaration, DeclarationTranslation
from .parser import ParsedDeclaration, guess_language, marker_number, parse_declaration
from .reading import derived_title, same_language

TRANSLATION_FIELDS = {"title", "subtitle", "kind", "translator", "url"}
# How many unplaced paragraphs a refusal quotes, and how much of each.
QUOTED_PARAGRAPHS, QUOTED_CHARS = 3, 80


# --- what differs ------------------------------------------------------------------------

# Each message in the two kinds of clause, so that each reads as a whole sentence; its
# plural follows the number named last.
COUNT: dict[str, Any] = {
    Clause.Kind.PREAMBLE: ngettext_lazy(
        "The %(language)s text has %(found)s preamble clause; the declaration has %(expected)s.",
        "The %(language)s text has %(found)s preamble clauses; the declaration has %(expected)s.",
        "found",
    ),
    Clause.Kind.PROMISE: ngettext_lazy(
        "The %(language)s text has %(found)s promise; the declaration has %(expected)s.",
        "The %(language)s text has %(found)s promises; the declaration has %(expected)s.",
        "found",
    ),
}
MISSING: dict[str, Any] = {
    Clause.Kind.PREAMBLE: ngettext_lazy(
        "Preamble clause %(numbers)s is missing from the %(language)s text.",
        "Preamble clauses %(numbers)s are missing from the %(language)s text.",
        "count",
    ),
    Clause.Kind.PROMISE: ngettext_lazy(
        "Promise %(numbers)s is missing from the %(language)s text.",
        "Promises %(numbers)s are missing from the %(language)s text.",
        "count",
    ),
}
EXTRA: dict[str, Any] = {
    Clause.Kind.PREAMBLE: ngettext_lazy(
        "The %(language)s text has preamble clause %(numbers)s, which the declaration does "
        "not have.",
        "The %(language)s text has preamble clauses %(numbers)s, which the declaration does "
        "not have.",
        "count",
    ),
    Clause.Kind.PROMISE: ngettext_lazy(
        "The %(language)s text has promise %(numbers)s, which the declaration does not have.",
        "The %(language)s text has promises %(numbers)s, which the declaration does not have.",
        "count",
    ),
}
REPEATED: dict[str, Any] = {
    Clause.Kind.PREAMBLE: ngettext_lazy(
        "Preamble clause %(numbers)s appears more than once in the %(language)s text.",
        "Preamble clauses %(numbers)s appear more than once in the %(language)s text.",
        "count",
    ),
    Clause.Kind.PROMISE: ngettext_lazy(
        "Promise %(numbers)s appears more than once in the %(language)s text.",
        "Promises %(numbers)s appear more than once in the %(language)s text.",
        "count",
    ),
}


def _say(messages: dict[str, Any], kind: str, language: str, numbers: list[int]) -> str:
    return messages[kind] % {
        "language": language,
        "numbers": ", ".join(str(n) for n in numbers),
        "count": len(numbers),
    }


def _align_kind(
    kind: str, originals: list[Clause], texts: list[str], markers: list[str], language: str
) -> tuple[list[tuple[Clause, str]], list[str]]:
    """Return each original clause of one kind with its text in the translation, or what
    differs. A numbered translation is matched by its numbers, an unnumbered one in order."""
    problems = []
    if len(texts) != len(originals):
        problems.append(
            COUNT[kind] % {"language": language, "found": len(texts), "expected": len(originals)}
        )
    numbers = [marker_number(marker) for marker in markers]
    if texts and all(number is not None for number in numbers):
        by_number: dict[int, list[str]] = {}
        for number, text in zip(numbers, texts, strict=True):
            by_number.setdefault(number, []).append(text)  # type: ignore[arg-type]
        expected = [clause.number for clause in originals]
        missing = [n for n in expected if n not in by_number]
        extra = sorted(n for n in by_number if n not in expected)
        repeated = sorted(n for n, found in by_number.items() if len(found) > 1)
        for messages, found in ((MISSING, missing), (EXTRA, extra), (REPEATED, repeated)):
            if found:
                problems.append(_say(messages, kind, language, found))
        if problems:
            return [], problems
        return [(clause, by_number[clause.number][0]) for clause in originals], []
    if problems:
        return [], problems
    return list(zip(originals, texts, strict=True)), []


def align(
    declaration: Declaration, parsed: ParsedDeclaration, language: str
) -> list[tuple[Clause, str]]:
    """Return every clause of the declaration with its text in the parsed translation.

    Raise ValidationError listing every difference of structure, with the paragraphs the
    parser could not place (where a missing clause usually is).
    """
    name = language_name(language)
    clauses = list(declaration.clauses.order_by("kind", "number"))
    pairs: list[tuple[Clause, str]] = []
    problems: list[str] = []
    for kind, texts, markers in (
        (Clause.Kind.PREAMBLE, parsed.preamble, parsed.preamble_numbers),
        (Clause.Kind.PROMISE, parsed.promises, parsed.promise_numbers),
    ):
        originals = [clause for clause in clauses if clause.kind == kind]
        found, differences = _align_kind(kind, originals, texts, markers, name)
        pairs += found
        problems += differences
    if problems and parsed.unplaced:
        quoted = [
            "“" + (p if len(p) <= QUOTED_CHARS else p[:QUOTED_CHARS].rstrip() + " …") + "”"
            for p in parsed.unplaced[:QUOTED_PARAGRAPHS]
        ]
        problems.append(
            _("These paragraphs were not read as clauses: %(paragraphs)s.")
            % {"paragraphs": "; ".join(quoted)}
        )
    if problems:
        raise ValidationError(problems, code="structure")
    return pairs


def _check_language(declaration: Declaration, language: str, text: str) -> str:
    try:
        language = check_language(language)
    except ValidationError as error:
        raise ValidationError({"language": error.messages}) from None
    if same_language(language, declaration.language):
        raise ValidationError(
            {
                "language": _(
                    "The declaration itself is in %(language)s: give the language of the "
                    "translation."
                )
                % {"language": language_name(declaration.language)}
            }
        )
    written_in = guess_language(text)
    if written_in in ("ko", "en") and (written_in == "ko") != same_language(language, "ko"):
        raise ValidationError(
            {
                "language": _("The text reads as %(found)s, not %(given)s.")
                % {"found": language_name(written_in), "given": language_name(language)}
            }
        )
    return language


# --- writes ------------------------------------------------------------------------------


def ingest_translation(
    declaration: Declaration,
    *,
    by: Any,
    text: str,
    language: str,
    kind: str,
    translator: str = "",
    url: str = "",
    title: str = "",
    source_format: str = "text",
) -> tuple[DeclarationTranslation, bool]:
    """Store the declaration's text in another language, aligned with its clauses.

    Return the translation and whether it is new; one already in that language is replaced
    (each text keeps its earlier wording in its revisions). `by=None` is the platform
    itself; people must be network admins, as for the declaration.
    """
    if by is not None:
        require_network_admin(by)
    language = _check_language(declaration, (language or "").strip(), text)
    parsed = parse_declaration(text)
    if not parsed.preamble and not parsed.promises:
        raise ValidationError(
            _("No preamble clause and no promise were found in the %(language)s text.")
            % {"language": language_name(language)}
        )
    pairs = align(declaration, parsed, language)
    title = (title or "").strip() or parsed.title
    if not title:
        raise ValidationError(
            {"title": _("Give the translation its title: none was found at the top of the text.")}
        )
    values = {
        "kind": kind,
        "translator": (translator or "").strip(),
        "url": (url or "").strip(),
        "title": title[:300],
        "subtitle": parsed.subtitle[:300],
        "intro": parsed.intro,
        "promises_intro": parsed.promises_intro,
        "source_text": text,
        "source_format": source_format,
    }
    with transaction.atomic(), deferred_indexing():
        existing = declaration.translations.filter(language__iexact=language).first()
        if existing is None:
            translation = create_record(
                DeclarationTranslation, by=by, declaration=declaration, language=language, **values
            )
        else:
            translation = update_record(existing, values, by=by, based_on_version=None)
        have = {clause.clause_id: clause for clause in translation.clauses.all()}
        for clause, clause_text in pairs:
            if clause.pk in have:
                update_record(
                    have.pop(clause.pk), {"text": clause_text}, by=by, based_on_version=None
                )
            else:
                create_record(
                    ClauseTranslation,
                    by=by,
                    translation=translation,
                    clause=clause,
                    text=clause_text,
                )
    return translation, existing is None


def update_translation(
    translation: DeclarationTranslation,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
) -> DeclarationTranslation:
    """Change a translation's title, theme, kind, translator or link (network admins)."""
    require_network_admin(by)
    fixed = sorted(set(changes) - TRANSLATION_FIELDS)
    if fixed:
        raise ValidationError({name: _("This is not changed here.") for name in fixed})
    if "title" in changes and not (changes["title"] or "").strip():
        raise ValidationError({"title": _("A translation needs its title.")})
    return update_record(translation, changes, by=by, based_on_version=based_on_version)


def correct_translated_clause(
    clause: ClauseTranslation, text: str, *, by: Any, based_on_version: int | None
) -> ClauseTranslation:
    """Correct the wording of one clause of a translation (network admins)."""
    require_network_admin(by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("A clause needs its text.")})
    return update_record(clause, {"text": text}, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_translation(translation: DeclarationTranslation, *, by: Any) -> None:
    """Delete a translation with its clauses (each kept in the revisions)."""
    if by is not None:
        require_network_admin(by)
    for clause in translation.clauses.all():
        delete_record(clause, by=by)
    delete_record(translation, by=by)


# --- exports -----------------------------------------------------------------------------


def translation_document(translation: DeclarationTranslation) -> dict[str, Any]:
    """Return a translation with its clauses, numbered as the original's, as JSON data."""
    clauses = translation.clauses.select_related("clause__commitment").order_by(
        "clause__kind", "clause__number"
    )
    return {
        "language": translation.language,
        "kind": translation.kind,
        "is_official": translation.is_official,
        "translator": translation.translator,
        "url": translation.url,
        "title": translation.title,
        "subtitle": translation.subtitle,
        "intro": translation.intro,
        "promises_intro": translation.promises_intro,
        "version": translation.version,
        "preamble": [
            {"number": c.clause.number, "text": c.text, "version": c.version}
            for c in clauses
            if c.clause.kind == Clause.Kind.PREAMBLE
        ],
        "promises": [
            {
                "number": c.clause.number,
                "title": derived_title(getattr(c.clause, "commitment", None), c.text),
                "text": c.text,
                "version": c.version,
            }
            for c in clauses
            if c.clause.kind == Clause.Kind.PROMISE
        ],
    }
