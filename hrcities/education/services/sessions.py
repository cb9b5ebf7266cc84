"""Sessions of a programme with their participant counts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record
from hrcities.indicators.models import Dimension

from ..models import ParticipantCount, Programme, Session
from .common import _delete_files_on_commit, _require_record_sessions

# Sessions are recorded from this year on, and up to this many years ahead (planned runs).
FIRST_SESSION_YEAR = 1945
YEARS_AHEAD = 5


# --- sessions and participant counts --------------------------------------------------

Counts = dict[str, dict[str, int]]  # {dimension slug: {value: count}}


def count_dimensions(programme: Programme) -> list[Dimension]:
    """Return the breakdowns a session of this programme can count participants by:
    the indicators' shared dimensions and the programme's city's own, districts aside."""
    return list(
        Dimension.objects.for_city(programme.city)
        .exclude(slug="district")
        .order_by("position", "slug")
    )


def _check_session(programme: Programme, values: dict[str, Any], counts: Counts) -> list[tuple]:
    """Check a session's dates and counts; return the count rows to store."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    for name in ("starts_on", "ends_on"):
        day = values.get(name)
        if day and not FIRST_SESSION_YEAR <= day.year <= today.year + YEARS_AHEAD:
            errors[name] = [
                _("%(day)s is out of range: give a day between %(first)s and %(last)s.")
                % {
                    "day": day.isoformat(),
                    "first": FIRST_SESSION_YEAR,
                    "last": today.year + YEARS_AHEAD,
                }
            ]
    dimensions = {d.slug: d for d in count_dimensions(programme)}
    total = values.get("participants")
    rows = []
    for slug, groups in (counts or {}).items():
        dimension = dimensions.get(slug)
        if dimension is None:
            errors.setdefault("counts", []).append(
                _("“%(slug)s” is not a breakdown participants can be counted by.") % {"slug": slug}
            )
            continue
        field = f"count_{slug}"
        given = {value: count for value, count in groups.items() if count not in (None, "")}
        for value, count in given.items():
            if dimension.values and value not in dimension.values:
                errors.setdefault(field, []).append(
                    _("“%(value)s” is not a value of %(dimension)s (%(allowed)s).")
                    % {
                        "value": value,
                        "dimension": dimension.name,
                        "allowed": ", ".join(dimension.values),
                    }
                )
            elif not isinstance(count, int) or count < 0:
                errors.setdefault(field, []).append(
                    _("The count of %(dimension)s “%(value)s” must be a whole number, 0 or more.")
                    % {"dimension": dimension.name, "value": value}
                )
            else:
                rows.append((dimension, value, count))
        subtotal = sum(c for c in given.values() if isinstance(c, int) and c >= 0)
        if isinstance(total, int) and subtotal > total:
            errors.setdefault(field, []).append(
                _(
                    "The counts by %(dimension)s add up to %(sum)s, "
                    "more than the %(total)s participants."
                )
                % {"dimension": dimension.name, "sum": subtotal, "total": total}
            )
    if errors:
        raise ValidationError(errors)
    return rows


def _store_counts(session: Session, rows: list[tuple]) -> None:
    session.counts.all().delete()
    ParticipantCount.objects.bulk_create(
        ParticipantCount(session=session, dimension=d, value=v, count=c) for d, v, c in rows
    )


def _counts_of(session: Session) -> dict[str, int]:
    return {
        f"{c.dimension.slug}:{c.value}": c.count for c in session.counts.select_related("dimension")
    }


@transaction.atomic
def add_session(
    programme: Programme, *, by: Any, counts: Counts | None = None, **values: Any
) -> Session:
    """Record one run of a programme with its participants, counted by group where known."""
    _require_record_sessions(by, programme)
    values.pop("programme", None)
    rows = _check_session(programme, values, counts or {})
    session = create_record(Session, by=by, programme=programme, **values)
    _store_counts(session, rows)
    return session


@transaction.atomic
def update_session(
    session: Session,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    counts: Counts | None = None,
) -> Session:
    """Change a session and, when given, replace its counts, as one change."""
    programme = session.programme
    _require_record_sessions(by, programme)
    changes = {k: v for k, v in changes.items() if k != "programme"}
    merged = {
        "participants": session.participants,
        "starts_on": None,
        "ends_on": None,
        **changes,
    }
    given = counts if counts is not None else {}
    rows = _check_session(programme, merged, given)
    before = _counts_of(session)
    session = update_record(session, changes, by=by, based_on_version=based_on_version)
    if counts is not None:
        _store_counts(session, rows)
        after = _counts_of(session)
        if after != before:
            audit(
                AuditEntry.Action.RECORD_UPDATED,
                by=by,
                target=session,
                details={"counts": [before, after]},
            )
    return session


@transaction.atomic
def delete_session(session: Session, *, by: Any) -> None:
    """Delete a session with its counts and evaluation files."""
    _require_record_sessions(by, session.programme)
    _delete_files_on_commit(session.files.all())
    delete_record(session, by=by)
