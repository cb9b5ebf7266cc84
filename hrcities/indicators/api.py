"""Indicators, their values and progress statuses over the API.

Reads are public for published indicators (a city's editors also see its drafts). Writes
are for the editors of the indicator's city; every change names the `version` it was
based on, and a stale one is refused with 409. Values exchange as Open SDG tidy CSV.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hrcities.commitments.api.common import commitment_by_key
from hrcities.commitments.api.schemas import ImportReportOut
from hrcities.commitments.models import Action
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth
from hrcities.core.csvfiles import csv_download
from hrcities.core.problems import rows_refused
from hrcities.network.models import City
from hrcities.taxonomy.models import SdgIndicator

from . import services
from .exchange import ImportRefused, export_csv, import_csv, number_text
from .models import FIRST_YEAR, LAST_YEAR, Domain, Indicator, IndicatorKind, Observation, Polarity
from .progress import city_progress
from .status import ProgressStatus, StatusSummary, indicator_status

router = Router(tags=["indicators"])


# --- schemas --------------------------------------------------------------------------


class ProgressStatusOut(Schema):
    status: str = Field(
        description="target_achieved, substantial, moderate, negligible, improved, "
        "no_change, deterioration or not_enough_data (method: see the indicators README)."
    )
    label: str
    ratio: float | None = Field(description="Change made / change needed by the latest year.")
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_from_data: bool
    latest_year: int | None
    latest_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    required_value: Decimal | None = Field(
        description="Where the straight line from baseline to target stands in the latest year."
    )
    year_on_year: str | None = Field(description="improved, worsened or unchanged.")


def plain(value: Decimal | None) -> Decimal | None:
    """Return a stored value without its padding zeros (50.000000 is answered as 50)."""
    return None if value is None else Decimal(number_text(value))


def status_out(result: ProgressStatus) -> dict[str, Any]:
    return {
        "status": str(result.status),
        "label": result.label,
        "ratio": float(result.ratio) if result.ratio is not None else None,
        "baseline_year": result.baseline.year if result.baseline else None,
        "baseline_value": plain(result.baseline.value) if result.baseline else None,
        "baseline_from_data": result.baseline_from_data,
        "latest_year": result.latest.year if result.latest else None,
        "latest_value": plain(result.latest.value) if result.latest else None,
        "target_year": result.target.year if result.target else None,
        "target_value": plain(result.target.value) if result.target else None,
        "required_value": plain(result.required),
        "year_on_year": result.year_on_year,
    }


class CityIndicatorOut(Schema):
    id: int
    version: int
    city: str
    code: str
    names: dict[str, str]
    name: str
    description: str
    domain: str | None = Field(description="Slug of the city's domain.")
    unit: str
    decimals: int
    data_owner: str
    polarity: str = Field(description="higher or lower (is better).")
    kind: str = Field(description="structure, process or outcome.")
    baseline_year: int | None
    baseline_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    formula: str
    definition_version: int
    is_published: bool
    is_demo: bool
    sdg_indicators: list[str]
    commitments: list[str] = Field(description="declaration-slug/number")
    actions: list[int]
    tags: list[str]
    status: ProgressStatusOut
    url: str

    @staticmethod
    def resolve_city(obj: Indicator) -> str:
        return obj.city.slug

    @staticmethod
    def resolve_baseline_value(obj: Indicator) -> Decimal | None:
        return plain(obj.baseline_value)

    @staticmethod
    def resolve_target_value(obj: Indicator) -> Decimal | None:
        return plain(obj.target_value)

    @staticmethod
    def resolve_domain(obj: Indicator) -> str | None:
        return obj.domain.slug if obj.domain else None

    @staticmethod
    def resolve_definition_version(obj: Indicator) -> int:
        definition = obj.current_definition
        return definition.number if definition else 0

    @staticmethod
    def resolve_sdg_indicators(obj: Indicator) -> list[str]:
        return [i.code for i in obj.sdg_indicators.all()]

    @staticmethod
    def resolve_commitments(obj: Indicator) -> list[str]:
        return [c.key for c in obj.commitments.select_related("declaration")]

    @staticmethod
    def resolve_actions(obj: Indicator) -> list[int]:
        return [a.pk for a in obj.actions.all()]

    @staticmethod
    def resolve_tags(obj: Indicator) -> list[str]:
        from hrcities.taxonomy.tags import accepted_labels

        return accepted_labels(obj)

    @staticmethod
    def resolve_status(obj: Indicator) -> dict[str, Any]:
        return status_out(indicator_status(obj, obj.observations.all()))

    @staticmethod
    def resolve_url(obj: Indicator) -> str:
        return obj.get_absolute_url()


class DefinitionOut(Schema):
    number: int
    formula: str
    unit: str
    from_year: int | None
    reason: str
    created_at: datetime


class CityIndicatorDetail(CityIndicatorOut):
    definitions: list[DefinitionOut]

    @staticmethod
    def resolve_definitions(obj: Indicator) -> list[Any]:
        return list(obj.definitions.order_by("number"))


class CityIndicatorIn(InputSchema):
    city: str = Field(..., description="Slug of the city (you must be one of its editors).")
    code: str = Field(..., min_length=1, max_length=40)
    names: dict[str, str] = Field(
        ..., description='Name per language, e.g. {"en": "...", "ko": "..."}'
    )
    unit: str = Field(..., min_length=1, max_length=60)
    formula: str = Field(..., min_length=1)
    from_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    domain: str | None = Field(None, description="Slug of one of the city's domains.")
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    kind: IndicatorKind = IndicatorKind.OUTCOME
    decimals: int = Field(1, ge=0, le=6)
    data_owner: str = Field("", max_length=200)
    description: str = ""
    baseline_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    baseline_value: Decimal | None = None
    target_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    target_value: Decimal | None = None
    sdg_indicators: list[str] = Field([], description="SDG indicator codes, e.g. 16.7.2")
    commitments: list[str] = Field([], description="declaration-slug/number")
    actions: list[int] = Field([], description="Ids of the city's actions.")
    tags: list[str] = Field([], description="sdg:N, sdg-target:N.N, theme:SLUG, group:SLUG")
    is_published: bool = True


class CityIndicatorPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    names: dict[str, str] | None = None
    unit: str | None = Field(None, min_length=1, max_length=60)
    formula: str | None = Field(
        None, min_length=1, description="A new formula (or unit) starts a new definition version."
    )
    from_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    reason: str = Field("", description="Why the definition changes.")
    domain: str | None = None
    polarity: Polarity | None = None
    kind: IndicatorKind | None = None
    decimals: int | None = Field(None, ge=0, le=6)
    data_owner: str | None = Field(None, max_length=200)
    description: str | None = None
    baseline_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    baseline_value: Decimal | None = None
    target_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    target_value: Decimal | None = None
    sdg_indicators: list[str] | None = None
    commitments: list[str] | None = None
    actions: list[int] | None = None
    tags: list[str] | None = None
    is_published: bool | None = None


class ObservationOut(Schema):
    id: int
    version: int
    year: int
    period: str
    value: Decimal
    unit: str
    source: str
    note: str
    disaggregation: dict[str, str] = Field(description="{dimension slug: value}; {} = total.")
    definition_version: int

    @staticmethod
    def resolve_unit(obj: Observation) -> str:
        return obj.shown_unit

    @staticmethod
    def resolve_value(obj: Observation) -> Decimal | None:
        return plain(obj.value)

    @staticmethod
    def resolve_definition_version(obj: Observation) -> int:
        return obj.definition.number


class ObservationIn(InputSchema):
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR)
    period: str = Field("", max_length=20, description="Empty for the whole year.")
    value: Decimal
    unit: str = Field("", max_length=60, description="Empty for the indicator's unit.")
    source: str = Field("", max_length=300)
    note: str = ""
    disaggregation: dict[str, str] = Field(
        {}, description='{dimension slug: value}, e.g. {"sex": "Female"}; {} for the total.'
    )


class ObservationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    period: str | None = Field(None, max_length=20)
    value: Decimal | None = None
    unit: str | None = Field(None, max_length=60)
    source: str | None = Field(None, max_length=300)
    note: str | None = None
    disaggregation: dict[str, str] | None = None


class StatusSummaryOut(Schema):
    total: int
    by_status: dict[str, int]
    improved: int = Field(description="Indicators better than the year before.")
    worsened: int
    unchanged: int
    compared: int = Field(description="Indicators with a value for a previous year too.")
    share_improved: float | None
    share_worsened: float | None


def summary_out(summary: StatusSummary) -> dict[str, Any]:
    return {
        "total": summary.total,
        "by_status": summary.by_status,
        "improved": summary.improved,
        "worsened": summary.worsened,
        "unchanged": summary.unchanged,
        "compared": summary.compared,
        "share_improved": summary.share_improved,
        "share_worsened": summary.share_worsened,
    }


class IndicatorProgressOut(Schema):
    code: str
    name: str
    status: ProgressStatusOut


class IndicatorDomainOut(Schema):
    domain: str | None
    name: str
    summary: StatusSummaryOut
    indicators: list[IndicatorProgressOut]


class CityProgressOut(Schema):
    city: str
    year: int | None
    summary: StatusSummaryOut
    domains: list[IndicatorDomainOut]


# --- helpers --------------------------------------------------------------------------


def _indicators(user: Any) -> Any:
    return Indicator.objects.visible_to(user).select_related("city", "domain")


def _indicator(request: HttpRequest, city: str, code: str) -> Indicator:
    return get_object_or_404(_indicators(api_user(request)), city__slug=city, code=code)


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


# --- indicators -----------------------------------------------------------------------


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
    indicators = _indicators(api_user(request))
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
def define_indicator(request: HttpRequest, payload: CityIndicatorIn) -> Any:
    city = get_object_or_404(City, slug=payload.city)
    values = _links(city, payload.dict(exclude={"city", "formula", "from_year", "tags"}))
    indicator = services.define_indicator(
        by=api_user(request),
        city=city,
        formula=payload.formula,
        from_year=payload.from_year,
        tags=payload.tags,
        **values,
    )
    return Status(201, _indicators(api_user(request)).get(pk=indicator.pk))


@router.get(
    "/cities/{city}",
    response=CityProgressOut,
    auth=read_auth,
    summary="A city's progress: statuses by domain, shares improved and worsened",
    description="`year` gives the statuses as they stood with the values up to that year.",
)
def city_status(request: HttpRequest, city: str, year: int | None = None) -> Any:
    place = get_object_or_404(City, slug=city)
    progress = city_progress(place, user=api_user(request), year=year)
    return {
        "city": place.slug,
        "year": year,
        "summary": summary_out(progress.summary),
        "domains": [
            {
                "domain": part.domain.slug if part.domain else None,
                "name": part.name,
                "summary": summary_out(part.summary),
                "indicators": [
                    {
                        "code": item.indicator.code,
                        "name": item.indicator.name,
                        "status": status_out(item.status),
                    }
                    for item in part.indicators
                ],
            }
            for part in progress.domains
        ],
    }


@router.get(
    "/cities/{city}/export.csv",
    auth=read_auth,
    summary="Values as Open SDG tidy CSV (the shape the import takes)",
    description="With `indicator` (a code): that indicator's file, without an Indicator "
    "column. Without: every indicator of the city you may see, with an Indicator column.",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def export_values(request: HttpRequest, city: str, indicator: str | None = None) -> Any:
    place = get_object_or_404(City, slug=city)
    if indicator:
        chosen = _indicator(request, city, indicator)
        return csv_download(export_csv([chosen]), f"indicator_{place.slug}_{chosen.code}.csv")
    indicators = _indicators(api_user(request)).filter(city=place).order_by("code")
    return csv_download(
        export_csv(indicators, with_indicator_column=True), f"indicators_{place.slug}.csv"
    )


@router.post(
    "/cities/{city}/import",
    response={200: ImportReportOut},
    auth=write_auth,
    summary="Import values from Open SDG tidy CSV: all rows or none",
    description="Multipart form: `file`, and `indicator` (a code) for a one-indicator file; "
    "without it the file needs an Indicator column. A row for a year and group that already "
    "has a value replaces it. If any row is bad nothing changes, and the answer is 422 "
    "listing every bad row and column.",
)
def import_values(
    request: HttpRequest, city: str, file: File[UploadedFile], indicator: Form[str] = ""
) -> Any:
    place = get_object_or_404(City, slug=city)
    chosen = _indicator(request, city, indicator) if indicator else None
    try:
        return import_csv(file.read(), city=place, by=api_user(request), indicator=chosen)
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)


@router.get(
    "/cities/{city}/{code}",
    response=CityIndicatorDetail,
    auth=read_auth,
    summary="One indicator with its definition versions and status",
)
def get_indicator(request: HttpRequest, city: str, code: str) -> Any:
    return _indicator(request, city, code)


@router.patch(
    "/cities/{city}/{code}",
    response=CityIndicatorDetail,
    auth=write_auth,
    summary="Change an indicator (editors of its city)",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. A new `formula` or `unit` starts a new definition version; values already "
    "recorded keep theirs.",
)
def change_indicator(
    request: HttpRequest, city: str, code: str, payload: CityIndicatorPatch
) -> Any:
    indicator = _indicator(request, city, code)
    changes = payload.dict(
        exclude_unset=True, exclude={"version", "formula", "from_year", "reason", "tags"}
    )
    changes = _links(indicator.city, changes)
    services.revise_indicator(
        indicator,
        changes,
        by=api_user(request),
        based_on_version=payload.version,
        formula=payload.formula,
        from_year=payload.from_year,
        reason=payload.reason,
        tags=payload.tags,
    )
    return _indicators(api_user(request)).get(pk=indicator.pk)


# --- observations ---------------------------------------------------------------------


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
    indicator = _indicator(request, city, code)
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
    indicator = _indicator(request, city, code)
    observation = services.record_observation(indicator, by=api_user(request), **payload.dict())
    return Status(201, observation)


def _observation(request: HttpRequest, observation_id: int) -> Observation:
    visible = _indicators(api_user(request))
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
