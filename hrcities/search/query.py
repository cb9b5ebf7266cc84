"""The query language people type, parsed once and compiled for either engine.

    오월 기억            both words (in any form: 기억 finds 기억을)
    "human rights city"  the words side by side
    housing OR shelter   either word
    -draft               without this word

Every word goes through the same analysis as the index. Whatever the input (unbalanced
quotes, FTS operators, NEAR(, *, control characters, 10,000 characters) the parser
answers with a query or with a message saying why there is nothing to search for; the
engines only ever receive double-quoted tokens (FTS5) or quoted lexemes (tsquery).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .analysis import analyse

MAX_CHARS = 500
MAX_UNITS = 32
# Dropped from plain words (not from phrases): they add nothing but strictness.
STOP_WORDS = {"a", "an", "and", "the", "of", "in", "on", "to", "for", "with", "by", "at", "or"}

# A phrase (closed, or running to the end), a word with an optional leading minus, or OR.
PIECES = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Unit:
    """One token, or a phrase of tokens side by side."""

    tokens: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


@dataclass
class Query:
    # Each clause must match; a clause is one or more alternatives (OR).
    clauses: list[list[Unit]] = field(default_factory=list)
    excluded: list[Unit] = field(default_factory=list)
    message: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def positive_units(self) -> list[Unit]:
        """Return the distinct units a match may hold (not the excluded ones), in order."""
        return list(dict.fromkeys(unit for clause in self.clauses for unit in clause))

    def positive_tokens(self) -> set[str]:
        return {token for clause in self.clauses for unit in clause for token in unit.tokens}

    def required_tokens(self) -> set[str]:
        """Tokens every match has (clauses without alternatives)."""
        return {t for clause in self.clauses if len(clause) == 1 for t in clause[0].tokens}


def clean(text: str) -> tuple[str, list[str]]:
    notes = []
    text = "".join(
        " " if unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} else c
        for c in text or ""
    )
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(_("The query was shortened to its first %(n)d characters.") % {"n": MAX_CHARS})
    return text.strip(), notes


def parse(text: str, language: str = "") -> Query:
    """Parse what someone typed; never raises."""
    text, notes = clean(text)
    query = Query(notes=notes)
    pending_or = False
    words_dropped = False
    for match in PIECES.finditer(text):
        phrase_minus, phrase, word_minus, word = match.groups()
        if word == "OR":
            pending_or = bool(query.clauses)
            continue
        excluded = bool(phrase_minus or word_minus)
        if phrase is not None:
            tokens = analyse(phrase, language)
            units = [Unit(tuple(tokens))] if tokens else []
        else:
            tokens = analyse(word or "", language)
            kept = [t for t in tokens if t not in STOP_WORDS]
            words_dropped = words_dropped or (tokens and not kept)
            # A word that analyses to several tokens ("인권도시") needs all of them.
            units = [Unit((t,)) for t in kept]
        if not units:
            pending_or = False if not query.clauses else pending_or
            continue
        if excluded:
            query.excluded.extend(units)
        elif pending_or and len(units) == 1:
            query.clauses[-1].append(units[0])
        elif pending_or:
            query.clauses[-1].append(Unit(tuple(t for u in units for t in u.tokens)))
        else:
            query.clauses.extend([unit] for unit in units)
        pending_or = False
    if len(query.clauses) > MAX_UNITS:
        query.clauses = query.clauses[:MAX_UNITS]
        query.notes.append(_("Only the first %(n)d words were used.") % {"n": MAX_UNITS})
    query.excluded = query.excluded[:MAX_UNITS]
    if query.is_empty:
        if query.excluded:
            query.message = _(
                "Nothing to search for: add a word to look for, not only words to leave out."
            )
        elif words_dropped:
            query.message = _(
                "Nothing to search for: the query has only very common words. Add a word "
                "that says what you are looking for."
            )
        else:
            query.message = _("Nothing to search for: the query has no words or numbers in it.")
    return query


# --- compilers -------------------------------------------------------------------------


def _fts_unit(unit: Unit) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in unit.tokens) + '"'


def to_fts5(query: Query) -> str:
    """Return an FTS5 MATCH expression: every token double-quoted, so it is only a string."""
    clauses = []
    for clause in query.clauses:
        alternatives = [_fts_unit(unit) for unit in clause]
        clauses.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
    expression = " AND ".join(clauses)
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(_fts_unit(u) for u in query.excluded)})"
    return expression


def _ts_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_unit(unit: Unit) -> str:
    lexemes = [_ts_lexeme(t) for t in unit.tokens]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def to_tsquery(query: Query) -> str:
    """Return the text for to_tsquery('simple', %s): quoted lexemes, & | ! and <->."""
    clauses = []
    for clause in query.clauses:
        alternatives = [_ts_unit(unit) for unit in clause]
        clauses.append(
            alternatives[0] if len(alternatives) == 1 else f"({' | '.join(alternatives)})"
        )
    expression = " & ".join(clauses)
    for unit in query.excluded:
        expression = f"{expression} & !{_ts_unit(unit)}"
    return expression
