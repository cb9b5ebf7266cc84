"""Programmes and sessions as CSV, both ways.

One format per kind, which the export writes and the import reads back unchanged: a row
with an `id` changes that record (if its `version` still matches), a row without one adds
a record. A file with any bad row changes nothing, and every bad row and column is
reported with the reason. The export reads through `visible_to(reader)`; the import
writes through the education services, so it may do exactly what the forms may.

Publication (`status`) is written out but never read back: publishing is a reviewer's
act of its own, and an import adds drafts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hrcities.access.keepers import can_change
from hrcities.access.tiers import Access
from hrcities.core.csvfiles import (
    CsvRows,
    ImportRefused,
    ImportReport,
    RowError,
    csv_chunks,
    errors_of,
    read_csv_text,
)
from hrcities.core.services import EditConflict
from hrcities.core.validation import check_language
from hrcities.network.models import City, Organisation
from hrcities.network.services import owner_from_cells
from hrcities.taxonomy.models import AffectedGroup
from hrcities.taxonomy.tags import set_accepted_tags, validate_labels

from . import services
from .jsonld import programmes_for_export
from .models import AdaptationKind, Audience, Format, Method, Programme, Session

LANGUAGES = ("en", "ko")
PROGRAMME_COLUMNS = [
    "id",
    "version",
    "slug",
    "city",
    "organisation",
    *(f"title_{code}" for code in LANGUAGES),
    *(f"summary_{code}" for code in LANGUAGES),
    *(f"outcomes_{code}" for code in LANGUAGES),
    "original_language",
    "languages",
    "format",
    "duration_hours",
    "audiences",
    "target_groups",
    "methods",
    "provider_cities",
    "provider_organisations",
    "contact",
    "adapted_from",
    "adaptation_kinds",
    "access",
    "tags",
    "status",
]
SESSION_COLUMNS = [
    "id",
    "version",
    "programme",
    "starts_on",
    "ends_on",
    "city",
    "place",
    "is_online",
    "facilitator",
    "participants",
    "counts",
    "evaluation_method",
    "evaluation_instrument",
    *(f"findings_{code}" for code in LANGUAGES),
    *(f"feedback_{code}" for code in LANGUAGES),
]
MAX_ROWS = 10_000
SLUG = re.compile(r"[-a-z0-9_]{1,120}")
CHANGED_SINCE = gettext_noop(
    "Record %(id)s changed since this file was exported (it is now version %(now)s)."
)
YES = {"yes", "y", "true", "1", "예"}
NO = {"no", "n", "false", "0", "", "아니오"}


def _joined(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


# --- export ---------------------------------------------------------------------------


def programme_rows(programmes: QuerySet[Programme]) -> Iterator[list[Any]]:
    """Yield the header and a row per programme (from `programmes_for_export`)."""
    yield PROGRAMME_COLUMNS
    for p in programmes.iterator(chunk_size=200):
        titles, summaries, outcomes = p.titles or {}, p.summaries or {}, p.outcomes or {}
        yield [
            p.pk,
            p.version,
            p.slug,
            p.city.slug if p.city else "",
            p.organisation.slug if p.organisation else "",
            *(titles.get(code, "") for code in LANGUAGES),
            *(summaries.get(code, "") for code in LANGUAGES),
            *(outcomes.get(code, "") for code in LANGUAGES),
            p.original_language,
            _joined(p.languages or []),
            p.format,
            _number(p.duration_hours),
            _joined(a.slug for a in p.audiences.all()),
            _joined(g.slug for g in p.target_groups.all()),
            _joined(m.slug for m in p.methods.all()),
            _joined(c.slug for c in p.provider_cities.all()),
            _joined(o.slug for o in p.provider_organisations.all()),
            p.contact,
            # Named only to readers of the source too (the export's queryset is theirs).
            p.adapted_from.slug if p.adapted_from and p.adapted_from in programmes else "",
            _joined(p.adaptation_kinds or []),
            p.access,
            _joined(sorted(t.label for t in p.taggings.all() if t.status == "accepted")),
            p.status,
        ]


def sessions_for_export(user: Any) -> QuerySet[Session]:
    """Return the sessions of the programmes this user may see."""
    return (
        Session.objects.filter(programme__in=Programme.objects.visible_to(user))
        .select_related("programme", "city")
        .prefetch_related("counts__dimension")
        .order_by("programme__slug", "starts_on", "pk")
    )


def _counts_cell(session: Session) -> str:
    return _joined(f"{c.dimension.slug}:{c.value}={c.count}" for c in session.counts.all())


def session_rows(sessions: QuerySet[Session]) -> Iterator[list[Any]]:
    yield SESSION_COLUMNS
    for s in sessions.iterator(chunk_size=200):
        findings, feedback = s.findings or {}, s.feedback or {}
        yield [
            s.pk,
            s.version,
            s.programme.slug,
            s.starts_on.isoformat(),
            s.ends_on.isoformat() if s.ends_on else "",
            s.city.slug if s.city else "",
            s.place,
            "yes" if s.is_online else "no",
            s.facilitator,
            s.participants,
            _counts_cell(s),
            s.evaluation_method,
            s.evaluation_instrument,
            *(findings.get(code, "") for code in LANGUAGES),
            *(feedback.get(code, "") for code in LANGUAGES),
        ]


def export_programmes_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    programmes = programmes_for_export(user)
    if city:
        programmes = programmes.filter(city__slug=city)
    return csv_chunks(programme_rows(programmes))


def export_sessions_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    sessions = sessions_for_export(user)
    if city:
        sessions = sessions.filter(programme__city__slug=city)
    return csv_chunks(session_rows(sessions))


def export_programmes_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_programmes_chunks(user, city=city))


def export_sessions_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_sessions_chunks(user, city=city))


# --- import: what both kinds share ------------------------------------------------------


@dataclass
class _Row:
    number: int
    record: Any  # the record to change, or None to add one
    version: int | None
    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


Bad = Callable[[str, str], None]


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


def _whole(cell: str, column: str, bad: Bad, *, low: int = 0, high: int = 10_000_000) -> Any:
    try:
        value = int(cell)
        if not low <= value <= high:
            raise ValueError
        return value
    except ValueError:
        bad(
            column,
            _("“%(v)s” is not a whole number from %(low)s to %(high)s.")
            % {"v": cell[:40], "low": low, "high": high},
        )
        return None


def _choice(cell: str, column: str, known: list[str], bad: Bad) -> str:
    """Return a cell that must be one of `known`, after reporting it if it is not."""
    if cell not in known:
        bad(
            column,
            _("Unknown value “%(v)s”. Known: %(known)s.")
            % {"v": cell[:40], "known": ", ".join(known)},
        )
    return cell


def _day(cell: str, column: str, bad: Bad) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        bad(column, _("“%(v)s” is not a date like 2024-05-18.") % {"v": cell[:40]})
        return None


def _existing(
    row: dict[str, str],
    visible: QuerySet,
    may_change: Callable[[Any], bool],
    seen: dict[int, int],
    line: int,
    bad: Bad,
) -> tuple[Any, int | None]:
    """Return the record a row's id names (one the importer may change) and its version."""
    if not row.get("id"):
        return None, None
    pk = _whole(row["id"], "id", bad, low=1, high=2**62)
    if pk is None:
        return None, None
    if pk in seen:
        bad("id", _("Id %(id)s already appears in row %(row)s.") % {"id": pk, "row": seen[pk]})
    seen[pk] = line
    record = visible.filter(pk=pk).first()
    # Another city's record, and one the importer may not see, answer as if it did not exist.
    if record is None or not may_change(record):
        bad("id", _("There is no record %(id)s that you may change.") % {"id": pk})
        return None, None
    version = _whole(row.get("version", ""), "version", bad, low=1, high=2**31)
    return record, version


