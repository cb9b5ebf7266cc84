"""A city's measures on one time axis, drawn on the server as SVG.

Each measure is a bar from the day it came into force to the day it was lifted (or today),
with its introduction, extensions, amendments and lifting marked on it; the part of a bar
past its sunset while still in force is drawn hollow. One indicator of the city may be laid
over it, on an axis of its own at the right: the series a city keeps for an emergency (cases
a month, a quarter's hottest days) is read at the finest step it is kept in, months (M1-M12
or 01-12), quarters (Q1-Q4), halves (H1, H2) or whole years.

Drawn like the indicator charts (`hrcities.indicators.charts`): presentation attributes
only, text as text, shapes and not colour alone tell things apart, user text escaped, and
the same data gives the same bytes. The page shows the same facts as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hrcities.indicators.charts.numbers import format_short, nice_ticks, value_range
from hrcities.indicators.charts.svg import (
    ACCENT,
    GRID,
    MUTED,
    SMALL,
    TARGET,
    Chart,
    chart_id,
    fmt,
    line,
    shorten,
    svg_open,
    svg_text,
)

from .models import ChangeKind, Measure

WIDTH = 640
LEFT, RIGHT, TOP = 12, 56, 34
ROW = 34
BAR = 12


@dataclass(frozen=True)
class OverlayPoint:
    """One value of the laid-over series: the day it is drawn at and how it is named."""

    day: date
    label: str
    value: float


@dataclass(frozen=True)
class Overlay:
    """One indicator's whole-city values, laid over the measures."""

    name: str
    unit: str
    points: tuple[OverlayPoint, ...]


# The steps a period may name, finest first, with the middle day of each period.
_STEPS: tuple[tuple[str, dict[str, tuple[int, int]]], ...] = (
    (
        "month",
        {
            **{f"M{n}": (n, 15) for n in range(1, 13)},
            **{f"M{n:02d}": (n, 15) for n in range(1, 13)},
            **{f"{n:02d}": (n, 15) for n in range(1, 13)},
        },
    ),
    ("quarter", {"Q1": (2, 15), "Q2": (5, 15), "Q3": (8, 15), "Q4": (11, 15)}),
    ("half", {"H1": (4, 1), "H2": (10, 1)}),
    ("year", {"": (7, 1)}),
)


def period_step(period: str) -> tuple[str, tuple[int, int]] | None:
    """Return the step a period names and the (month, day) it is drawn at, or None."""
    key = period.strip().upper()
    for step, middles in _STEPS:
        if key in middles:
            return step, middles[key]
    return None


def _end(measure: Measure, today: date) -> date:
    return measure.lifted_on or max(today, measure.in_force_from)


def _marker(kind: str, x: float, y: float) -> str:
    """A shape per kind of change, so they differ without colour."""
    if kind == ChangeKind.INTRODUCED:
        return (
            f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="5" fill="#ffffff" '
            f'stroke="{MUTED}" stroke-width="2"/>'
        )
    if kind == ChangeKind.EXTENDED:
        return (
            f'<path d="M{fmt(x)} {fmt(y - 6)}L{fmt(x + 6)} {fmt(y)}L{fmt(x)} {fmt(y + 6)}'
            f'L{fmt(x - 6)} {fmt(y)}Z" fill="{TARGET}" stroke="#ffffff" stroke-width="1"/>'
        )
    if kind == ChangeKind.AMENDED:
        return (
            f'<rect x="{fmt(x - 4)}" y="{fmt(y - 4)}" width="8" height="8" fill="#ffffff" '
            f'stroke="{TARGET}" stroke-width="2"/>'
        )
    return (
        f'<path d="M{fmt(x - 5)} {fmt(y - 5)}L{fmt(x + 5)} {fmt(y + 5)}M{fmt(x - 5)} {fmt(y + 5)}'
        f'L{fmt(x + 5)} {fmt(y - 5)}" stroke="{MUTED}" stroke-width="2.5"/>'
    )


def timeline_chart(
    measures: Sequence[Measure],
    *,
    title: str,
    today: date,
    overlay: Overlay | None = None,
    identifier: str | None = None,
) -> Chart | None:
    """Return the timeline of `measures` (their changes prefetched), or None if empty."""
    if not measures:
        return None
    starts = [min(m.introduced_on, m.in_force_from) for m in measures]
    ends = [_end(m, today) for m in measures]
    first_year, last_year = min(starts).year, max(ends).year
    if overlay and overlay.points:
        first_year = min(first_year, min(p.day.year for p in overlay.points))
        last_year = max(last_year, max(p.day.year for p in overlay.points))
    start, stop = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    span = (stop - start).days
    plot_right = WIDTH - RIGHT

    def x_of(day: date) -> float:
        return LEFT + (day - start).days / span * (plot_right - LEFT)

    height = TOP + ROW * len(measures) + 56
    bottom = TOP + ROW * len(measures)
    identifier = chart_id(identifier, title, [m.pk for m in measures], overlay)
    description = _describe(measures, today, overlay)
    parts = [svg_open(identifier, WIDTH, height, title, description)]
    for year in range(first_year, last_year + 2):
        x = x_of(date(year, 1, 1))
        parts.append(line(x, TOP - 6, x, bottom, GRID))
        if year <= last_year:
            middle = x_of(date(year, 7, 1))
            parts.append(svg_text(middle, bottom + 16, str(year), anchor="middle", size=SMALL))
    for row, measure in enumerate(measures):
        parts.extend(_bar(measure, TOP + ROW * row, today, x_of))
    if overlay and overlay.points:
        parts.extend(_overlay(overlay, x_of, TOP, bottom))
    parts.extend(_legend(bottom + 30, overlay))
    parts.append("</svg>")
    rows = tuple(
        (
            measure.title,
            str(change.get_kind_display()),
            change.on.isoformat(),
            change.new_sunset.isoformat() if change.new_sunset else "",
        )
        for measure in measures
        for change in measure.changes.all()
    )
    return Chart(
        id=identifier,
        kind="timeline",
        title=title,
        description=description,
        headers=(_("Measure"), _("Change"), _("Date"), _("New sunset")),
        rows=rows,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above is escaped
    )


