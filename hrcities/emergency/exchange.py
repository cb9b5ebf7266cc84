"""Emergency measures and their reviews as CSV, both ways.

One format per kind, which the export writes and the import reads back unchanged: a row
with an `id` changes that record (if its `version` still matches), a row without one adds
a record as a draft. A review is one row, with one column per checklist question (its
answer) and its evidence and note beside it, per language. A file with any bad row changes
nothing, and every bad row and column is reported with the reason. The export reads
through `visible_to(reader)` (a review only when its measure is visible too); the import
writes through the emergency services, so it may do exactly what the forms may.

Publication (`status`) is written out but never read back: publishing is a keeper's act
of its own, and an import adds drafts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change
from hrcities.access.tiers import Access
from hrcities.core.csvfiles import (
    Bad,
    ImportReport,
    choice_cell,
    csv_chunks,
    day_cell,
    run_import,
    whole_cell,
)
from hrcities.core.validation import check_language
from hrcities.network.models import City
from hrcities.network.services import owner_from_cells
from hrcities.taxonomy.models import AffectedGroup

from . import services
from .checklist import CRITERIA
from .models import Answer, Emergency, Issue, Level, Measure, MeasureKind, Outcome, PolicyCode
from .queries import visible_measures, visible_reviews

LANGUAGES = ("en", "ko")
MEASURE_TEXTS = ("title", "summary", "authority", "legal_basis")
MEASURE_COLUMNS = [
    "id",
    "version",
    "city",
    "organisation",
    "applies_in",
    "level",
    *(f"{name}_{code}" for name in MEASURE_TEXTS for code in LANGUAGES),
    "original_language",
    "kind",
    "emergency",
    "issues",
    "policy_code",
    "policy_level",
    "is_targeted",
    "target_groups",
    "introduced_on",
    "in_force_from",
    "sunset_on",
    "lifted_on",
    "access",
    "status",
]
REVIEW_TEXTS = ("summary", "recommendations")
ANSWER_COLUMNS = [
    column
    for c in CRITERIA
    for column in (
        c.slug,
        *(f"{c.slug}_evidence_{code}" for code in LANGUAGES),
        *(f"{c.slug}_note_{code}" for code in LANGUAGES),
    )
]
REVIEW_COLUMNS = [
    "id",
    "version",
    "measure",
    "city",
    "organisation",
    "reviewer_name",
    "reviewed_on",
    "next_review_on",
    "outcome",
    *(f"{name}_{code}" for name in REVIEW_TEXTS for code in LANGUAGES),
    *ANSWER_COLUMNS,
    "access",
    "status",
]
# The JSON field behind each per-language column prefix.
FIELDS = {
    "title": "titles",
    "summary": "summaries",
    "authority": "authority",
    "legal_basis": "legal_basis",
    "recommendations": "recommendations",
}
YES = {"yes", "y", "true", "1", "예"}
NO = {"no", "n", "false", "0", "", "아니오"}


def _joined(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def _status(record: Any) -> str:
    return "withdrawn" if record.is_withdrawn else record.publication


# --- export ---------------------------------------------------------------------------


def measures_for_export(user: Any) -> QuerySet[Measure]:
    return (
        visible_measures(user)
        .select_related("city", "organisation", "applies_in", "emergency", "policy_code")
        .prefetch_related("issues", "target_groups")
        .order_by("applies_in__slug", "in_force_from", "pk")
    )


def reviews_for_export(user: Any) -> QuerySet:
    """Return the reviews this user may see (the review and its measure), with answers."""
    return (
        visible_reviews(user)
        .select_related("city", "organisation")
        .prefetch_related("answers")
        .order_by("measure_id", "reviewed_on", "pk")
    )


def measure_rows(measures: QuerySet[Measure]) -> Iterator[list[Any]]:
    yield MEASURE_COLUMNS
    for m in measures.iterator(chunk_size=200):
        yield [
            m.pk,
            m.version,
            m.city.slug if m.city else "",
            m.organisation.slug if m.organisation else "",
            m.applies_in.slug,
            m.level,
            *(
                (getattr(m, FIELDS[name]) or {}).get(code, "")
                for name in MEASURE_TEXTS
                for code in LANGUAGES
            ),
            m.original_language,
            m.kind,
            m.emergency.slug,
            _joined(i.slug for i in m.issues.all()),
            m.policy_code.code if m.policy_code else "",
            "" if m.policy_level is None else m.policy_level,
            "yes" if m.is_targeted else "no",
            _joined(g.slug for g in m.target_groups.all()),
            _day(m.introduced_on),
            _day(m.in_force_from),
            _day(m.sunset_on),
            _day(m.lifted_on),
            m.access,
            _status(m),
        ]


def review_rows(reviews: QuerySet) -> Iterator[list[Any]]:
    yield REVIEW_COLUMNS
    for r in reviews.iterator(chunk_size=200):
        answers = {a.criterion: a for a in r.answers.all()}
        cells = []
        for c in CRITERIA:
            a = answers.get(c.slug)
            cells += [a.answer if a else ""]
            cells += [(a.evidence if a else {}).get(code, "") for code in LANGUAGES]
            cells += [(a.note if a else {}).get(code, "") for code in LANGUAGES]
        yield [
            r.pk,
            r.version,
            r.measure_id,
            r.city.slug if r.city else "",
            r.organisation.slug if r.organisation else "",
            r.reviewer_name,
            _day(r.reviewed_on),
            _day(r.next_review_on),
            r.outcome,
            *(
                (getattr(r, FIELDS[name]) or {}).get(code, "")
                for name in REVIEW_TEXTS
                for code in LANGUAGES
            ),
            *cells,
            r.access,
            _status(r),
        ]


def export_measures_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    measures = measures_for_export(user)
    if city:
        measures = measures.filter(applies_in__slug=city)
    return csv_chunks(measure_rows(measures))


def export_reviews_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    reviews = reviews_for_export(user)
    if city:
        reviews = reviews.filter(measure__applies_in__slug=city)
    return csv_chunks(review_rows(reviews))


def export_measures_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_measures_chunks(user, city=city))


def export_reviews_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_reviews_chunks(user, city=city))


# --- import: what both kinds share ----------------------------------------------------


@dataclass
class _Row:
    record: Any  # the record to change, or None to add one
    version: int | None
    values: dict[str, Any]
    answers: Any = None
    measure: Any = None


def _texts(row: dict[str, str], prefix: str, before: dict[str, str] | None) -> dict[str, str]:
    """Return a per-language field from its columns; languages without a column stay."""
    texts = dict(before or {})
    for code in LANGUAGES:
        column = f"{prefix}_{code}"
        if column in row:
            if row[column]:
                texts[code] = row[column]
            else:
                texts.pop(code, None)
    return texts


def _existing(
    row: dict[str, str], visible: QuerySet, by: Any, seen: dict[int, int], line: int, bad: Bad
) -> tuple[Any, int | None]:
    """Return the record a row's id names (one the importer may change) and its version."""
    if not row.get("id"):
        return None, None
    pk = whole_cell(row["id"], "id", bad, low=1, high=2**62)
    if pk is None:
        return None, None
    if pk in seen:
        bad("id", _("Id %(id)s already appears in row %(row)s.") % {"id": pk, "row": seen[pk]})
    seen[pk] = line
    record = visible.filter(pk=pk).first()
    # Another city's record, and one the importer may not see, answer as if it did not exist.
    if record is None or not can_change(by, record):
        bad("id", _("There is no record %(id)s that you may change.") % {"id": pk})
        return None, None
    version = whole_cell(row.get("version", ""), "version", bad, low=1, high=2**31)
    return record, version


