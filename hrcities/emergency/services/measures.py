"""Measures and the changes they go through (extended, amended, lifted)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.access.keepers import require_review
from hrcities.access.tiers import Publication
from hrcities.archive.services import publish
from hrcities.archive.services import submit_for_review as submit
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record

from ..models import ChangeKind, Measure, MeasureChange
from .common import (
    CHANGED_BY_CHANGES,
    FIXED_FIELDS,
    _check_links,
    _delete_files_on_commit,
    _Owner,
    _refuse_fixed,
    _refuse_reviewer_fields,
    require_change,
    require_contribute,
)

# --- measures -------------------------------------------------------------------------


@transaction.atomic
def create_measure(*, by: Any, **values: Any) -> Measure:
    """Record a measure as a draft of its city or organisation, with its links and the
    change that introduced it (and the one that lifted it, if it is already lifted)."""
    owner = _Owner(values.get("city"), values.get("organisation"))
    require_contribute(by, owner, _("measures"))
    is_demo = bool(values.pop("is_demo", False))
    for name in ("publication", "is_withdrawn"):
        values.pop(name, None)
    _refuse_reviewer_fields(by, values, owner)
    _check_links(by, values)
    measure = create_record(
        Measure, by=by, publication=Publication.DRAFT, is_demo=is_demo, **values
    )
    _add_change(measure, ChangeKind.INTRODUCED, measure.introduced_on, by=by)
    if measure.lifted_on:
        _add_change(measure, ChangeKind.LIFTED, measure.lifted_on, by=by)
    return measure


@transaction.atomic
def update_measure(
    measure: Measure, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Measure:
    """Change a measure and its links; contributors change drafts only.

    The owner and publication have verbs of their own. Once the measure has changes
    beyond its introduction, its sunset and lifting move only through `record_change`,
    so that the timeline and the dates never disagree.
    """
    require_change(by, measure)
    changes = dict(changes)
    _refuse_fixed(changes, measure, FIXED_FIELDS)
    if measure.changes.exclude(kind=ChangeKind.INTRODUCED).exists():
        for name in CHANGED_BY_CHANGES:
            if name in changes and changes[name] != getattr(measure, name):
                raise ValidationError(
                    {
                        name: _(
                            "This measure has been extended, amended or lifted: record "
                            "a change to move its sunset or the day it was lifted."
                        )
                    }
                )
            changes.pop(name, None)
    _refuse_reviewer_fields(by, changes, measure)
    _check_links(by, changes)
    measure = update_record(measure, changes, by=by, based_on_version=based_on_version)
    introduced = measure.changes.filter(kind=ChangeKind.INTRODUCED).first()
    if introduced is not None and introduced.on != measure.introduced_on:
        introduced.on = measure.introduced_on
        introduced.save(update_fields=["on"])
    return measure


@transaction.atomic
def submit_measure(measure: Measure, *, by: Any) -> Measure:
    """Hand a draft measure to its keepers."""
    return submit(measure, by=by)


@transaction.atomic
def publish_measure(measure: Measure, *, by: Any) -> Measure:
    """Publish a measure; its access tier still decides who reads it."""
    return publish(measure, by=by)


@transaction.atomic
def delete_measure(measure: Measure, *, by: Any) -> None:
    """Delete a measure with its changes, sources and reviews (kept in the revisions)."""
    require_review(by, measure)
    _delete_files_on_commit(measure.sources.all())
    for review in measure.reviews.all():
        delete_record(review, by=by)
    delete_record(measure, by=by)


# --- changes --------------------------------------------------------------------------


def _add_change(
    measure: Measure,
    kind: str,
    on: date,
    *,
    by: Any,
    new_sunset: date | None = None,
    note: dict[str, str] | None = None,
) -> MeasureChange:
    return MeasureChange.objects.create(
        measure=measure,
        kind=kind,
        on=on,
        new_sunset=new_sunset,
        note={k: v.strip() for k, v in (note or {}).items() if v and v.strip()},
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _check_change(measure: Measure, kind: str, on: date | None, new_sunset: date | None) -> None:
    errors: dict[str, str] = {}
    if kind not in (ChangeKind.EXTENDED, ChangeKind.AMENDED, ChangeKind.LIFTED):
        errors["kind"] = _("A change is an extension, an amendment or a lifting.")
    if on is None:
        errors["on"] = _("Give the day of the change.")
    elif on < measure.introduced_on:
        errors["on"] = _("%(on)s is before the measure was introduced (%(introduced)s).") % {
            "on": on.isoformat(),
            "introduced": measure.introduced_on.isoformat(),
        }
    elif measure.lifted_on and on > measure.lifted_on:
        errors["on"] = _("The measure was lifted on %(lifted)s; nothing changes after that.") % {
            "lifted": measure.lifted_on.isoformat()
        }
    if kind == ChangeKind.EXTENDED:
        if new_sunset is None:
            errors["new_sunset"] = _("An extension needs its new sunset.")
        elif new_sunset < measure.in_force_from:
            errors["new_sunset"] = _(
                "The new sunset %(sunset)s is before the day the measure came into force "
                "(%(start)s)."
            ) % {"sunset": new_sunset.isoformat(), "start": measure.in_force_from.isoformat()}
        elif on is not None and new_sunset <= on:
            errors["new_sunset"] = _("The new sunset must come after the day of the extension.")
    elif new_sunset is not None:
        errors["new_sunset"] = _("Only an extension sets a new sunset.")
    if kind == ChangeKind.LIFTED and measure.lifted_on:
        errors["kind"] = _("The measure was already lifted on %(lifted)s.") % {
            "lifted": measure.lifted_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_change(
    measure: Measure,
    *,
    by: Any,
    kind: str,
    on: date | None,
    new_sunset: date | None = None,
    note: dict[str, str] | None = None,
    based_on_version: int | None = None,
) -> MeasureChange:
    """Record that a measure was extended (with its new sunset), amended or lifted, and
    move the measure's dates with it, as one change."""
    require_change(by, measure)
    _check_change(measure, kind, on, new_sunset)
    dates: dict[str, Any] = {}
    later = measure.changes.filter(kind=ChangeKind.EXTENDED, on__gt=on).exists()
    if kind == ChangeKind.EXTENDED and not later:
        # An extension recorded after the fact leaves the sunset a later one set.
        dates["sunset_on"] = new_sunset
    elif kind == ChangeKind.LIFTED:
        dates["lifted_on"] = on
    if dates:
        measure = update_record(measure, dates, by=by, based_on_version=based_on_version)
    change = _add_change(measure, kind, on, by=by, new_sunset=new_sunset, note=note)
    if not dates:
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=measure,
            details={"change": kind, "on": on.isoformat()},
        )
    return change
