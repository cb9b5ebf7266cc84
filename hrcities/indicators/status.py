"""Progress status of an indicator: how far its latest value has come toward the target.

The method follows the progress measure Statistics Canada designed and Open SDG adopted
("Progress Measurement Methodology for the Sustainable Development Goals",
https://open-sdg.readthedocs.io/en/latest/progress-methodology/), with the same
categories and the same thresholds, measured on a straight line rather than as
compound annual growth:

    b, y0   baseline value and year       (the indicator's baseline; without one, its
                                           earliest observation)
    t, yT   target value and year
    v, y    latest value and its year     (the latest observation for the whole population,
                                           up to the year the status is asked for)
    d       +1 when higher is better, -1 when lower is better

1. Target achieved when the latest value is at or beyond the target in the good
   direction: d * (v - t) >= 0.
2. Otherwise compare the change made with the change the straight line from the
   baseline to the target asks for by year y:

       required = d * (t - b) * min(1, (y - y0) / (yT - y0))
       R        = d * (v - b) / required

       R >= 0.95          substantial progress     ("on track" in Open SDG)
       0.60 <= R < 0.95   moderate progress        ("progress made but acceleration needed")
       0 <= R < 0.60      negligible progress      ("limited progress")
       R < 0              deterioration

   A baseline that already met the target, followed by a value that no longer does,
   is deterioration.
3. Without a target there is no required change, so only the direction counts:
   improved (d * (v - b) > 0), no change (= 0) or deterioration (< 0).
4. Not enough data: no observation, or none after the baseline year.

Why a straight line: Statistics Canada compares compound annual growth rates, which
cannot start from zero or cross it, and city indicators often do (no shelter beds for
homeless women in the baseline year; a count of hate crimes brought to zero). The
straight line asks for the same share of the way each year, which is how cities write
their targets ("halve by 2030") and what a reader can check by hand. Thresholds and
categories are Statistics Canada's. Arithmetic is decimal, so a value exactly at a
threshold falls in the higher category.

Next to the status, each result carries the year-on-year change (latest value against
the one before it), which is how Gwangju reports its indicators every year: the share
of indicators that improved and that worsened on the year before, per domain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

SUBSTANTIAL_AT = Decimal("0.95")
MODERATE_AT = Decimal("0.60")
SIX_PLACES = Decimal("0.000001")  # the precision values are stored with


class Status(models.TextChoices):
    TARGET_ACHIEVED = "target_achieved", _("Target achieved")
    SUBSTANTIAL = "substantial", _("Substantial progress")
    MODERATE = "moderate", _("Moderate progress")
    NEGLIGIBLE = "negligible", _("Negligible progress")
    DETERIORATION = "deterioration", _("Deterioration")
    IMPROVED = "improved", _("Improved (no target)")
    NO_CHANGE = "no_change", _("No change (no target)")
    NOT_ENOUGH_DATA = "not_enough_data", _("Not enough data")


# Best first: the order of legends, tables and counts.
STATUS_ORDER = [
    Status.TARGET_ACHIEVED,
    Status.SUBSTANTIAL,
    Status.MODERATE,
    Status.NEGLIGIBLE,
    Status.IMPROVED,
    Status.NO_CHANGE,
    Status.DETERIORATION,
    Status.NOT_ENOUGH_DATA,
]


class Change(models.TextChoices):
    """Which way a value moved, judged by the indicator's direction."""

    IMPROVED = "improved", _("improved")
    WORSENED = "worsened", _("worsened")
    UNCHANGED = "unchanged", _("unchanged")


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class ProgressStatus:
    """The status of one indicator, with the figures it was computed from."""

    status: str
    baseline: Point | None = None
    latest: Point | None = None
    target: Point | None = None
    previous: Point | None = None
    ratio: Decimal | None = None  # R, when there is a target not yet achieved
    required: Decimal | None = None  # value the straight line asks for by the latest year
    baseline_from_data: bool = False  # True: no baseline given, the earliest value served
    since_baseline: str | None = None  # a Change, or None without enough data
    year_on_year: str | None = None  # a Change, or None without a previous value

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def ratio_percent(self) -> int | None:
        """R as a whole percentage (for sentences; the status uses the exact ratio)."""
        return None if self.ratio is None else int((self.ratio * 100).to_integral_value())

    @property
    def is_assessed(self) -> bool:
        return self.status != Status.NOT_ENOUGH_DATA


def _change(difference: Decimal) -> str:
    if difference > 0:
        return Change.IMPROVED
    if difference < 0:
        return Change.WORSENED
    return Change.UNCHANGED


