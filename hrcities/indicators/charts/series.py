"""Time series: values by year or period, with the baseline and the target, as a line."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..units import Unit
from .numbers import (
    Label,
    Number,
    as_float,
    format_short,
    format_value,
    nice_ticks,
    tick_labels,
    value_range,
)
from .svg import (
    GRID,
    MAX_LABELLED_POINTS,
    MUTED,
    SMALL,
    TARGET,
    WIDTH,
    Chart,
    chart_id,
    dashed,
    diamond,
    dot,
    legend,
    line,
    shorten,
    solid,
    svg_open,
    svg_text,
    text_width,
    unit_caption,
    value_header,
)


def _year(label: Label) -> int | None:
    if isinstance(label, int) and not isinstance(label, bool):
        return label
    if isinstance(label, str) and re.fullmatch(r"\d{4}", label.strip()):
        return int(label)
    return None


@dataclass(frozen=True)
class Series:
    """A time series made ready to draw: gaps filled in as None, labels as text."""

    points: tuple[tuple[str, float | None], ...]
    by_year: bool
    unit: Unit
    baseline: tuple[str, float] | None
    target: tuple[str | None, float] | None
    places: int | None = None  # decimals shown: None for as many as each value needs

    @property
    def present(self) -> list[tuple[str, float]]:
        return [(label, value) for label, value in self.points if value is not None]

    @property
    def missing(self) -> list[str]:
        return [label for label, value in self.points if value is None]

    def show(self, value: float) -> str:
        return format_value(value, self.unit, self.places)

    def short(self, value: float) -> str:
        return format_short(value, self.unit, self.places)


def make_series(
    points: Sequence[tuple[Label, Number | None]],
    unit: Unit | str,
    baseline: tuple[Label, Number] | None,
    target: tuple[Label | None, Number] | None,
    decimals: int | None = None,
) -> Series:
    """Order the points; when every label is a year, give each missing year a gap."""
    places = decimals
    decimals = 2 if decimals is None else decimals
    years = [_year(label) for label, _v in points]
    by_year = bool(points) and all(year is not None for year in years)
    if by_year:
        known = {
            year: as_float(value, decimals) for year, (_l, value) in zip(years, points, strict=True)
        }
        first, last = min(known), max(known)
        rows = tuple((str(year), known.get(year)) for year in range(first, last + 1))
    else:
        rows = tuple((str(label), as_float(value, decimals)) for label, value in points)
    return Series(
        points=rows,
        by_year=by_year,
        unit=Unit.of(unit),
        baseline=(str(baseline[0]), round(float(baseline[1]), decimals)) if baseline else None,
        target=(None if target[0] is None else str(target[0]), round(float(target[1]), decimals))
        if target
        else None,
        places=places,
    )


def time_series_chart(
    points: Sequence[tuple[Label, Number | None]],
    *,
    title: str,
    unit: Unit | str = "",
    baseline: tuple[Label, Number] | None = None,
    target: tuple[Label | None, Number] | None = None,
    polarity: str | None = None,
    period_header: str | None = None,
    decimals: int | None = None,
    id: str | None = None,
) -> Chart:
    """Draw values over years (or periods) with the baseline and the target.

    `points` are (year or period label, value) pairs; a value of None, or a year left out
    between two others, is a gap: the line breaks there and the table says "no data".
    `polarity` is "higher" or "lower" (which way is better), or None. Values show
    `decimals` decimals, or as many as each needs (two at most) when None.
    """
    series = make_series(points, unit, baseline, target, decimals)
    identifier = chart_id(id, title, series)
    description = series_description(series, polarity)
    rows = [
        (label, series.show(value) if value is not None else _("no data"))
        for label, value in series.points
    ]
    if series.baseline:
        year, value = series.baseline
        rows.append((_("Baseline (%(year)s)") % {"year": year}, series.show(value)))
    if series.target:
        year, value = series.target
        label = _("Target (%(year)s)") % {"year": year} if year else _("Target")
        rows.append((label, series.show(value)))
    return Chart(
        id=identifier,
        kind="series",
        title=title,
        description=description,
        headers=(
            period_header or (_("Year") if series.by_year else _("Period")),
            value_header(unit),
        ),
        rows=tuple(rows),
        svg=series_svg(identifier, title, description, series),
    )


def _join_labels(labels: Sequence[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(labels[:-1]), "last": labels[-1]}


def series_description(series: Series, polarity: str | None) -> str:
    """Say in words what the chart shows: the trend, the latest value, gaps, the target."""
    show = series.show
    present = series.present
    sentences: list[str] = []
    if not present:
        sentences.append(_("No values have been recorded yet."))
    elif len(present) == 1:
        ((label, value),) = present
        sentences.append(
            _("In %(period)s the value was %(value)s.") % {"period": label, "value": show(value)}
        )
    else:
        (first_label, first), (last_label, last) = present[0], present[-1]
        names = {"start": first_label, "end": last_label, "first": show(first), "last": show(last)}
        if show(first) == show(last):
            sentence = _("From %(start)s to %(end)s the value stayed at %(last)s.")
        elif last > first:
            sentence = _("From %(start)s to %(end)s the value rose from %(first)s to %(last)s.")
        else:
            sentence = _("From %(start)s to %(end)s the value fell from %(first)s to %(last)s.")
        sentences.append(sentence % names)
    if series.missing and present:
        sentences.append(_("No data for %(periods)s.") % {"periods": _join_labels(series.missing)})
    if series.baseline:
        year, value = series.baseline
        sentences.append(
            _("The baseline (%(year)s) was %(value)s.") % {"year": year, "value": show(value)}
        )
    if series.target:
        year, value = series.target
        if year:
            sentences.append(
                _("The %(year)s target is %(value)s.") % {"year": year, "value": show(value)}
            )
        else:
            sentences.append(_("The target is %(value)s.") % {"value": show(value)})
    if polarity == "higher":
        sentences.append(_("Higher values are better."))
    elif polarity == "lower":
        sentences.append(_("Lower values are better."))
    return " ".join(sentences)


def series_svg(identifier: str, title: str, description: str, series: Series) -> SafeString:
    """Draw the series: grid and ticks, the target line, the line with dots, a legend."""
    values = [value for _l, value in series.present]
    values += [series.baseline[1]] if series.baseline else []
    values += [series.target[1]] if series.target else []
    ticks = nice_ticks(*value_range(values)) if values else [0.0, 1.0]
    labels_y = tick_labels(ticks, series.unit)
    target_lines: list[str] = []
    if series.target:
        year, value = series.target
        target_lines = [
            _("Target %(year)s") % {"year": year} if year else _("Target"),
            series.short(value),
        ]
    left = 14 + max(text_width(label) for label in labels_y)
    right = WIDTH - max([24.0] + [text_width(line, SMALL) + 14 for line in target_lines])
    top, plot_bottom = 34.0 if series.unit and not series.unit.is_percent else 16.0, 0.0
    plot_bottom = top + 190
    inner_left, inner_right = left + 18, right - 18

    # Horizontal places: by year when every label is a year, so gaps keep their width.
    labels = [label for label, _v in series.points]
    base_year = (
        int(series.baseline[0])
        if series.baseline and series.by_year and series.baseline[0].isdigit()
        else None
    )
    if series.by_year and labels:
        years = [int(labels[0]), int(labels[-1])] + ([base_year] if base_year else [])
        first, last = min(years), max(years)
    else:
        first = last = 0

    def x_of_year(year: int) -> float:
        if last == first:
            return (inner_left + inner_right) / 2
        return inner_left + (year - first) * (inner_right - inner_left) / (last - first)

    def x_of(index: int) -> float:
        if series.by_year:
            return x_of_year(int(labels[index]))
        if len(labels) <= 1:
            return (inner_left + inner_right) / 2
        return inner_left + index * (inner_right - inner_left) / (len(labels) - 1)

    def y_of(value: float) -> float:
        return plot_bottom - (value - ticks[0]) * (plot_bottom - top) / (ticks[-1] - ticks[0])

    parts: list[str] = []
    if series.unit and not series.unit.is_percent:
        parts.append(unit_caption(8, 16, series.unit))
    for tick, label in zip(ticks, labels_y, strict=True):
        y = y_of(tick)
        colour = MUTED if tick == 0 and ticks[0] < 0 else GRID
        parts.append(line(left, y, right, y, colour))
        parts.append(svg_text(left - 6, y + 4, label, anchor="end", fill=MUTED))
    parts.append(line(left, plot_bottom, right, plot_bottom, MUTED))

    # Period labels under the axis: every one, or every n-th when there are many.
    every = max(1, math.ceil(len(labels) / MAX_LABELLED_POINTS))
    axis = {x_of(i): label for i, label in enumerate(labels) if i % every == 0}
    if base_year and str(base_year) not in axis.values():
        axis[x_of_year(base_year)] = str(base_year)
    for x in sorted(axis):
        parts.append(svg_text(x, plot_bottom + 18, shorten(axis[x], 12), anchor="middle"))

    if series.target:
        y = y_of(series.target[1])
        parts.append(dashed(left, y, right, y))
        parts.append(svg_text(right + 6, y - 3, target_lines[0], size=SMALL, fill=TARGET))
        parts.append(svg_text(right + 6, y + 11, target_lines[1], size=SMALL, fill=TARGET))

    # The line breaks at gaps: each run of consecutive values is one polyline.
    runs: list[list[tuple[float, float]]] = [[]]
    marks: list[tuple[float, float, float]] = []
    for index, (_label, value) in enumerate(series.points):
        if value is None:
            runs.append([])
            continue
        runs[-1].append((x_of(index), y_of(value)))
        marks.append((x_of(index), y_of(value), value))
    parts.extend(solid(run) for run in runs if len(run) > 1)
    if base_year:
        parts.append(diamond(x_of_year(base_year), y_of(series.baseline[1])))  # type: ignore[index]

    target_y = y_of(series.target[1]) if series.target else None
    # Label every value when the labels fit between the dots, else the first and the last.
    texts = [series.short(value) for _x, _y, value in marks]
    spacing = min((b[0] - a[0] for a, b in zip(marks, marks[1:], strict=False)), default=WIDTH)
    label_all = max((text_width(t, SMALL) for t in texts), default=0) + 4 <= spacing
    for position, ((x, y, _value), text) in enumerate(zip(marks, texts, strict=True)):
        parts.append(dot(x, y))
        if label_all or position in (0, len(marks) - 1):
            # Above the dot, unless that crosses the top or the target line.
            below = y - 10 < top - 2 or (target_y is not None and y - 24 <= target_y <= y - 2)
            parts.append(
                svg_text(x, y + 18 if below else y - 10, text, anchor="middle", size=SMALL)
            )

    entries = [("values", _("Values"))]
    if series.target:
        entries.append(("target", _("Target")))
    if series.baseline:
        year, value = series.baseline
        entries.append(
            (
                "baseline",
                _("Baseline (%(year)s): %(value)s") % {"year": year, "value": series.show(value)},
            )
        )
    legend_parts, legend_height = legend(entries, plot_bottom + 30, left, WIDTH - 8)
    parts.append('<g class="chart-legend">' + "".join(legend_parts) + "</g>")
    height = plot_bottom + 30 + legend_height + 8
    return mark_safe(
        svg_open(identifier, WIDTH, height, title, description) + "".join(parts) + "</svg>"
    )


# These read an IndicatorProgress (hrcities.indicators.progress) and its observations as
# loaded: no query of their own, so a report of fifty indicators costs nothing more here.


def indicator_chart(progress: Any) -> Chart:
    """Return the time series of an indicator's whole-population values, with its target."""
    indicator = progress.indicator
    return time_series_chart(
        [(observation.year, observation.value) for observation in progress.totals],
        title=indicator.name,
        unit=indicator.shown_unit,
        baseline=indicator.baseline,
        target=indicator.target,
        polarity=indicator.polarity,
        decimals=indicator.decimals,
        id=f"indicator-{indicator.pk}-series",
    )
