"""A city's indicators with their observations and statuses, grouped by domain.

The pages, the API and the annual report read indicators through these functions, so
they all show the same statuses (computed by `status.py`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .models import Domain, Indicator, Observation
from .status import ProgressStatus, StatusSummary, indicator_status, summarise


@dataclass
class IndicatorProgress:
    indicator: Indicator
    status: ProgressStatus
    observations: list[Observation] = field(default_factory=list)  # every group, up to the year

    @property
    def totals(self) -> list[Observation]:
        """Return the whole-population, whole-year values, oldest first."""
        return [o for o in self.observations if o.is_total and not o.period]


@dataclass
class DomainProgress:
    domain: Domain | None  # None: the city's indicators without a domain
    indicators: list[IndicatorProgress]
    summary: StatusSummary

    @property
    def name(self) -> str:
        return self.domain.name if self.domain else ""


@dataclass
class CityProgress:
    city: Any
    year: int | None
    domains: list[DomainProgress]
    summary: StatusSummary

    @property
    def indicators(self) -> list[IndicatorProgress]:
        return [item for domain in self.domains for item in domain.indicators]


def indicator_progress(indicator: Indicator, *, year: int | None = None) -> IndicatorProgress:
    """Return one indicator's observations up to `year` (all if None) and its status then."""
    observations = indicator.observations.select_related("definition").order_by(
        "year", "period", "disaggregation_key"
    )
    if year is not None:
        observations = observations.filter(year__lte=year)
    rows = list(observations)
    return IndicatorProgress(indicator, indicator_status(indicator, rows, as_of=year), rows)


def city_progress(
    city: Any, *, user: Any, year: int | None = None, indicators: Any = None
) -> CityProgress:
    """Return the city's indicators the user may see, by domain, with statuses as of `year`.

    Three queries whatever the number of indicators. `indicators` narrows the set (a
    QuerySet of the city's indicators).
    """
    queryset = indicators if indicators is not None else Indicator.objects.filter(city=city)
    chosen = list(
        queryset.visible_to(user)
        .filter(city=city)
        .select_related("domain", "city")
        .order_by("domain__position", "domain__slug", "position", "code")
    )
    observations = Observation.objects.filter(indicator__in=[i.pk for i in chosen])
    if year is not None:
        observations = observations.filter(year__lte=year)
    by_indicator: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations.select_related("definition").order_by(
        "year", "period", "disaggregation_key"
    ):
        by_indicator[observation.indicator_id].append(observation)

    domains = list(Domain.objects.filter(city=city).order_by("position", "slug"))
    grouped: dict[int | None, list[IndicatorProgress]] = defaultdict(list)
    for indicator in chosen:
        rows = by_indicator[indicator.pk]
        for row in rows:
            row.indicator = indicator  # spare a query per row when pages show units
        grouped[indicator.domain_id].append(
            IndicatorProgress(indicator, indicator_status(indicator, rows, as_of=year), rows)
        )
    parts = [
        DomainProgress(domain, grouped[domain.pk], summarise(p.status for p in grouped[domain.pk]))
        for domain in domains
        if grouped.get(domain.pk)
    ]
    if grouped.get(None):
        parts.append(
            DomainProgress(None, grouped[None], summarise(p.status for p in grouped[None]))
        )
    everything = [item for part in parts for item in part.indicators]
    return CityProgress(city, year, parts, summarise(item.status for item in everything))
