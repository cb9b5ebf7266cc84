"""Breakdowns: the values of one period by the categories of one disaggregation, as bars."""

from __future__ import annotations

from collections.abc import Sequence
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
    ACCENT,
    GRID,
    MUTED,
    SMALL,
    WIDTH,
    Chart,
    chart_id,
    fmt,
    line,
    shorten,
    svg_open,
    svg_text,
    text_width,
    unit_caption,
    value_header,
)


def breakdown_chart(
    categories: Sequence[tuple[str, Number | None]],
    *,
    title: str,
    dimension: str,
    period: Label,
    unit: Unit | str = "",
    total: Number | None = None,
    decimals: int | None = None,
    id: str | None = None,
) -> Chart:
    """Draw the values of one period by the categories of one disaggregation, as bars.

    `categories` are (category label, value) pairs in the order to show; `total` is the
    value for everyone, drawn last as a hatched bar.
    """
    unit = Unit.of(unit)
    places, rounding = decimals, 2 if decimals is None else decimals
    rows_in = [(str(label), as_float(value, rounding)) for label, value in categories]
    whole = as_float(total, rounding)
    identifier = chart_id(id, title, dimension, period, rows_in, whole)
    description = breakdown_description(rows_in, dimension, str(period), whole, unit, places)
    rows = [
        (label, format_value(value, unit, places) if value is not None else _("no data"))
        for label, value in rows_in
    ]
    if whole is not None:
        rows.append((_("All"), format_value(whole, unit, places)))
    return Chart(
        id=identifier,
        kind="breakdown",
        title=title,
        description=description,
        headers=(dimension, value_header(unit)),
        rows=tuple(rows),
        svg=breakdown_svg(identifier, title, description, rows_in, whole, unit, places),
    )


def breakdown_description(
    rows: Sequence[tuple[str, float | None]],
    dimension: str,
    period: str,
    whole: float | None,
    unit: Unit,
    places: int | None = None,
) -> str:
    """Say in words what the bars show: every value, or the highest and the lowest."""
    known = [(label, value) for label, value in rows if value is not None]
    if not known:
        return _("In %(period)s no values by %(dimension)s have been recorded.") % {
            "period": period,
            "dimension": dimension,
        }
    if len(known) <= 4:
        listed = ", ".join(f"{label} {format_value(value, unit, places)}" for label, value in known)
        sentence = _("In %(period)s, by %(dimension)s: %(values)s.") % {
            "period": period,
            "dimension": dimension,
            "values": listed,
        }
    else:
        high = max(known, key=lambda row: row[1])
        low = min(known, key=lambda row: row[1])
        sentence = _(
            "In %(period)s, by %(dimension)s, the value was highest for %(high)s (%(high_value)s) "
            "and lowest for %(low)s (%(low_value)s), across %(count)s categories."
        ) % {
            "period": period,
            "dimension": dimension,
            "high": high[0],
            "high_value": format_value(high[1], unit, places),
            "low": low[0],
            "low_value": format_value(low[1], unit, places),
            "count": len(known),
        }
    if whole is not None:
        everyone = format_value(whole, unit, places)
        sentence += " " + _("For everyone: %(value)s.") % {"value": everyone}
    return sentence


