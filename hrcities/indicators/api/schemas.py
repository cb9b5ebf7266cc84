"""What the indicators API reads and answers, and the progress statuses it shows."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from hrcities.core.apiutils import InputSchema

from ..exchange import number_text
from ..models import FIRST_YEAR, LAST_YEAR, Indicator, IndicatorKind, Observation, Polarity
from ..status import ProgressStatus, StatusSummary, indicator_status


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
    description_ko: str
    domain: str | None = Field(description="Slug of the city's domain.")
    unit: str = Field(description="In English, as tidy CSV files write it.")
    unit_ko: str = Field(description="In Korean; empty when untranslated.")
    decimals: int
    data_owner: str
    data_owner_ko: str
    polarity: str = Field(description="higher or lower (is better).")
    kind: str = Field(description="structure, process or outcome.")
    baseline_year: int | None
    baseline_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    formula: str
    formula_ko: str
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
    def resolve_formula_ko(obj: Indicator) -> str:
        definition = obj.current_definition
        return definition.formula_ko if definition else ""

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
    formula_ko: str
    unit: str
    unit_ko: str
    from_year: int | None
    reason: str
    reason_ko: str
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
    unit: str = Field(..., min_length=1, max_length=60, description="In English.")
    unit_ko: str = Field("", max_length=60, description="In Korean.")
    formula: str = Field(..., min_length=1, description="In English.")
    formula_ko: str = Field("", description="In Korean.")
    from_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    domain: str | None = Field(None, description="Slug of one of the city's domains.")
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    kind: IndicatorKind = IndicatorKind.OUTCOME
    decimals: int = Field(1, ge=0, le=6)
    data_owner: str = Field("", max_length=200)
    data_owner_ko: str = Field("", max_length=200)
    description: str = ""
    description_ko: str = ""
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
    unit_ko: str | None = Field(None, max_length=60)
    formula: str | None = Field(
        None, min_length=1, description="A new formula (or unit) starts a new definition version."
    )
    formula_ko: str | None = Field(
        None,
        description="The formula in Korean: a translation, so the current version takes it "
        "unless the formula changes too.",
    )
    from_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    reason: str = Field("", description="Why the definition changes.")
    reason_ko: str = Field("", description="Why the definition changes, in Korean.")
    domain: str | None = None
    polarity: Polarity | None = None
    kind: IndicatorKind | None = None
    decimals: int | None = Field(None, ge=0, le=6)
    data_owner: str | None = Field(None, max_length=200)
    data_owner_ko: str | None = Field(None, max_length=200)
    description: str | None = None
    description_ko: str | None = None
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
    unit_ko: str
    source: str
    source_ko: str
    note: str
    note_ko: str
    disaggregation: dict[str, str] = Field(description="{dimension slug: value}; {} = total.")
    definition_version: int

    @staticmethod
    def resolve_unit(obj: Observation) -> str:
        return obj.shown_unit.text

    @staticmethod
    def resolve_unit_ko(obj: Observation) -> str:
        return obj.shown_unit.korean

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
    unit_ko: str = Field("", max_length=60, description="The value's own unit in Korean.")
    source: str = Field("", max_length=300)
    source_ko: str = Field("", max_length=300)
    note: str = ""
    note_ko: str = ""
    disaggregation: dict[str, str] = Field(
        {}, description='{dimension slug: value}, e.g. {"sex": "Female"}; {} for the total.'
    )


class ObservationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    period: str | None = Field(None, max_length=20)
    value: Decimal | None = None
    unit: str | None = Field(None, max_length=60)
    unit_ko: str | None = Field(None, max_length=60)
    source: str | None = Field(None, max_length=300)
    source_ko: str | None = Field(None, max_length=300)
    note: str | None = None
    note_ko: str | None = None
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
