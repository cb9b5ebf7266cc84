"""A city's annual human rights report: what the web page, the PDF and the command show.

One function, `build_report`, gathers everything for a city and a year as one reader sees
it: the indicators they may read (Indicator.objects.visible_to, through
`city_progress`), grouped by domain, with their status as of that year and their charts;
what improved and what worsened on the year before, per domain, as Gwangju reports every
year; and the city's actions on the network's commitments with their progress. The page
and the PDF render the same `Report`, so they cannot disagree.

"Improved" and "worsened" count only indicators with a value for the report's year and
one for an earlier year: an indicator last measured two years ago says nothing about this
year. Each indicator also reads its status and that change together in one sentence
(hrcities.indicators.readings), since the two can point different ways.

Which year is "the annual report" follows hrcities.indicators.coverage: the latest year
with values for enough of the city's indicators. A report for a thinner year says how
many indicators it covers and points to the annual one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.commitments.models import Action
from hrcities.commitments.progress import CommitmentProgress, flatten, progress_of
from hrcities.emergency.queries import year_of as emergency_year
from hrcities.indicators.charts import Chart, indicator_breakdowns, indicator_chart
from hrcities.indicators.charts.numbers import value_markup
from hrcities.indicators.coverage import (
    YearCoverage,
    annual_report_year,
    coverage_by_city,
    year_coverage,
)
from hrcities.indicators.models import Dimension, Indicator
from hrcities.indicators.progress import IndicatorProgress, city_progress
from hrcities.indicators.readings import agrees, reading
from hrcities.indicators.status import Change, StatusSummary
from hrcities.network.models import City

from .models import Foreword
from .services import foreword_of


class ReportError(ValueError):
    """A report that cannot be made, with a message for the reader."""


@dataclass
class IndicatorEntry:
    progress: IndicatorProgress
    anchor: str
    chart: Chart | None  # None: no value for the whole population yet
    breakdowns: list[Chart]
    year: int

    @property
    def indicator(self) -> Indicator:
        return self.progress.indicator

    @property
    def status(self) -> Any:
        return self.progress.status

    @property
    def change(self) -> str | None:
        """The change on the year before, when the indicator has a value for the year."""
        latest = self.status.latest
        if latest is None or latest.year != self.year:
            return None
        return self.status.year_on_year

    def show(self, value: Any) -> str:
        places = self.indicator.decimals
        return value_markup(round(float(value), places), self.indicator.shown_unit, places)

    @property
    def latest_text(self) -> str:
        latest = self.status.latest
        return self.show(latest.value) if latest else ""

    @property
    def previous_text(self) -> str:
        previous = self.status.previous
        return self.show(previous.value) if previous else ""

    @property
    def has_value_for_year(self) -> bool:
        latest = self.status.latest
        return latest is not None and latest.year == self.year

    @property
    def reading(self) -> str:
        """The status and the change on the year before, in one sentence (two when the
        indicator has no value for the report's year)."""
        latest = self.status.latest
        if latest is None or latest.year == self.year:
            return reading(self.status, self.change)
        missing = _("There is no value for %(year)s; the latest is for %(latest)s.") % {
            "year": self.year,
            "latest": latest.year,
        }
        return f"{missing} {reading(self.status, None)}"

    @property
    def reading_differs(self) -> bool:
        """Whether the change on the year before points against the status."""
        return not agrees(self.status, self.change)

    @property
    def baseline_text(self) -> str:
        value = self.indicator.baseline_value
        return self.show(value) if value is not None else ""

    @property
    def target_text(self) -> str:
        value = self.indicator.target_value
        return self.show(value) if value is not None else ""


@dataclass
class DomainEntry:
    name: str
    anchor: str
    indicators: list[IndicatorEntry]
    summary: StatusSummary

    def _with(self, change: str) -> list[IndicatorEntry]:
        return [entry for entry in self.indicators if entry.change == change]

    @property
    def improved(self) -> list[IndicatorEntry]:
        return self._with(Change.IMPROVED)

    @property
    def worsened(self) -> list[IndicatorEntry]:
        return self._with(Change.WORSENED)

    @property
    def unchanged(self) -> list[IndicatorEntry]:
        return self._with(Change.UNCHANGED)

    @property
    def compared(self) -> int:
        return sum(1 for entry in self.indicators if entry.change is not None)

    @property
    def share_improved(self) -> float | None:
        return len(self.improved) / self.compared if self.compared else None

    @property
    def share_worsened(self) -> float | None:
        return len(self.worsened) / self.compared if self.compared else None

    @property
    def improved_text(self) -> str:
        return _count_and_share(len(self.improved), self.share_improved)

    @property
    def worsened_text(self) -> str:
        return _count_and_share(len(self.worsened), self.share_worsened)

    @property
    def unchanged_text(self) -> str:
        share = len(self.unchanged) / self.compared if self.compared else None
        return _count_and_share(len(self.unchanged), share)


def _count_and_share(count: int, share: float | None) -> str:
    """Return "3 (50%)", or "0" when nothing could be compared."""
    return f"{count} ({share:.0%})" if share is not None else str(count)


@dataclass
class CommitmentEntry:
    part: CommitmentProgress
    anchor: str
    rows: list[tuple[int, Any]]
    indicators: list[IndicatorEntry] = field(default_factory=list)

    @property
    def commitment(self) -> Any:
        return self.part.commitment


@dataclass
class EducationEntry:
    """The human rights education the city ran in the year: its programmes with their
    sessions and participants, counted only from programmes the reader may see."""

    programmes: list[dict[str, Any]]
    sessions: int
    participants: int
    groups: dict[str, dict[str, int]]


def education_entry(city: City, year: int, user: Any) -> EducationEntry:
    """Return the sessions of the year that the city kept or hosted, per programme."""
    from hrcities.education.queries import counts_by_group, totals_by_programme, visible_sessions

    sessions = visible_sessions(user).filter(
        Q(programme__city=city) | Q(city=city), starts_on__year=year
    )
    rows = totals_by_programme(sessions)
    return EducationEntry(
        programmes=rows,
        sessions=sum(r["sessions"] for r in rows),
        participants=sum(r["participants"] or 0 for r in rows),
        groups=counts_by_group(sessions),
    )


@dataclass
class Report:
    city: City
    year: int
    language: str
    domains: list[DomainEntry]
    summary: StatusSummary
    commitments: list[CommitmentEntry]
    is_demo: bool
    made_on: date
    title: str
    coverage: YearCoverage
    years: list[YearCoverage]  # every year with a value the reader may see, newest first
    annual_year: int | None  # the city's annual report (hrcities.indicators.coverage)
    foreword: Foreword | None = None
    education: EducationEntry | None = None
    emergency: Any = None  # hrcities.emergency.queries.Year

    @property
    def is_annual(self) -> bool:
        return self.year == self.annual_year

    @property
    def foreword_text(self) -> tuple[str, str]:
        """(language code, text) of the foreword, in the report's language if written."""
        return self.foreword.text_in(self.language) if self.foreword else ("", "")

    @property
    def indicators(self) -> list[IndicatorEntry]:
        return [entry for domain in self.domains for entry in domain.indicators]

    @property
    def totals(self) -> DomainEntry:
        """The whole city as one group, for the summary's last row."""
        return DomainEntry(_("All domains"), "", self.indicators, self.summary)


def find_city(slug: str) -> City:
    """Return the city with this slug, or say there is none."""
    city = City.objects.filter(slug=slug).first()
    if city is None:
        raise ReportError(_("There is no city “%(slug)s”.") % {"slug": slug})
    return city


@dataclass
class CityReports:
    """A city's reports as one reader may read them: every year, and the annual one."""

    city: City
    years: list[YearCoverage]  # newest first

    @property
    def annual_year(self) -> int | None:
        return annual_report_year(self.years)


def city_reports(city: City, user: Any) -> CityReports:
    """Return the city's report years with their coverage, as the user may read them."""
    return CityReports(city, year_coverage(city, user))


def reports_available(user: Any) -> list[CityReports]:
    """Return each city with a value the user may read, with its report years, by name."""
    coverage = coverage_by_city(user)
    cities = City.objects.filter(pk__in=coverage.keys())
    return sorted(
        (CityReports(city, coverage[city.pk]) for city in cities),
        key=lambda reports: reports.city.name,
    )


def build_report(city: City, year: int, *, user: Any, language: str) -> Report:
    """Gather a city's report for a year as this user may read it.

    Raises ReportError when the city has no value for that year the user may read.
    Call inside translation.override(language): names and sentences follow it.
    """
    years = year_coverage(city, user)
    coverage = next((y for y in years if y.year == year), None)
    if coverage is None:
        known = [y.year for y in years]
        if known:
            message = _(
                "%(city)s has no indicator values for %(year)s. Years with values: %(years)s."
            ) % {"city": city.name, "year": year, "years": ", ".join(map(str, known))}
        else:
            message = _("%(city)s has no indicator values yet.") % {"city": city.name}
        raise ReportError(message)
    progress = city_progress(city, user=user, year=year)
    dimensions = list(Dimension.objects.for_city(city))
    domains: list[DomainEntry] = []
    for part in progress.domains:
        entries = [
            IndicatorEntry(
                progress=item,
                anchor=f"indicator-{slugify(item.indicator.code) or item.indicator.pk}",
                chart=indicator_chart(item) if item.totals else None,
                breakdowns=indicator_breakdowns(item, dimensions, year=year),
                year=year,
            )
            for item in part.indicators
        ]
        slug = part.domain.slug if part.domain else "other"
        name = part.name or _("Other indicators")
        domains.append(DomainEntry(name, f"domain-{slug}", entries, part.summary))
    entries = [entry for domain in domains for entry in domain.indicators]
    is_demo = city.is_demo or any(
        entry.indicator.is_demo or any(o.is_demo for o in entry.progress.observations)
        for entry in entries
    )
    return Report(
        city=city,
        year=year,
        language=language,
        domains=domains,
        summary=progress.summary,
        commitments=commitment_entries(city, year, entries),
        is_demo=is_demo,
        made_on=timezone.localdate(),
        title=_("%(city)s human rights report %(year)s") % {"city": city.name, "year": year},
        coverage=coverage,
        years=years,
        annual_year=annual_report_year(years),
        foreword=foreword_of(city, year),
        education=education_entry(city, year, user),
        emergency=emergency_year(city, year, user),
    )


def commitment_entries(city: City, year: int, indicators: list[IndicatorEntry]) -> list[Any]:
    """Return the city's actions by commitment, with progress, as they stand today.

    Actions started after the report's year are left out. Actions carry no access rule:
    every action is public (hrcities.commitments).
    """
    last_day = date(year, 12, 31)
    actions = list(
        Action.objects.filter(city=city)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last_day))
        .select_related("status", "city", "organisation", "commitment__declaration")
        .order_by("start_date", "id")
    )
    by_commitment: dict[int, list[Action]] = defaultdict(list)
    commitments: dict[int, Any] = {}
    for action in actions:
        by_commitment[action.commitment_id].append(action)
        commitments[action.commitment_id] = action.commitment
    linked: dict[int, list[IndicatorEntry]] = defaultdict(list)
    by_pk = {entry.indicator.pk: entry for entry in indicators}
    links = Indicator.commitments.through.objects.filter(
        indicator_id__in=by_pk, commitment_id__in=commitments
    ).values_list("commitment_id", "indicator_id")
    for commitment_id, indicator_id in links:
        linked[commitment_id].append(by_pk[indicator_id])
    ordered = sorted(
        commitments.values(),
        key=lambda c: (c.declaration.start_date or date.min, c.declaration.slug, c.number),
    )
    entries = []
    for commitment in ordered:
        part = progress_of(commitment, by_commitment[commitment.pk])
        entries.append(
            CommitmentEntry(
                part=part,
                anchor=f"commitment-{commitment.declaration.slug}-{commitment.number}",
                rows=flatten(part.roots),
                indicators=sorted(linked[commitment.pk], key=lambda e: e.indicator.code),
            )
        )
    return entries
