"""A city's annual human rights report: what the web page, the PDF and the command show.

One function, `build_report`, gathers everything for a city and a year as one reader sees
it: the indicators they may read (Indicator.objects.visible_to, through
`city_progress`), grouped by domain, with their status as of that year and their charts;
what improved and what worsened on the year before, per domain, as Gwangju reports every
year; and the city's actions on the network's commitments with their progress. The page
and the PDF render the same `Report`, so they cannot disagree.

"Improved" and "worsened" count only indicators with a value for the report's year and
one for an earlier year: an indicator last measured two years ago says nothing about this
year.
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
from hrcities.indicators.charts import Chart, format_value, indicator_breakdowns, indicator_chart
from hrcities.indicators.models import Dimension, Indicator, Observation
from hrcities.indicators.progress import IndicatorProgress, city_progress
from hrcities.indicators.status import Change, StatusSummary
from hrcities.network.models import City


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
        return format_value(round(float(value), places), self.indicator.unit, places)

    @property
    def latest_text(self) -> str:
        latest = self.status.latest
        return self.show(latest.value) if latest else ""

    @property
    def previous_text(self) -> str:
        previous = self.status.previous
        return self.show(previous.value) if previous else ""

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
    education: EducationEntry | None = None
    emergency: Any = None  # hrcities.emergency.queries.Year

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


def _visible_observations(user: Any) -> Any:
    return Observation.objects.filter(indicator__in=Indicator.objects.visible_to(user))


def years_with_data(city: City, user: Any) -> list[int]:
    """Return the years with at least one value the user may read, newest first."""
    years = (
        _visible_observations(user)
        .filter(indicator__city=city)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def latest_report_year(city: City, user: Any) -> int | None:
    """Return the year of the city's latest annual report this user may read, or None."""
    years = years_with_data(city, user)
    return years[0] if years else None


def reports_available(user: Any) -> list[tuple[City, list[int]]]:
    """Return each city with the years it has values for (as the user may read them)."""
    pairs = _visible_observations(user).values_list("indicator__city", "year").distinct()
    years: dict[int, set[int]] = defaultdict(set)
    for city_id, year in pairs:
        years[city_id].add(year)
    cities = City.objects.filter(pk__in=years.keys())
    return sorted(
        ((city, sorted(years[city.pk], reverse=True)) for city in cities),
        key=lambda pair: pair[0].name,
    )


def build_report(city: City, year: int, *, user: Any, language: str) -> Report:
    """Gather a city's report for a year as this user may read it.

    Raises ReportError when the city has no value for that year the user may read.
    Call inside translation.override(language): names and sentences follow it.
    """
    if year not in years_with_data(city, user):
        known = years_with_data(city, user)
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
