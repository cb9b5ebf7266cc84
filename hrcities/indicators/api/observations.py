"""Values: an indicator's list, recording one, changing and removing one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from .. import services
from ..models import Observation
from .common import indicator_for, indicators_for
from .schemas import ObservationIn, ObservationOut, ObservationPatch

router = Router()


@router.get(
    "/cities/{city}/{code}/observations",
    response=list[ObservationOut],
    auth=read_auth,
    summary="An indicator's values, oldest first",
    description="`total=true` keeps the values for the whole population only.",
)
@paginate(LimitOffset)
def list_observations(
    request: HttpRequest,
    city: str,
    code: str,
    year: int | None = None,
    total: bool | None = None,
) -> Any:
    indicator = indicator_for(request, city, code)
    observations = indicator.observations.select_related("definition", "indicator")
    if year is not None:
        observations = observations.filter(year=year)
    if total is not None:
        observations = (
            observations.filter(disaggregation_key="")
            if total
            else observations.exclude(disaggregation_key="")
        )
    return observations.order_by("year", "period", "disaggregation_key")


@router.post(
    "/cities/{city}/{code}/observations",
    response={201: ObservationOut},
    auth=write_auth,
    summary="Record a value (editors of the indicator's city)",
)
def add_observation(request: HttpRequest, city: str, code: str, payload: ObservationIn) -> Any:
    indicator = indicator_for(request, city, code)
    observation = services.record_observation(indicator, by=api_user(request), **payload.dict())
    return Status(201, observation)


def _observation(request: HttpRequest, observation_id: int) -> Observation:
    visible = indicators_for(api_user(request))
    return get_object_or_404(
        Observation.objects.select_related("definition", "indicator__city").filter(
            indicator__in=visible
        ),
        pk=observation_id,
    )


@router.patch(
    "/observations/{observation_id}",
    response=ObservationOut,
    auth=write_auth,
    summary="Change a value (editors of the indicator's city)",
    description="Send the fields to change and the `version` you read; 409 if it changed since.",
)
def change_observation(request: HttpRequest, observation_id: int, payload: ObservationPatch) -> Any:
    observation = _observation(request, observation_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    return services.update_observation(
        observation, changes, by=api_user(request), based_on_version=payload.version
    )


@router.delete(
    "/observations/{observation_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a value (kept as a revision that can be restored)",
)
def remove_observation(request: HttpRequest, observation_id: int) -> Any:
    observation = _observation(request, observation_id)
    services.delete_observation(observation, by=api_user(request))
    return Status(204, None)
