"""Sessions as CSV, both ways: each run of a programme, its participants counted by group
("sex:female=12;sex:male=8") and its evaluation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hrcities.core.csvfiles import Bad, ImportReport, csv_chunks, day_cell, run_import, whole_cell
from hrcities.network.models import City

from .. import services
from ..models import Programme, Session
from .cells import LANGUAGES, MAX_ROWS, NO, YES, Row, by_slug, existing, joined, split, texts

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


def sessions_for_export(user: Any) -> QuerySet[Session]:
    """Return the sessions of the programmes this user may see."""
    return (
        Session.objects.filter(programme__in=Programme.objects.visible_to(user))
        .select_related("programme", "city")
        .prefetch_related("counts__dimension")
        .order_by("programme__slug", "starts_on", "pk")
    )


def _counts_cell(session: Session) -> str:
    return joined(f"{c.dimension.slug}:{c.value}={c.count}" for c in session.counts.all())


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


def export_sessions_chunks(user: Any, *, city: str | None = None) -> Iterator[str]:
    sessions = sessions_for_export(user)
    if city:
        sessions = sessions.filter(programme__city__slug=city)
    return csv_chunks(session_rows(sessions))


def export_sessions_csv(user: Any, *, city: str | None = None) -> str:
    return "".join(export_sessions_chunks(user, city=city))


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

    def check(line: int, row: dict[str, str], bad: Bad) -> Row:
        record, version = existing(
            row, visible, lambda s: services.may_record_sessions(by, s.programme), seen, line, bad
        )
        if row.get("id") and record is None:
            return Row(line, None, None, {})  # refused above: not read as a new session
        values, counts = _session_values(row, record, programmes, by, bad)
        return Row(line, record, version, values, {"counts": counts})

    def apply(row: Row) -> str:
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

    return run_import(
        data,
        columns=SESSION_COLUMNS,
        required=["programme", "starts_on", "participants"],
        check=check,
        apply=apply,
        field_columns=SESSION_FIELD_COLUMNS,
        max_rows=MAX_ROWS,
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
    values["starts_on"] = day_cell(row["starts_on"], "starts_on", bad)
    if values["starts_on"] is None and row["starts_on"] == "":
        bad("starts_on", _("Give the first day (2024-05-18)."))
    if "ends_on" in row:
        values["ends_on"] = day_cell(row["ends_on"], "ends_on", bad)
    values["participants"] = whole_cell(row["participants"], "participants", bad, high=10_000_000)
    if "city" in row:
        values["city"] = (
            by_slug(City, split(row["city"])[:1], "city", bad)[0] if row["city"] else None
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
            values[name] = texts(row, prefix, getattr(record, name, None))
    counts = _counts(row["counts"], bad) if "counts" in row else None
    return values, counts


def _counts(cell: str, bad: Bad) -> dict[str, dict[str, int]]:
    """Read "sex:female=12;sex:male=8" as {"sex": {"female": 12, "male": 8}}."""
    counts: dict[str, dict[str, int]] = {}
    for part in split(cell):
        group, equals, number = part.rpartition("=")
        dimension, colon, value = group.partition(":")
        if not (equals and colon and dimension and value):
            bad("counts", _("“%(v)s” is not a count like sex:female=12.") % {"v": part[:60]})
            continue
        count = whole_cell(number.strip(), "counts", bad, high=10_000_000)
        if count is not None:
            counts.setdefault(dimension.strip(), {})[value.strip()] = count
    return counts
