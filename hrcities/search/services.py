"""Search: one function that the page and the API both call.

The reader's access (SearchDocument.objects.visible_to) and the facet filters make one
queryset; the engine's match is a subquery inside it, so results, the count and every
facet count come from the same filtered set, in the database, never trimmed afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from . import facetcodes, lexicon, semantic, vectors
from .engines import Row, engine
from .indexing import SUGGESTED
from .models import SearchDocument, SearchLabel
from .query import Query, parse
from .readers import ReaderValues, count_reader_values, reader_values
from .registry import FACET_NAMES, KINDS
from .snippets import highlight

# "sector", "audience" and "format" are the education programmes' (the phase of the UN
# World Programme for Human Rights Education whose sectors they teach, the sector or
# audience itself; in person, online, blended); "emergency",
# "issue", "outcome" and "in_force" are the emergency measures' (the emergency a measure
# answers, the rights it touches, its latest review's outcome, in force or not). Any kind
# may carry them.
FACETS = (
    "kind",
    "city",
    "sdg",
    "theme",
    "group",
    "sector",
    "audience",
    "format",
    "emergency",
    "issue",
    "outcome",
    "in_force",
    "lang",
    "decade",
)
# Facets that come from tags, which may also be suggested (indexing.tag_labels).
TAG_FACETS = ("sdg", "theme", "group")
SORTS = ("relevance", "date")
# The window: at most this many matches (the newest) are counted, faceted and ranked;
# beyond it the count and the facet counts are reported as lower bounds.
COUNT_LIMIT = 10_000
# Keyword ranks fused with semantic ones: the best RANKED (or as deep as the page asks).
RANKED = 1_000
# Full title matches are looked for among this many best keyword matches.
TITLE_BONUS_AMONG = 200
# Semantic matching: the nearest documents by vector (see vectors.py).
SEMANTIC_TOP = 200
# Below this cosine similarity (of a document's head or best passage, passages.py) a
# neighbour is left out. Chosen on the tuning half of `benchmarks/relevance.py` (hit@3
# over all groups: 0.934 at 0.0 and 0.1, 0.926 at 0.2, 0.794 at 0.3): a short query
# reaches only 0.15 to 0.3 against the paragraph that answers it, so the 0.4 once set on
# short titles let no paragraph through. Of the tied values the higher one is kept.
SEMANTIC_MIN = 0.1
# How much a rank by meaning counts beside the same rank by keywords, in the fusion.
# Chosen on the tuning half (hit@3 over all groups: 0.941 at 0.5, 0.934 at 1 and 2).
SEMANTIC_WEIGHT = 0.5
# Look for each query word's translations and near-synonyms too (lexicon.py), with meaning.
EXPANSION = True
RRF_K = 60
FACET_VALUES = 30


@dataclass
class Filters:
    kind: list[str] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    sdg: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    sector: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    format: list[str] = field(default_factory=list)
    emergency: list[str] = field(default_factory=list)
    issue: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)
    in_force: list[str] = field(default_factory=list)
    lang: list[str] = field(default_factory=list)
    decade: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    # Also count and filter by tags a machine suggested and no one has confirmed yet.
    include_suggested: bool = False

    def is_empty(self) -> bool:
        return not (any(getattr(self, f) for f in FACETS) or self.date_from or self.date_to)

    def selected(self, facet: str) -> list[str]:
        return list(getattr(self, facet))

    def labels(self, facet: str, values: list[str]) -> list[str]:
        """Return the index labels a filter on these values matches."""
        labels = [f"{facet}:{v}" for v in values]
        if self.include_suggested and facet in TAG_FACETS:
            labels += [f"{facet}{SUGGESTED}:{v}" for v in values]
        return labels


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    url: str
    snippet: SafeString
    date: date | None
    city: str | None
    score: float
    # Found by meaning alone: the record holds none of the query's words.
    is_by_meaning: bool = False
    subtitle: str = ""  # where the record comes from, under its title


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    is_selected: bool = False


@dataclass
class Results:
    q: str
    message: str = ""
    notes: list[str] = field(default_factory=list)
    count: int = 0
    count_is_lower_bound: bool = False
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(
        default_factory=lambda: {facet: [] for facet in FACETS}
    )
    sort: str = "relevance"
    limit: int = 20
    offset: int = 0
    is_semantic: bool = False
    seconds: float = 0.0


def filtered(user: Any, filters: Filters, readers: ReaderValues | None = None) -> QuerySet:
    """Return the documents this user may see, narrowed by the facet filters."""
    documents = SearchDocument.objects.visible_to(user)
    readers = reader_values(user) if readers is None else readers
    for facet in FACETS:
        values = filters.selected(facet)
        if values:
            # Checked per candidate document through the (label, document) index, so a
            # filter costs a lookup per match rather than a scan of every labelled one.
            labels = SearchLabel.objects.filter(
                document=OuterRef("pk"), label__in=filters.labels(facet, values)
            )
            own = readers.get(facet, {})
            if own:
                # The reader's own value decides for the documents that have one.
                chosen = [pk for pk, value in own.items() if value in values]
                documents = documents.filter(
                    (Exists(labels) & ~Q(pk__in=list(own))) | Q(pk__in=chosen)
                )
            else:
                documents = documents.filter(Exists(labels))
    if filters.date_from:
        documents = documents.filter(date_end__gte=filters.date_from)
    if filters.date_to:
        documents = documents.filter(date_start__lte=filters.date_to)
    return documents


def search(
    user: Any,
    q: str,
    *,
    filters: Filters | None = None,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    use_semantic: bool = True,
) -> Results:
    """Search what this user may see; answer bad queries with a message, never an error."""
    started = time.perf_counter()
    filters = filters or Filters()
    results = Results(q=q or "", sort=sort, limit=limit, offset=offset)
    readers = reader_values(user)
    documents = filtered(user, filters, readers)
    query = parse(q or "")
    results.notes = query.notes
    if query.is_empty:
        if (q or "").strip():
            results.message = query.message
            return results
        if filters.is_empty():
            return results
        newest = documents.order_by("-pk").values_list("pk", "facet_codes")[: COUNT_LIMIT + 1]
        rows, is_lower_bound = _bounded([(pk, codes, 0.0) for pk, codes in newest])
        ranked: list[int] | None = None
        scores: dict[int, float] = {}
        meaning_only: set[int] = set()
        matched = documents
    else:
        eng = engine()
        typed = query
        by_meaning_too = use_semantic and semantic.is_enabled() and not _has_phrase(query)
        if by_meaning_too and EXPANSION:
            query = lexicon.expand(query)
        expression = eng.compile(query)
        rows, is_lower_bound = _bounded(eng.window(query, documents, COUNT_LIMIT + 1))
        neighbours: list[tuple[int, float]] = []
        if by_meaning_too and sort != "date":
            neighbours = _nearest(documents, query, results.q)
        expanded = query.clauses != typed.clauses
        typed_rows = eng.window(typed, documents, COUNT_LIMIT) if expanded else rows
        ranked, scores = (None, {})
        if sort != "date":
            ranked, scores = _rank(rows, typed, neighbours, offset + limit)
            if neighbours or expanded:
                # Meaning contributed when the page differs from the page that the words
                # as typed find.
                by_words, _ = _rank(typed_rows, typed, [], offset + limit)
                page = slice(offset, offset + limit)
                results.is_semantic = ranked[page] != by_words[page]
        by_words_ids = {pk for pk, _, _ in typed_rows}
        rows += _rows_of_neighbours(documents, rows, neighbours)
        meaning_only = {pk for pk, _, _ in rows if pk not in by_words_ids}
        matched = documents.filter(pk__in=RawSQL(*eng.matching_ids(expression)))
    results.count, results.count_is_lower_bound = len(rows), is_lower_bound
    results.facets = facet_counts(rows, filters, readers)
    if ranked is None:
        page_ids = list(
            matched.order_by(F("date_start").desc(nulls_last=True), "-pk").values_list(
                "pk", flat=True
            )[offset : offset + limit]
        )
    else:
        page_ids = ranked[offset : offset + limit]
    results.hits = _hits(page_ids, query, scores, meaning_only if ranked is not None else set())
    results.seconds = time.perf_counter() - started
    return results


def _has_phrase(query: Query) -> bool:
    return any(unit.is_phrase for clause in query.clauses for unit in clause)


def _bounded(rows: list[Row]) -> tuple[list[Row], bool]:
    """Keep the window's first COUNT_LIMIT rows; tell whether there were more."""
    return rows[:COUNT_LIMIT], len(rows) > COUNT_LIMIT