def _bar(measure: Measure, top: float, today: date, x_of) -> list[str]:
    y = top + 20
    x1, x2 = x_of(measure.in_force_from), x_of(_end(measure, today))
    parts = [svg_text(LEFT, top + 9, shorten(measure.title, 70), size=SMALL)]
    sunset = measure.sunset_on
    past = sunset is not None and not measure.lifted_on and sunset < today
    solid_end = x_of(sunset) if past else x2
    parts.append(
        f'<rect x="{fmt(x1)}" y="{fmt(y - BAR / 2)}" width="{fmt(max(solid_end - x1, 2))}" '
        f'height="{BAR}" fill="{ACCENT}"/>'
    )
    if past:
        parts.append(
            f'<rect x="{fmt(solid_end)}" y="{fmt(y - BAR / 2)}" '
            f'width="{fmt(max(x2 - solid_end, 2))}" height="{BAR}" fill="#ffffff" '
            f'stroke="{ACCENT}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    if sunset is not None:
        xs = x_of(sunset)
        parts.append(line(xs, y - BAR, xs, y + BAR, MUTED))
    for change in measure.changes.all():
        parts.append(_marker(change.kind, x_of(change.on), y))
    return parts


def _overlay(overlay: Overlay, x_of, top: float, bottom: float) -> list[str]:
    values = [p.value for p in overlay.points]
    low, high = value_range(values)
    ticks = nice_ticks(low, high, 4)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    scale = (bottom - top) / ((high - low) or 1)

    def y_of(value: float) -> float:
        return bottom - (value - low) * scale

    parts = []
    for tick in ticks:
        parts.append(
            svg_text(
                WIDTH - RIGHT + 6,
                y_of(tick) + 4,
                format_short(tick, overlay.unit),
                size=SMALL,
                fill=TARGET,
            )
        )
    points = [(x_of(p.day), y_of(p.value)) for p in overlay.points]
    coords = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    parts.append(
        f'<polyline points="{coords}" fill="none" stroke="{TARGET}" stroke-width="2" '
        f'stroke-dasharray="7 4"/>'
    )
    for x, y in points:
        parts.append(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="3" fill="{TARGET}"/>')
    return parts


def _legend(top: float, overlay: Overlay | None) -> list[str]:
    entries = [
        (ChangeKind.INTRODUCED, _("introduced")),
        (ChangeKind.EXTENDED, _("extended")),
        (ChangeKind.AMENDED, _("amended")),
        (ChangeKind.LIFTED, _("lifted")),
    ]
    parts, x = [], float(LEFT + 6)
    for kind, text in entries:
        parts.append(_marker(kind, x, top))
        parts.append(svg_text(x + 10, top + 4, text, size=SMALL))
        x += 24 + len(text) * 6.5
    parts.append(
        f'<rect x="{fmt(x - 4)}" y="{fmt(top - 5)}" width="18" height="10" fill="#ffffff" '
        f'stroke="{ACCENT}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    parts.append(svg_text(x + 18, top + 4, _("past its sunset"), size=SMALL))
    if overlay:
        parts.append(svg_text(LEFT, top + 20, shorten(overlay.name, 90), size=SMALL, fill=TARGET))
    return parts


def _describe(measures: Sequence[Measure], today: date, overlay: Overlay | None) -> str:
    in_force = sum(1 for m in measures if m.is_in_force(today))
    extensions = sum(1 for m in measures for c in m.changes.all() if c.kind == ChangeKind.EXTENDED)
    text = _(
        "%(count)s measures on a time axis: %(in_force)s still in force, "
        "%(extensions)s extensions in all."
    ) % {"count": len(measures), "in_force": in_force, "extensions": extensions}
    if overlay and overlay.points:
        text += " " + _("Laid over: %(name)s, %(first)s to %(last)s.") % {
            "name": overlay.name,
            "first": overlay.points[0].label,
            "last": overlay.points[-1].label,
        }
    return text


def overlay_of(indicator, observations) -> Overlay:
    """Return an indicator's whole-city values as an overlay, at the finest step they are
    kept in; values of a period no step names are left out."""
    by_step: dict[str, list[OverlayPoint]] = {}
    for o in observations:
        found = period_step(o.period)
        if found is None:
            continue
        step, (month, day) = found
        value = float(o.value if isinstance(o.value, Decimal) else Decimal(o.value))
        label = f"{o.year} {o.period.strip()}" if o.period.strip() else str(o.year)
        by_step.setdefault(step, []).append(OverlayPoint(date(o.year, month, day), label, value))
    chosen = next((by_step[step] for step, _m in _STEPS if step in by_step), [])
    unit = next((o.unit for o in observations if o.unit), "") or getattr(indicator, "unit", "")
    return Overlay(
        name=str(indicator), unit=unit or "", points=tuple(sorted(chosen, key=lambda p: p.day))
    )
