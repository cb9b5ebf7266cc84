"""Measures: lists with filters, one measure, adding, changing, its changes, publication."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.archive.api.common import _Page
from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.network.services import owner_by_slugs

from .. import services
from ..models import Outcome
from .common import (
    change_out,
    measure_detail,
    measure_summary,
    measures_for,
    references,
    visible_measure,
)
from .schemas import ChangeIn, ChangeOut, MeasureDetail, MeasureIn, MeasurePatch, MeasureSummary

router = Router()


@router.get(
    "/measures",
    response=list[MeasureSummary],
    auth=read_auth,
    summary="Emergency measures you may see, filtered",
    description="`outcome` is that of each measure's latest published review you may see; "
    "`unreviewed` finds those without one.",
)
@paginate(LimitOffset)
def list_measures(
    request: HttpRequest,
    city: str | None = None,
    emergency: str | None = None,
    issue: str | None = None,
    in_force: bool | None = None,
    outcome: str | None = None,
) -> Any:
    user = api_user(request)
    measures = measures_for(user)
    if city:
        measures = measures.filter(applies_in__slug=city)
    if emergency:
        measures = measures.filter(emergency__slug=emergency)
    if issue:
        measures = measures.filter(issues__slug=issue)
    if in_force is not None:
        current = Q(pk__in=measures.in_force(timezone.localdate()).values("pk"))
        measures = measures.filter(current) if in_force else measures.exclude(current)
    if outcome == "unreviewed":
        measures = measures.filter(latest_outcome__isnull=True)
    elif outcome in Outcome.values:
        measures = measures.filter(latest_outcome=outcome)
    elif outcome:
        measures = measures.none()
    return _Page(measures.distinct(), lambda m: measure_summary(m, request))


@router.get(
    "/measures/{measure_id}",
    response=MeasureDetail,
    auth=read_auth,
    summary="One measure, with its changes, sources and the reviews you may see",
)
def get_measure(request: HttpRequest, measure_id: int) -> Any:
    user = api_user(request)
    return measure_detail(visible_measure(user, measure_id), user, request)


@router.post(
    "/measures",
    response={201: MeasureDetail},
    auth=write_auth,
    summary="Record a measure as a draft of a city or organisation you contribute to",
    description="A sunset before the day it came into force, or a start before it was "
    "introduced, is refused (422) naming the field. Another city's measures answer 403.",
)
def create_measure(request: HttpRequest, payload: MeasureIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_none=True)
    owner = owner_by_slugs(data.pop("city", None), data.pop("organisation", None))
    values = {**owner, **references(user, data, owner.get("city"))}
    values.setdefault("applies_in", owner.get("city"))
    measure = services.create_measure(by=user, **values)
    return Status(201, measure_detail(visible_measure(user, measure.pk), user, request))


@router.patch(
    "/measures/{measure_id}",
    response=MeasureDetail,
    auth=write_auth,
    summary="Change a measure",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. Once a measure was extended, amended or lifted, its sunset and lifting move "
    "only by a change (POST .../changes). Another city's measure answers 403.",
)
def change_measure(request: HttpRequest, measure_id: int, payload: MeasurePatch) -> Any:
    user = api_user(request)
    measure = visible_measure(user, measure_id)
    changes = references(user, payload.dict(exclude_unset=True, exclude={"version"}), measure.city)
    services.update_measure(measure, changes, by=user, based_on_version=payload.version)
    return measure_detail(visible_measure(user, measure_id), user, request)


@router.get(
    "/measures/{measure_id}/changes",
    response=list[ChangeOut],
    auth=read_auth,
    summary="A measure's changes: introduced, extended, amended, lifted",
)
def list_changes(request: HttpRequest, measure_id: int) -> Any:
    measure = visible_measure(api_user(request), measure_id)
    return [change_out(c) for c in measure.changes.all()]


@router.post(
    "/measures/{measure_id}/changes",
    response={201: MeasureDetail},
    auth=write_auth,
    summary="Record that a measure was extended (with its new sunset), amended or lifted",
    description="Moves the measure's sunset or lifting day with it, as one change.",
)
def add_change(request: HttpRequest, measure_id: int, payload: ChangeIn) -> Any:
    user = api_user(request)
    measure = visible_measure(user, measure_id)
    services.record_change(
        measure,
        by=user,
        kind=str(payload.kind.value),
        on=payload.on,
        new_sunset=payload.new_sunset,
        note=payload.note,
        based_on_version=payload.version,
    )
    return Status(201, measure_detail(visible_measure(user, measure_id), user, request))


def _verb(name: str, summary_text: str) -> None:
    verb = getattr(services, f"{name}_measure")

    def act(request: HttpRequest, measure_id: int) -> Any:
        user = api_user(request)
        verb(visible_measure(user, measure_id), by=user)
        return measure_detail(visible_measure(user, measure_id), user, request)

    act.__name__ = f"{name}_measure"
    router.post(
        f"/measures/{{measure_id}}/{name}",
        response=MeasureDetail,
        auth=write_auth,
        summary=summary_text,
    )(act)


_verb("submit", "Hand a draft measure to the owner's reviewers")
_verb("publish", "Publish a measure (the owner's editors and reviewers)")