def compute_status(
    series: Iterable[tuple[int, Any]],
    *,
    higher_is_better: bool,
    baseline: tuple[int, Any] | None = None,
    target: tuple[int, Any] | None = None,
    as_of: int | None = None,
) -> ProgressStatus:
    """Return the progress status of a series of (year, value) for the whole population.

    `baseline` and `target` are (year, value) or None; `as_of` leaves out later years
    (the status as a report for that year saw it). Pure: no database access.
    """
    by_year: dict[int, Decimal] = {}
    for year, value in series:
        if value is None or (as_of is not None and year > as_of):
            continue
        by_year[int(year)] = Decimal(str(value))
    points = [Point(year, by_year[year]) for year in sorted(by_year)]
    target_point = Point(int(target[0]), Decimal(str(target[1]))) if target else None
    if not points:
        return ProgressStatus(Status.NOT_ENOUGH_DATA, target=target_point)

    base = Point(int(baseline[0]), Decimal(str(baseline[1]))) if baseline else points[0]
    latest = points[-1]
    previous = points[-2] if len(points) > 1 else None
    sign = Decimal(1) if higher_is_better else Decimal(-1)
    year_on_year = _change(sign * (latest.value - previous.value)) if previous else None
    common = {
        "baseline": base,
        "latest": latest,
        "target": target_point,
        "previous": previous,
        "baseline_from_data": baseline is None,
        "year_on_year": year_on_year,
    }
    if latest.year <= base.year:
        return ProgressStatus(Status.NOT_ENOUGH_DATA, **common)

    made = sign * (latest.value - base.value)
    since_baseline = _change(made)
    if target_point is None:
        status = {
            Change.IMPROVED: Status.IMPROVED,
            Change.UNCHANGED: Status.NO_CHANGE,
            Change.WORSENED: Status.DETERIORATION,
        }[since_baseline]
        return ProgressStatus(status, since_baseline=since_baseline, **common)

    if sign * (latest.value - target_point.value) >= 0:
        return ProgressStatus(Status.TARGET_ACHIEVED, since_baseline=since_baseline, **common)
    whole_way = sign * (target_point.value - base.value)
    if whole_way <= 0:
        # The baseline already met the target, and the latest value no longer does.
        return ProgressStatus(Status.DETERIORATION, since_baseline=since_baseline, **common)
    span = target_point.year - base.year
    share = (
        min(Decimal(1), Decimal(latest.year - base.year) / Decimal(span))
        if span > 0
        else Decimal(1)
    )
    required_change = whole_way * share
    ratio = made / required_change
    if ratio >= SUBSTANTIAL_AT:
        status = Status.SUBSTANTIAL
    elif ratio >= MODERATE_AT:
        status = Status.MODERATE
    elif ratio >= 0:
        status = Status.NEGLIGIBLE
    else:
        status = Status.DETERIORATION
    return ProgressStatus(
        status,
        ratio=ratio,
        required=(base.value + sign * required_change).quantize(SIX_PLACES),
        since_baseline=since_baseline,
        **common,
    )


def indicator_status(
    indicator: Any, observations: Iterable[Any], *, as_of: int | None = None
) -> ProgressStatus:
    """Return an Indicator's status from its observations (already loaded; totals are used).

    Only whole-year values for the whole population count: an observation with a
    disaggregation or a period within the year is left out.
    """
    series = [(o.year, o.value) for o in observations if not o.disaggregation_key and not o.period]
    return compute_status(
        series,
        higher_is_better=not indicator.is_lower_better,
        baseline=indicator.baseline,
        target=indicator.target,
        as_of=as_of,
    )


@dataclass
class StatusSummary:
    """Counts over several indicators (a domain, a city): by status and by yearly change."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    improved: int = 0  # on the year before
    worsened: int = 0
    unchanged: int = 0
    compared: int = 0  # indicators with a value for the latest and a previous year

    @property
    def share_improved(self) -> float | None:
        return self.improved / self.compared if self.compared else None

    @property
    def share_worsened(self) -> float | None:
        return self.worsened / self.compared if self.compared else None

    @property
    def share_improved_percent(self) -> int | None:
        return round(self.improved * 100 / self.compared) if self.compared else None

    @property
    def share_worsened_percent(self) -> int | None:
        return round(self.worsened * 100 / self.compared) if self.compared else None

    @property
    def assessed(self) -> int:
        return self.total - self.by_status.get(Status.NOT_ENOUGH_DATA, 0)

    def counts(self) -> list[tuple[str, str, int]]:
        """Return (status, label, count) in STATUS_ORDER, leaving out statuses with none."""
        return [
            (status.value, str(status.label), self.by_status[status])
            for status in STATUS_ORDER
            if self.by_status.get(status)
        ]


def summarise(statuses: Iterable[ProgressStatus]) -> StatusSummary:
    """Count statuses and year-on-year changes."""
    summary = StatusSummary()
    counter: Counter[str] = Counter()
    for result in statuses:
        summary.total += 1
        counter[str(result.status)] += 1
        if result.year_on_year is not None:
            summary.compared += 1
            if result.year_on_year == Change.IMPROVED:
                summary.improved += 1
            elif result.year_on_year == Change.WORSENED:
                summary.worsened += 1
            else:
                summary.unchanged += 1
    summary.by_status = dict(counter)
    return summary
