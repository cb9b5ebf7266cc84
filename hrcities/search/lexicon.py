"""Query expansion: a query word is also looked for in the other language and as its
near-synonyms, from the platform's own bilingual vocabularies.

Vectors bridge languages for whole sentences, but a one- or two-word query is a weak
sentence, and legal Korean uses words people do not type (비호 for 망명, 혼인 for 결혼).
So each query word is given alternatives (`housing` finds `housing OR 주거 OR 주택`):

- word translations learnt from the vocabularies the platform holds in English and
  Korean: SDG goals, targets and indicators, UHRI themes and affected groups. An English
  word and a Korean word are paired when they occur in the same entries far more often
  than apart (the Dice coefficient over the aligned titles, at least MIN_PAIRS entries);
- the near-synonym sets of `data/legal_terms.tsv`, in both languages.

The lexicon is built from the database on first use (about a second) and again when the
vocabularies' row counts change.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .analysis import HANGUL, analyse, prime_korean
from .query import STOP_WORDS, Query, Unit

TERMS = Path(__file__).resolve().parent / "data" / "legal_terms.tsv"
# A pair of words is a translation when Dice >= MIN_DICE over at least MIN_PAIRS entries.
MIN_DICE = 0.5
MIN_PAIRS = 3
# At most this many translations per word, the most strongly paired first.
MAX_TRANSLATIONS = 2
# How often to look whether the vocabularies changed.
RECHECK_SECONDS = 60.0

Alternatives = dict[str, tuple[tuple[str, ...], ...]]


@dataclass
class _Cache:
    fingerprint: tuple[int, ...] = ()
    checked: float = 0.0
    alternatives: Alternatives | None = None


_cache = _Cache()
_lock = threading.Lock()


def expand(query: Query) -> Query:
    """Return the query with each single word's translations and synonyms as alternatives."""
    alternatives = lexicon()
    if not alternatives:
        return query
    clauses = []
    for clause in query.clauses:
        units = list(clause)
        for unit in clause:
            if not unit.is_phrase:
                units += [Unit(tokens) for tokens in alternatives.get(unit.tokens[0], ())]
        clauses.append(list(dict.fromkeys(units)))
    return replace(query, clauses=clauses)


def lexicon() -> Alternatives:
    """Return the alternatives of each analysed word, built once and when data changes."""
    now = time.monotonic()
    if _cache.alternatives is not None and now - _cache.checked < RECHECK_SECONDS:
        return _cache.alternatives
    with _lock:
        fingerprint = _fingerprint()
        if _cache.alternatives is None or fingerprint != _cache.fingerprint:
            _cache.alternatives = build(vocabulary_pairs(), synonym_sets())
            _cache.fingerprint = fingerprint
        _cache.checked = now
    return _cache.alternatives


def _fingerprint() -> tuple[int, ...]:
    from hrcities.taxonomy.models import (
        AffectedGroup,
        HumanRightsTheme,
        SdgGoal,
        SdgIndicator,
        SdgTarget,
    )

    models = (SdgGoal, SdgTarget, SdgIndicator, HumanRightsTheme, AffectedGroup)
    return tuple(model.objects.count() for model in models)


def vocabulary_pairs() -> list[tuple[str, str]]:
    """Return (English, Korean) pairs of the vocabularies' titles and names."""
    from hrcities.taxonomy.models import (
        AffectedGroup,
        HumanRightsTheme,
        SdgGoal,
        SdgIndicator,
        SdgTarget,
    )

    pairs = []
    for goal in SdgGoal.objects.all():
        for names in (goal.titles, goal.short_titles):
            pairs.append((names.get("en", ""), names.get("ko", "")))
    for model in (SdgTarget, SdgIndicator):
        for titles in model.objects.values_list("titles", flat=True):
            pairs.append((titles.get("en", ""), titles.get("ko", "")))
    for model in (HumanRightsTheme, AffectedGroup):
        for name, names in model.objects.values_list("name", "names"):
            pairs.append((name, (names or {}).get("ko", "")))
    return [(en, ko) for en, ko in pairs if en and ko]


def synonym_sets() -> list[list[str]]:
    """Return the near-synonym sets of data/legal_terms.tsv."""
    sets = []
    for line in TERMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sets.append([term.strip() for term in line.split("\t") if term.strip()])
    return sets


def _tokens(text: str) -> tuple[str, ...]:
    language = "ko" if HANGUL.search(text) else "en"
    return tuple(t for t in analyse(text, language) if t not in STOP_WORDS)


def build(pairs: Iterable[tuple[str, str]], synonyms: Iterable[list[str]]) -> Alternatives:
    """Return each word's alternatives: its translations, then its near-synonyms."""
    pairs = list(pairs)
    prime_korean([ko for _, ko in pairs])
    english: Counter[str] = Counter()
    korean: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for en, ko in pairs:
        en_words, ko_words = set(_tokens(en)), set(_tokens(ko))
        english.update(en_words)
        korean.update(ko_words)
        both.update((e, k) for e in en_words for k in ko_words)
    found: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
    for (e, k), n in both.items():
        if n < MIN_PAIRS or e.isdigit() or k.isdigit():
            continue
        dice = 2 * n / (english[e] + korean[k])
        if dice >= MIN_DICE:
            found.setdefault(e, []).append((dice, (k,)))
            found.setdefault(k, []).append((dice, (e,)))
    best = {
        word: [tokens for _, tokens in sorted(scored, reverse=True)[:MAX_TRANSLATIONS]]
        for word, scored in found.items()
    }
    # Both ways: a Korean word often paired with "security" in "food security" is no
    # translation of it unless "security" is that word's best English pair.
    alternatives: dict[str, list[tuple[str, ...]]] = {
        word: [tokens for tokens in paired if best.get(tokens[0], [])[:1] == [(word,)]]
        for word, paired in best.items()
    }
    for terms in synonyms:
        analysed = [tokens for tokens in map(_tokens, terms) if tokens]
        for tokens in analysed:
            if len(tokens) == 1:
                others = [other for other in analysed if other != tokens]
                alternatives.setdefault(tokens[0], []).extend(others)
    return {
        word: tuple(t for t in dict.fromkeys(found_tokens) if t != (word,))
        for word, found_tokens in alternatives.items()
    }


def forget() -> None:
    """Build the lexicon again on next use."""
    _cache.alternatives = None