def _rows_of_neighbours(
    documents: QuerySet, rows: list[Row], neighbours: list[tuple[int, float]]
) -> list[Row]:
    """Return the window rows of the semantic neighbours the keyword match missed."""
    have = {pk for pk, _, _ in rows}
    missing = [pk for pk, _ in neighbours if pk not in have]
    if not missing:
        return []
    found = dict(documents.filter(pk__in=missing).values_list("pk", "facet_codes"))
    return [(pk, found[pk], 0.0) for pk in missing if pk in found]


def _nearest(documents: QuerySet, query: Query, text: str) -> list[tuple[int, float]]:
    """Return (id, similarity) of the visible documents nearest in meaning, best first."""
    if not vectors.has_any():
        return []
    candidates = documents
    if query.excluded:
        eng = engine()
        leave_out = eng.compile(Query(clauses=[list(query.excluded)]))
        candidates = candidates.exclude(pk__in=RawSQL(*eng.matching_ids(leave_out)))
    query_vector = semantic.embed([text[: semantic.MAX_CHARS]])[0]
    return vectors.nearest(candidates, query_vector, SEMANTIC_TOP, SEMANTIC_MIN)


def _rank(
    rows: list[Row], query: Query, neighbours: list[tuple[int, float]], depth: int
) -> tuple[list[int], dict[int, float]]:
    """Fuse keyword and semantic ranks (reciprocal rank fusion); full title matches first."""
    # Only the best keyword matches can reach the requested page, even after fusion.
    keyword = _best(rows, max(depth, RANKED))
    fused: dict[int, float] = {}
    for rank, (pk, _score) in enumerate(keyword):
        fused[pk] = fused.get(pk, 0.0) + 1.0 / (RRF_K + rank + 1)
    for rank, (pk, _similarity) in enumerate(neighbours):
        fused[pk] = fused.get(pk, 0.0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)
    # An exact keyword match stays above anything found by meaning alone: the best
    # keyword matches whose titles hold every required word get a bonus.
    required = query.required_tokens() or query.positive_tokens()
    leaders = [pk for pk, _ in keyword[:TITLE_BONUS_AMONG]]
    titles = SearchDocument.objects.filter(pk__in=leaders).values_list("pk", "title_tokens")
    for pk, title_tokens in titles:
        if required <= set(title_tokens.split()):
            fused[pk] += 1.0
    order = sorted(fused, key=lambda pk: (-fused[pk], pk))
    return order, fused


