"""Indicators: the list, defining one, one with its definitions, and changing one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.commitments.api.common import commitment_by_key
from hrcities.commitments.models import Action
from hrcities.core.apidoc import answers
from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.network.models import City
from hrcities.taxonomy.models import SdgIndicator

from .. import services
from ..models import Domain
from .common import indicator_for, indicators_for
from .schemas import CityIndicatorDetail, CityIndicatorIn, CityIndicatorOut, CityIndicatorPatch

router = Router()


def _links(city: City, values: dict[str, Any]) -> dict[str, Any]:
    """Turn slugs, codes and keys of the payload into records; raise naming unknown ones."""
    if "domain" in values:
        slug = values["domain"]
        values["domain"] = Domain.objects.filter(city=city, slug=slug).first() if slug else None
        if slug and values["domain"] is None:
            raise ValidationError(
                {"domain": _("%(city)s has no domain “%(slug)s”.") % {"city": city, "slug": slug}}
            )
    if values.get("sdg_indicators") is not None:
        codes = values["sdg_indicators"]
        found = list(SdgIndicator.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {i.code for i in found})
        if unknown:
            raise ValidationError(
                {"sdg_indicators": _("Unknown SDG indicators: %(c)s.") % {"c": ", ".join(unknown)}}
            )
        values["sdg_indicators"] = found
    if values.get("commitments") is not None:
        values["commitments"] = [commitment_by_key(key) for key in values["commitments"]]
    if values.get("actions") is not None:
        ids = values["actions"]
        found_actions = list(Action.objects.filter(pk__in=ids, city=city))
        unknown_ids = sorted(set(ids) - {a.pk for a in found_actions})
        if unknown_ids:
            raise ValidationError(
                {
                    "actions": _("%(city)s has no actions %(ids)s.")
                    % {"city": city, "ids": ", ".join(map(str, unknown_ids))}
                }
            )
        values["actions"] = found_actions
    return values


@router.get(
    "/",
    response=list[CityIndicatorOut],
    auth=read_auth,
    summary="Indicators, with their progress status",
)
@paginate(LimitOffset)
def list_indicators(
    request: HttpRequest, city: str | None = None, domain: str | None = None
) -> Any:
    indicators = indicators_for(api_user(request))
    if city:
        indicators = indicators.filter(city__slug=city)
    if domain:
        indicators = indicators.filter(domain__slug=domain)
    return indicators.order_by("city__slug", "domain__position", "position", "code")


@router.post(
    "/",
    response={201: CityIndicatorDetail},
    auth=write_auth,
    summary="Define an indicator for a city you edit",
)
@answers(404)  # a record named in the body is unknown
def define_indicator(request: HttpRequest, payload: CityIndicatorIn) -> Any:
    city = get_object_or_404(City, slug=payload.city)
    values = _links(
        city, payload.dict(exclude={"city", "formula", "formula_ko", "from_year", "tags"})
    )
    indicator = services.define_indicator(
        by=api_user(request),
        city=city,
        formula=payload.formula,
        formula_ko=payload.formula_ko,
        from_year=payload.from_year,
        tags=payload.tags,
        **values,
    )
    return Status(201, indicators_for(api_user(request)).get(pk=indicator.pk))


@router.get(
    "/cities/{city}/{code}",
    response=CityIndicatorDetail,
    auth=read_auth,
    summary="One indicator with its definition versions and status",
)
def get_indicator(request: HttpRequest, city: str, code: str) -> Any:
    return indicator_for(request, city, code)


@router.patch(
    "/cities/{city}/{code}",
    response=CityIndicatorDetail,
    auth=write_auth,
    summary="Change an indicator (editors of its city)",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. A new `formula` or `unit` starts a new definition version; values already "
    "recorded keep theirs. A new `formula_ko` or `unit_ko` alone is a translation: the "
    "current version takes it.",
)
def change_indicator(
    request: HttpRequest, city: str, code: str, payload: CityIndicatorPatch
) -> Any:
    indicator = indicator_for(request, city, code)
    definition = {"formula", "formula_ko", "from_year", "reason", "reason_ko"}
    changes = payload.dict(exclude_unset=True, exclude={"version", "tags", *definition})
    changes = _links(indicator.city, changes)
    services.revise_indicator(
        indicator,
        changes,
        by=api_user(request),
        based_on_version=payload.version,
        formula=payload.formula,
        formula_ko=payload.formula_ko,
        from_year=payload.from_year,
        reason=payload.reason,
        reason_ko=payload.reason_ko,
        tags=payload.tags,
    )
    return indicators_for(api_user(request)).get(pk=indicator.pk)


@router.delete(
    "/cities/{city}/{code}",
    response={204: None},
    auth=write_auth,
    summary="Delete an indicator with its values (editors of its city)",
    description="Its values go with it; links from actions and commitments are removed. "
    "The indicator and each value are kept as revisions and can be restored.",
)
def delete_indicator(request: HttpRequest, city: str, code: str) -> Any:
    services.delete_indicator(indicator_for(request, city, code), by=api_user(request))
    return Status(204, None)