def breakdown_svg(
    identifier: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, float | None]],
    whole: float | None,
    unit: Unit,
    places: int | None = None,
) -> SafeString:
    """Draw one bar per category from zero, the value at its end; "all" hatched, last."""
    bars: list[tuple[str, float | None, bool]] = [(shorten(n), v, False) for n, v in rows]
    if whole is not None:
        bars.append((_("All"), whole, True))
    values = [value for _n, value, _a in bars if value is not None]
    ticks = nice_ticks(*value_range(values, include_zero=True)) if values else [0.0, 1.0]
    labels_x = tick_labels(ticks, unit)
    texts = [format_short(v, unit, places) if v is not None else _("no data") for _n, v, _a in bars]
    left = 12 + max([text_width(name) for name, _v, _a in bars] + [20.0])
    room = max([text_width(text, SMALL) for text in texts] + [20.0]) + 10
    plot_left = left + (room if ticks[0] < 0 else 0) + 4
    plot_right = WIDTH - room - 8
    top, bar, gap = 12.0, 18.0, 9.0
    bottom = top + len(bars) * (bar + gap) + (gap if bars else bar)

    def x_of(value: float) -> float:
        return plot_left + (value - ticks[0]) * (plot_right - plot_left) / (ticks[-1] - ticks[0])

    hatch = f"{identifier}-hatch"
    parts: list[str] = []
    if whole is not None:
        parts.append(
            f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{ACCENT}" stroke-width="3"/>'
            f"</pattern></defs>"
        )
    for tick, label in zip(ticks, labels_x, strict=True):
        x = x_of(tick)
        parts.append(line(x, top - 4, x, bottom, MUTED if tick == 0 else GRID))
        parts.append(svg_text(x, bottom + 16, label, anchor="middle", fill=MUTED, size=SMALL))
    if unit and not unit.is_percent:
        parts.append(unit_caption(plot_right, bottom + 32, unit, anchor="end"))
    zero = x_of(0.0)
    for index, ((name, value, is_all), text) in enumerate(zip(bars, texts, strict=True)):
        y = top + gap / 2 + index * (bar + gap)
        middle = y + bar / 2 + 4
        parts.append(
            svg_text(left - 8, middle, name, anchor="end", weight="bold" if is_all else "")
        )
        if value is None:
            parts.append(svg_text(zero + 6, middle, text, size=SMALL, fill=MUTED))
            continue
        start, end = sorted((zero, x_of(value)))
        fill = f"url(#{hatch})" if is_all else ACCENT
        parts.append(
            f'<rect x="{fmt(start)}" y="{fmt(y)}" width="{fmt(max(end - start, 1.0))}" '
            f'height="{fmt(bar)}" fill="{fill}" stroke="{ACCENT}" stroke-width="1"/>'
        )
        if value < 0:
            parts.append(svg_text(start - 5, middle, text, anchor="end", size=SMALL))
        else:
            parts.append(svg_text(end + 5, middle, text, size=SMALL))
    height = bottom + (38 if unit and not unit.is_percent else 24)
    return mark_safe(
        svg_open(identifier, WIDTH, height, title, description) + "".join(parts) + "</svg>"
    )


# These read an IndicatorProgress (hrcities.indicators.progress) and its observations as
# loaded: no query of their own, so a report of fifty indicators costs nothing more here.


def indicator_breakdowns(
    progress: Any, dimensions: Sequence[Any], *, year: int | None = None
) -> list[Chart]:
    """Return one bar chart per dimension the indicator is broken down by alone.

    The year is the latest with such values, up to `year`. `dimensions` are the city's
    Dimension rows (Dimension.objects.for_city(city)), which name the groups.
    """
    indicator = progress.indicator
    by_slug = {dimension.slug: dimension for dimension in dimensions}
    single = [
        o
        for o in progress.observations
        if not o.period
        and len(o.disaggregation) == 1
        and (year is None or o.year <= year)
        and next(iter(o.disaggregation)) in by_slug
    ]
    charts: list[Chart] = []
    for slug in [d.slug for d in dimensions]:
        rows = [o for o in single if slug in o.disaggregation]
        if not rows:
            continue
        latest = max(o.year for o in rows)
        dimension = by_slug[slug]
        values = {o.disaggregation[slug]: o.value for o in rows if o.year == latest}
        order = [v for v in dimension.values or [] if v in values]
        order += sorted(v for v in values if v not in order)
        total = next(
            (o.value for o in progress.totals if o.year == latest),
            None,
        )
        charts.append(
            breakdown_chart(
                [(dimension.value_label(value), values[value]) for value in order],
                title=_("%(indicator)s by %(dimension)s, %(year)s")
                % {"indicator": indicator.name, "dimension": dimension.name, "year": latest},
                dimension=dimension.name,
                period=latest,
                unit=indicator.shown_unit,
                total=total,
                decimals=indicator.decimals,
                id=f"indicator-{indicator.pk}-{slug}",
            )
        )
    return charts