def _best(rows: list[Row], n: int) -> list[tuple[int, float]]:
    """Return (id, score) of the n best-scored rows, best first (ties: lower id first)."""
    if not rows:
        return []
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    scores = np.fromiter((row[2] for row in rows), dtype=np.float64, count=len(rows))
    if len(rows) > n:
        keep = np.argpartition(-scores, n - 1)[:n]
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))
    return [(int(ids[i]), float(scores[i])) for i in order]


def facet_counts(
    rows: list[Row], filters: Filters, readers: ReaderValues | None = None
) -> dict[str, list[FacetValue]]:
    """Count the documents per facet value, over exactly the given window rows."""
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for label, n in facetcodes.count(row[1] for row in rows).items():
        facet, _colon, value = label.partition(":")
        if filters.include_suggested and facet.endswith(SUGGESTED):
            facet = facet.removesuffix(SUGGESTED)
        if facet in counts:
            counts[facet][value] = counts[facet].get(value, 0) + n
    count_reader_values(counts, rows, readers or {})
    for facet in FACETS:
        for value in filters.selected(facet):
            counts[facet].setdefault(value, 0)
    names = _facet_names(counts)
    facets = {}
    for facet in FACETS:
        selected = set(filters.selected(facet))
        values = [
            FacetValue(v, names[facet].get(v, v), n, v in selected)
            for v, n in counts[facet].items()
        ]
        if facet == "decade":
            values.sort(key=lambda fv: fv.value, reverse=True)
        else:
            values.sort(key=lambda fv: (-fv.count, fv.label.casefold()))
        facets[facet] = [fv for i, fv in enumerate(values) if i < FACET_VALUES or fv.is_selected]
    return facets


def _facet_names(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {facet: {} for facet in FACETS}
    names["kind"] = {v: str(KINDS[v].label) for v in counts["kind"] if v in KINDS}
    for facet, named in FACET_NAMES.items():
        if facet in names:
            names[facet] = dict(named(list(counts[facet])))
    for code in counts["lang"]:
        try:
            names["lang"][code] = str(get_language_info(code.lower())["name_translated"])
        except KeyError:
            names["lang"][code] = code
    for value in counts["decade"]:
        if value[:-1].isdigit():
            # Translators: a decade, as "1980s"; %(year)s is its first year.
            names["decade"][value] = _("%(year)ss") % {"year": value[:-1]}
    return names


def _hits(
    page_ids: list[int], query: Query, scores: dict[int, float], meaning_only: set[int]
) -> list[Hit]:
    documents = SearchDocument.objects.filter(pk__in=page_ids).select_related("city")
    by_id = {doc.pk: doc for doc in documents}
    reading = (get_language() or "en").split("-")[0]
    tokens = query.positive_tokens()
    hits = []
    for pk in page_ids:
        doc = by_id.get(pk)
        if doc is None:
            continue
        hits.append(
            Hit(
                kind=doc.kind,
                id=doc.object_id,
                title=(doc.titles or {}).get(reading) or doc.title,
                url=doc.url,
                snippet=highlight(doc.text or doc.title, tokens, doc.language),
                date=doc.date_start,
                city=doc.city.slug if doc.city else None,
                score=round(scores.get(pk, 0.0), 6),
                is_by_meaning=pk in meaning_only,
                subtitle=_in_language(doc.subtitles, reading),
            )
        )
    return hits


def _in_language(texts: dict[str, str] | None, language: str) -> str:
    """Return the text in `language`, else in English, else none."""
    texts = texts or {}
    return texts.get(language) or texts.get("en", "")