def _flag(cell: str, column: str, bad: Bad) -> bool:
    if cell.casefold() in YES:
        return True
    if cell.casefold() not in NO:
        bad(column, _("Write yes or no, not “%(v)s”.") % {"v": cell[:40]})
    return False


def _slugs(queryset: QuerySet, cell: str, column: str, bad: Bad) -> list[Any]:
    slugs = _split(cell)
    found = {r.slug: r for r in queryset.filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        bad(column, _("Unknown: %(v)s.") % {"v": ", ".join(unknown)[:200]})
    return [found[s] for s in dict.fromkeys(slugs) if s in found]


def _same_owner(row: dict[str, str], record: Any, bad: Bad) -> None:
    """Refuse a row that gives a record another keeper: that is no edit of an import."""
    for column in ("city", "organisation"):
        owner = getattr(record, column)
        if column in row and row[column] != (owner.slug if owner else ""):
            bad(column, _("A record keeps its city or organisation; an import does not move it."))


def _access(row: dict[str, str], values: dict[str, Any], bad: Bad) -> None:
    if row.get("access"):
        values["access"] = choice_cell(row["access"], "access", Access.values, bad)


# --- import: measures -----------------------------------------------------------------

MEASURE_FIELD_COLUMNS = {
    "titles": "title_en",
    "summaries": "summary_en",
    "authority": "authority_en",
    "legal_basis": "legal_basis_en",
    "city": "city",
    "organisation": "organisation",
    "emergency": "emergency",
    "policy_level": "policy_level",
    "introduced_on": "introduced_on",
    "in_force_from": "in_force_from",
    "sunset_on": "sunset_on",
    "lifted_on": "lifted_on",
    "original_language": "original_language",
}


def import_measures_csv(data: bytes, *, by: Any) -> ImportReport:
    """Add and change measures from CSV bytes: all rows, or none if any row is bad."""
    seen: dict[int, int] = {}
    visible = visible_measures(by).select_related("city", "organisation")

    def check(line: int, row: dict[str, str], bad: Bad) -> _Row:
        record, version = _existing(row, visible, by, seen, line, bad)
        if row.get("id") and record is None:
            return _Row(None, None, {})  # refused above: not read as a new measure
        return _Row(record, version, _measure_values(row, record, bad))

    def apply(row: _Row) -> str:
        if row.record is None:
            services.create_measure(by=by, **row.values)
            return "created"
        before = row.record.version
        updated = services.update_measure(
            row.record, row.values, by=by, based_on_version=row.version
        )
        return "updated" if updated.version != before else "unchanged"

    return run_import(
        data,
        columns=MEASURE_COLUMNS,
        required=[],
        check=check,
        apply=apply,
        field_columns=MEASURE_FIELD_COLUMNS,
    )


def _measure_values(row: dict[str, str], record: Measure | None, bad: Bad) -> dict[str, Any]:
    """Return the fields a measure row sets (only those with a column in the file)."""
    values: dict[str, Any] = {}
    city = record.city if record else None
    if record is None:
        city, organisation = owner_from_cells(row.get("city", ""), row.get("organisation", ""), bad)
        if not (row.get("city") or row.get("organisation")):
            bad("city", _("Give the city or the organisation that keeps the measure."))
        values.update(city=city, organisation=organisation)
        for column in ("title_en", "kind", "emergency", "introduced_on", "in_force_from"):
            if column not in row:
                bad(column, _("A new measure needs this column."))
    else:
        _same_owner(row, record, bad)
    for name in MEASURE_TEXTS:
        if any(f"{name}_{code}" in row for code in LANGUAGES):
            field = FIELDS[name]
            values[field] = _texts(row, name, getattr(record, field, None))
    if "applies_in" in row:
        place = row["applies_in"]
        found = City.objects.filter(slug=place).first() if place else city
        if found is None:
            bad("applies_in", _("Unknown city “%(v)s”.") % {"v": place[:80]})
        values["applies_in"] = found
    elif record is None:
        values["applies_in"] = city
    if row.get("level"):
        values["level"] = choice_cell(row["level"], "level", Level.values, bad)
    if "original_language" in row and row["original_language"]:
        try:
            check_language(row["original_language"])
            values["original_language"] = row["original_language"]
        except Exception as error:  # noqa: BLE001 - a ValidationError with its message
            bad("original_language", " ".join(getattr(error, "messages", [str(error)])))
    if "kind" in row:
        values["kind"] = choice_cell(row["kind"], "kind", MeasureKind.values, bad)
    if "emergency" in row:
        shared_or_own = Emergency.objects.filter(Q(city__isnull=True) | Q(city=city))
        found = sorted(shared_or_own.filter(slug=row["emergency"]), key=lambda e: e.city_id is None)
        if not found:
            bad("emergency", _("Unknown emergency “%(v)s”.") % {"v": row["emergency"][:80]})
        values["emergency"] = found[0] if found else None
    if "issues" in row:
        values["issues"] = _slugs(Issue.objects.all(), row["issues"], "issues", bad)
    if "target_groups" in row:
        values["target_groups"] = _slugs(
            AffectedGroup.objects.all(), row["target_groups"], "target_groups", bad
        )
    if "policy_code" in row:
        code = row["policy_code"].upper()
        values["policy_code"] = PolicyCode.objects.filter(code=code).first() if code else None
        if code and values["policy_code"] is None:
            bad("policy_code", _("Unknown OxCGRT policy code “%(v)s”.") % {"v": code[:10]})
    if "policy_level" in row:
        cell = row["policy_level"]
        values["policy_level"] = whole_cell(cell, "policy_level", bad, high=9) if cell else None
    if "is_targeted" in row:
        values["is_targeted"] = _flag(row["is_targeted"], "is_targeted", bad)
    for column in ("introduced_on", "in_force_from", "sunset_on", "lifted_on"):
        if column in row:
            values[column] = day_cell(row[column], column, bad)
    _access(row, values, bad)
    return values


# --- import: reviews ------------------------------------------------------------------

REVIEW_FIELD_COLUMNS = {
    "summaries": "summary_en",
    "recommendations": "recommendations_en",
    "city": "city",
    "organisation": "organisation",
    "measure": "measure",
    "reviewed_on": "reviewed_on",
    "next_review_on": "next_review_on",
    "reviewer_name": "reviewer_name",
    **{f"answer_{c.slug}": c.slug for c in CRITERIA},
}


def import_reviews_csv(data: bytes, *, by: Any) -> ImportReport:
    """Add and change reviews with their answers from CSV bytes: all rows, or none."""
    seen: dict[int, int] = {}
    reviews = visible_reviews(by).select_related("city", "organisation", "measure")
    measures = visible_measures(by)

    def check(line: int, row: dict[str, str], bad: Bad) -> _Row:
        record, version = _existing(row, reviews, by, seen, line, bad)
        if row.get("id") and record is None:
            return _Row(None, None, {})
        measure = record.measure if record else None
        if record is None:
            pk = whole_cell(row.get("measure", ""), "measure", bad, low=1, high=2**62)
            measure = measures.filter(pk=pk).first() if pk else None
            if pk and measure is None:
                bad("measure", _("No measure you may see has the id %(id)s.") % {"id": pk})
        elif row.get("measure") and row["measure"] != str(record.measure_id):
            bad("measure", _("A review stays with the measure it reviews."))
        values = _review_values(row, record, bad)
        return _Row(record, version, values, _answers(row, record, bad), measure)

    def apply(row: _Row) -> str:
        if row.record is None:
            services.create_review(row.measure, by=by, answers=row.answers, **row.values)
            return "created"
        before = row.record.version
        answers_before = _answers_of(row.record)
        updated = services.update_review(
            row.record, row.values, by=by, based_on_version=row.version, answers=row.answers
        )
        changed = updated.version != before or (
            row.answers is not None and _answers_of(updated) != answers_before
        )
        return "updated" if changed else "unchanged"

    return run_import(
        data,
        columns=REVIEW_COLUMNS,
        required=[],
        check=check,
        apply=apply,
        field_columns=REVIEW_FIELD_COLUMNS,
    )


def _answers_of(review: Any) -> dict[str, tuple[str, dict, dict]]:
    return {a.criterion: (a.answer, a.evidence, a.note) for a in review.answers.all()}


def _review_values(row: dict[str, str], record: Any, bad: Bad) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if record is None:
        city, organisation = owner_from_cells(row.get("city", ""), row.get("organisation", ""), bad)
        if not (row.get("city") or row.get("organisation")):
            bad("city", _("Give the city or the organisation that reviews."))
        values.update(city=city, organisation=organisation)
        for column in ("measure", "reviewed_on", "outcome"):
            if not row.get(column):
                bad(column, _("A new review needs this column."))
    else:
        _same_owner(row, record, bad)
    if "reviewer_name" in row and (row["reviewer_name"] or record is not None):
        values["reviewer_name"] = row["reviewer_name"][:200]
    for column in ("reviewed_on", "next_review_on"):
        if column in row:
            values[column] = day_cell(row[column], column, bad)
    if row.get("outcome"):
        values["outcome"] = choice_cell(row["outcome"], "outcome", Outcome.values, bad)
    for name in REVIEW_TEXTS:
        if any(f"{name}_{code}" in row for code in LANGUAGES):
            field = FIELDS[name]
            values[field] = _texts(row, name, getattr(record, field, None))
    _access(row, values, bad)
    return values


def _answers(row: dict[str, str], record: Any, bad: Bad) -> dict[str, Any] | None:
    """Return the answers a row gives (None when the file has no answer column)."""
    if not any(column in row for column in ANSWER_COLUMNS):
        return None
    before = {a.criterion: a for a in record.answers.all()} if record else {}
    answers = {}
    for c in CRITERIA:
        old = before.get(c.slug)
        answer = row.get(c.slug, old.answer if old else "")
        if answer and answer not in Answer.values:
            choice_cell(answer, c.slug, Answer.values, bad)
        answers[c.slug] = {
            "answer": answer,
            "evidence": _texts(row, f"{c.slug}_evidence", old.evidence if old else None),
            "note": _texts(row, f"{c.slug}_note", old.note if old else None),
        }
    return answers