def _by_slug(model: type, slugs: list[str], column: str, bad: Bad, queryset: Any = None) -> list:
    found = {r.slug: r for r in (queryset or model.objects).filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        bad(column, _("Unknown: %(v)s.") % {"v": ", ".join(unknown)[:200]})
    return [found[s] for s in slugs if s in found]


def _run(
    data: bytes,
    columns: list[str],
    required: list[str],
    check: Callable[[int, dict[str, str], Bad], _Row],
    apply: Callable[[_Row], str],
    field_columns: dict[str, str],
) -> ImportReport:
    """Read, check and write a CSV file: all rows, or none if any row is bad."""
    report = ImportReport()
    text = read_csv_text(data, report.errors)
    if text is None:
        raise ImportRefused(report)
    table = CsvRows(text, report.errors, max_rows=MAX_ROWS)
    if table.header is None:
        raise ImportRefused(report)
    table.check_columns(columns, required=required)
    if report.errors:
        raise ImportRefused(report)
    rows = []
    for line, cells in table:
        row = table.by_column(line, cells)
        if row is None:
            continue
        errors_before = len(report.errors)

        def bad(column: str, message: str, line: int = line) -> None:
            report.errors.append(RowError(line, column, message))

        checked = check(line, row, bad)
        if len(report.errors) == errors_before:
            rows.append(checked)
    if report.errors:
        raise ImportRefused(report)
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    outcome = apply(row)
                except EditConflict as conflict:
                    report.errors.append(
                        RowError(
                            row.number,
                            "version",
                            _(CHANGED_SINCE) % {"id": row.record.pk, "now": conflict.current},
                        )
                    )
                    continue
                except (ValidationError, PermissionDenied) as error:
                    for column, message in errors_of(error, field_columns):
                        report.errors.append(RowError(row.number, column, str(message)))
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
            if report.errors:
                raise ImportRefused(report)
    except ImportRefused:
        report.created = report.updated = report.unchanged = 0
        raise
    return report


# --- import: programmes ---------------------------------------------------------------

# The column that holds each field the services may name in an error.
PROGRAMME_FIELD_COLUMNS = {
    "titles": "title_en",
    "summaries": "summary_en",
    "outcomes": "outcomes_en",
    "duration_hours": "duration_hours",
    "slug": "slug",
    "tags": "tags",
}


def import_programmes_csv(data: bytes, *, by: Any) -> ImportReport:
    """Add and change programmes from CSV bytes: all rows, or none if any row is bad."""
    seen: dict[int, int] = {}
    slugs: dict[str, int] = {}
    created: dict[str, Programme] = {}
    visible = Programme.objects.visible_to(by).select_related("city", "organisation")

    def check(line: int, row: dict[str, str], bad: Bad) -> _Row:
        record, version = _existing(row, visible, lambda p: can_change(by, p), seen, line, bad)
        if row.get("id") and record is None:
            return _Row(line, None, None, {})  # refused above: not read as a new programme
        values = _programme_values(row, record, by, bad, slugs, line)
        return _Row(line, record, version, values, {"tags": values.pop("tags", None)})

    def apply(row: _Row) -> str:
        values = dict(row.values)
        source = values.get("adapted_from")
        if isinstance(source, str):  # a programme added by an earlier row of this file
            values["adapted_from"] = created[source]
        tags = row.extra["tags"]
        if row.record is None:
            programme = services.create_programme(by=by, **values)
            created[programme.slug] = programme
            if tags:
                set_accepted_tags(programme, tags, by=by)
            return "created"
        before = row.record.version
        updated = services.update_programme(row.record, values, by=by, based_on_version=row.version)
        tags_changed = tags is not None and set_accepted_tags(updated, tags, by=by)
        return "updated" if updated.version != before or tags_changed else "unchanged"

    return _run(
        data,
        PROGRAMME_COLUMNS,
        [],
        check,
        apply,
        PROGRAMME_FIELD_COLUMNS,
    )


def _programme_values(
    row: dict[str, str],
    record: Programme | None,
    by: Any,
    bad: Bad,
    slugs: dict[str, int],
    line: int,
) -> dict[str, Any]:
    """Return the fields a programme row sets (only those with a column in the file)."""
    values: dict[str, Any] = {}
    if record is None:
        city, organisation = owner_from_cells(row.get("city", ""), row.get("organisation", ""), bad)
        if (
            city is None
            and organisation is None
            and not (row.get("city") or row.get("organisation"))
        ):
            bad("city", _("Every programme belongs to a city or an organisation."))
        values["city"], values["organisation"] = city, organisation
        slug = row.get("slug", "")
        if slug:
            if not SLUG.fullmatch(slug):
                bad("slug", _("An address has only letters, digits and hyphens."))
            elif slug in slugs:
                bad(
                    "slug",
                    _("“%(v)s” is already used in row %(row)s.") % {"v": slug, "row": slugs[slug]},
                )
            elif Programme.objects.filter(slug=slug).exists():
                bad(
                    "slug",
                    _("A programme with the address “%(v)s” exists already.") % {"v": slug[:80]},
                )
            slugs[slug] = line
            values["slug"] = slug
    else:
        city = record.city
        for column, now in (("city", record.city), ("organisation", record.organisation)):
            if column in row and row[column] != (now.slug if now else ""):
                bad(column, _("A programme stays with the city or organisation that made it."))
        if "slug" in row and row["slug"] and row["slug"] != record.slug:
            bad("slug", _("The address of a programme is not changed by an import."))
    for name, prefix in (("titles", "title"), ("summaries", "summary"), ("outcomes", "outcomes")):
        if any(f"{prefix}_{code}" in row for code in LANGUAGES):
            values[name] = _texts(row, prefix, getattr(record, name, None))
    if "titles" in values and not any(values["titles"].values()):
        bad("title_en", _("Give a title in English or Korean (title_en or title_ko)."))
    for code, title in values.get("titles", {}).items():
        if len(title) > 300:
            bad(
                f"title_{code}",
                _("At most 300 characters (this one has %(n)s).") % {"n": len(title)},
            )
    for column, codes in (
        ("original_language", [row.get("original_language", "")]),
        ("languages", _split(row.get("languages", ""))),
    ):
        try:
            for code in filter(None, codes):
                check_language(code)
        except ValidationError as error:
            bad(column, " ".join(error.messages))
    if row.get("original_language"):
        values["original_language"] = row["original_language"]
    if "languages" in row:
        values["languages"] = _split(row["languages"])
    if "format" in row:
        values["format"] = _choice(row["format"] or Format.IN_PERSON, "format", Format.values, bad)
    if "duration_hours" in row:
        values["duration_hours"] = _hours(row["duration_hours"], bad)
    owner_city = values.get("city") if record is None else city
    for column, model, queryset in (
        ("audiences", Audience, None),
        ("target_groups", AffectedGroup, None),
        ("methods", Method, Method.objects.for_city(owner_city)),
        ("provider_cities", City, None),
        ("provider_organisations", Organisation, None),
    ):
        if column in row:
            values[column] = _by_slug(model, _split(row[column]), column, bad, queryset)
    if "contact" in row:
        values["contact"] = row["contact"][:300]
    if "adapted_from" in row:
        values["adapted_from"] = _source(row["adapted_from"], by, slugs, line, bad)
    if "adaptation_kinds" in row:
        values["adaptation_kinds"] = [
            _choice(kind, "adaptation_kinds", AdaptationKind.values, bad)
            for kind in _split(row["adaptation_kinds"])
        ]
    if "access" in row:
        values["access"] = _choice(row["access"] or Access.PUBLIC, "access", Access.values, bad)
    if "tags" in row:
        try:
            values["tags"] = validate_labels(_split(row["tags"]))
        except ValidationError as error:
            bad("tags", " ".join(error.messages))
    return values


def _hours(cell: str, bad: Bad) -> Decimal | None:
    if not cell:
        return None
    try:
        hours = Decimal(cell)
        if not Decimal(0) <= hours <= Decimal(10000) or hours != hours.quantize(Decimal("0.1")):
            raise InvalidOperation
        return hours
    except InvalidOperation:
        bad(
            "duration_hours",
            _("“%(v)s” is not a number of hours from 0 to 10000 with at most one decimal.")
            % {"v": cell[:40]},
        )
        return None


def _source(slug: str, by: Any, slugs: dict[str, int], line: int, bad: Bad) -> Any:
    """Return the programme a row was adapted from: one the importer may see, or the slug
    of one an earlier row of the file adds."""
    if not slug:
        return None
    found = Programme.objects.visible_to(by).filter(slug=slug).first()
    if found is not None:
        return found
    if slugs.get(slug, line) < line:
        return slug
    bad("adapted_from", _("No programme you may see has the address “%(v)s”.") % {"v": slug[:80]})
    return None


# --- import: sessions -----------------------------------------------------------------

SESSION_FIELD_COLUMNS = {
    "starts_on": "starts_on",
    "ends_on": "ends_on",
    "participants": "participants",
    "findings": "findings_en",
    "feedback": "feedback_en",
}


def import_sessions_csv(data: bytes, *, by: Any) -> ImportReport:
    """Add and change sessions from CSV bytes: all rows, or none if any row is bad."""
    seen: dict[int, int] = {}
    programmes = Programme.objects.visible_to(by)
    visible = Session.objects.filter(programme__in=programmes).select_related("programme")

    def check(line: int, row: dict[str, str], bad: Bad) -> _Row:
        record, version = _existing(
            row, visible, lambda s: services.may_record_sessions(by, s.programme), seen, line, bad
        )
        if row.get("id") and record is None:
            return _Row(line, None, None, {})  # refused above: not read as a new session
        values, counts = _session_values(row, record, programmes, by, bad)
        return _Row(line, record, version, values, {"counts": counts})

    def apply(row: _Row) -> str:
        values = dict(row.values)
        counts = row.extra["counts"]
        if row.record is None:
            programme = values.pop("programme")
            services.add_session(programme, by=by, counts=counts or {}, **values)
            return "created"
        values.pop("programme", None)
        before = row.record.version
        before_counts = _counts_cell(row.record)
        updated = services.update_session(
            row.record, values, by=by, based_on_version=row.version, counts=counts
        )
        changed = updated.version != before or _counts_cell(updated) != before_counts
        return "updated" if changed else "unchanged"

    return _run(
        data,
        SESSION_COLUMNS,
        ["programme", "starts_on", "participants"],
        check,
        apply,
        SESSION_FIELD_COLUMNS,
    )


def _session_values(
    row: dict[str, str], record: Session | None, programmes: QuerySet, by: Any, bad: Bad
) -> tuple[dict[str, Any], dict[str, dict[str, int]] | None]:
    values: dict[str, Any] = {}
    programme = programmes.filter(slug=row["programme"]).first() if row["programme"] else None
    if programme is None:
        bad(
            "programme",
            _("No programme you may see has the address “%(v)s”.") % {"v": row["programme"][:80]},
        )
    elif record is not None and programme.pk != record.programme_id:
        bad("programme", _("A session stays with its programme."))
    elif record is None and not services.may_record_sessions(by, programme):
        bad(
            "programme",
            _("Only the people of %(owner)s record how “%(programme)s” ran.")
            % {"owner": programme.owner, "programme": programme},
        )
    values["programme"] = programme
    values["starts_on"] = _day(row["starts_on"], "starts_on", bad)
    if values["starts_on"] is None and row["starts_on"] == "":
        bad("starts_on", _("Give the first day (2024-05-18)."))
    if "ends_on" in row:
        values["ends_on"] = _day(row["ends_on"], "ends_on", bad)
    values["participants"] = _whole(row["participants"], "participants", bad)
    if "city" in row:
        values["city"] = (
            _by_slug(City, _split(row["city"])[:1], "city", bad)[0] if row["city"] else None
        )
    for name in ("place", "facilitator", "evaluation_method", "evaluation_instrument"):
        if name in row:
            values[name] = row[name]
    if "is_online" in row:
        if row["is_online"].lower() not in YES | NO:
            bad("is_online", _("Write yes or no."))
        values["is_online"] = row["is_online"].lower() in YES
    for name, prefix in (("findings", "findings"), ("feedback", "feedback")):
        if any(f"{prefix}_{code}" in row for code in LANGUAGES):
            values[name] = _texts(row, prefix, getattr(record, name, None))
    counts = _counts(row["counts"], bad) if "counts" in row else None
    return values, counts


def _counts(cell: str, bad: Bad) -> dict[str, dict[str, int]]:
    """Read "sex:female=12;sex:male=8" as {"sex": {"female": 12, "male": 8}}."""
    counts: dict[str, dict[str, int]] = {}
    for part in _split(cell):
        group, equals, number = part.rpartition("=")
        dimension, colon, value = group.partition(":")
        if not (equals and colon and dimension and value):
            bad("counts", _("“%(v)s” is not a count like sex:female=12.") % {"v": part[:60]})
            continue
        count = _whole(number.strip(), "counts", bad)
        if count is not None:
            counts.setdefault(dimension.strip(), {})[value.strip()] = count
    return counts
