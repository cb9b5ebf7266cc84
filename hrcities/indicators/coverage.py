"""How much of a city's indicators each year covers, and which year is "the annual report".

A city enters values as they come: one early figure for next year should not make that
year, with nearly every indicator still empty, the report the platform offers as the
city's annual report. Every page, the PDF links and the API ask `annual_report_year` for
that year, so they all agree; the other years stay reachable with their coverage shown.

Counts are made over the indicators the reader may see (`Indicator.objects.visible_to`),
so no figure depends on a draft the reader cannot read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .models import Indicator, Observation

ANNUAL_REPORT_SHARE = Fraction(1, 2)
"""The share of a city's indicators that must have a value for a year before that year's
report is the city's annual report: at least half.

A value counts whatever group or period it is for (a breakdown by sex is data for the
year too). The annual report is the latest year that reaches this share; a year below it
still has its report, marked as covering only part of the indicators.
"""


@dataclass(frozen=True)
class YearCoverage:
    """One year of a city: how many of its indicators have a value for it."""

    year: int
    with_values: int
    indicators: int

    @property
    def is_enough(self) -> bool:
        """Return whether the year covers enough indicators to be an annual report."""
        return self.indicators > 0 and Fraction(self.with_values, self.indicators) >= (
            ANNUAL_REPORT_SHARE
        )


def coverage_by_city(
    user: Any, cities: Iterable[Any] | None = None
) -> dict[int, list[YearCoverage]]:
    """Return, per city id, each year with a value the user may read, newest first.

    Two queries, whatever the number of cities. `cities` narrows them (all by default).
    """
    indicators = Indicator.objects.visible_to(user)
    if cities is not None:
        indicators = indicators.filter(city__in=[getattr(c, "pk", c) for c in cities])
    totals: dict[int, int] = defaultdict(int)
    for city_id in indicators.values_list("city_id", flat=True):
        totals[city_id] += 1
    pairs = (
        Observation.objects.filter(indicator__in=indicators.values("pk"))
        .order_by()  # the default ordering would add its columns to the DISTINCT
        .values_list("indicator__city_id", "year", "indicator_id")
        .distinct()
    )
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for city_id, year, _indicator in pairs:
        counts[city_id][year] += 1
    return {
        city_id: [
            YearCoverage(year, with_values, totals[city_id])
            for year, with_values in sorted(years.items(), reverse=True)
        ]
        for city_id, years in counts.items()
    }


def year_coverage(city: Any, user: Any) -> list[YearCoverage]:
    """Return the city's years with a value the user may read, newest first."""
    return coverage_by_city(user, [city]).get(city.pk, [])


def annual_report_year(years: Iterable[YearCoverage]) -> int | None:
    """Return the latest year that covers enough indicators, or None if none does."""
    return max((y.year for y in years if y.is_enough), default=None)
