"""Charts drawn on the server as SVG, from plain data.

Two kinds: a time series (values by year or period, with the baseline and the target) and
a breakdown (values of one year by the categories of one disaggregation). Each chart comes
with a title, a sentence that says what it shows (for screen readers and for everyone),
and the data as a table, so nobody depends on seeing the picture.

The SVG is the same string on the web page and in the PDF: presentation attributes only
(no <style>, no inline style: the site's CSP forbids them and WeasyPrint draws them
alike), no script, text drawn as text. Patterns tell the series apart, not colour alone:
values are a solid line with filled dots, the target a dashed line with its label, the
baseline a hollow diamond. Every string from users is escaped. Output is deterministic:
the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = int | float | Decimal
Label = int | str

WIDTH = 640
FONT = "NanumGothic, 'Noto Sans KR', sans-serif"
FONT_SIZE = 12
SMALL = 11
# Colours meet WCAG 2.1 AA on white: text 4.5:1, lines and shapes 3:1 at least.
INK = "#1b1f24"
MUTED = "#4a525c"
ACCENT = "#0b5394"
TARGET = "#8a4b00"
GRID = "#dfe4ea"
MAX_LABELLED_POINTS = 12
MAX_CATEGORY_CHARS = 28
PERCENT_UNITS = {"%", "percent", "per cent", "퍼센트"}


@dataclass(frozen=True)
class Chart:
    """A chart with everything needed to show it and to tell it without the picture."""

    id: str
    kind: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: SafeString

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def data_uri(self) -> str:
        """The same SVG as an image address, for PDFs: WeasyPrint reads an image's SVG with
        its XML parser, far faster than inline SVG through the HTML parser and the CSS
        cascade (a report of fifty indicators has over a hundred charts)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


# -- numbers -------------------------------------------------------------------------------


def decimals_of(values: Iterable[float], limit: int = 2) -> int:
    """Return the number of decimals needed to show every value (at most `limit`)."""
    needed = 0
    for value in values:
        for places in range(needed, limit + 1):
            if abs(round(value, places) - value) < 1e-9 * max(1.0, abs(value)):
                needed = places
                break
        else:
            needed = limit
    return needed


def format_number(value: float, places: int | None = None) -> str:
    """Return a number with thousands separators: "1,204", "41.5" (decimals as needed)."""
    if places is None:
        places = decimals_of([value], limit=6)
    text = f"{value:,.{places}f}"
    return "0" if text.strip("-0.,") == "" else text


def is_percent(unit: str) -> bool:
    return unit.strip().lower() in PERCENT_UNITS


def format_value(value: float, unit: str = "", places: int | None = None) -> str:
    """Return a value as a reader sees it: "58%", "1,204 people", "3.5"."""
    number = format_number(value, places)
    if is_percent(unit):
        return f"{number}%"
    return f"{number} {unit.strip()}" if unit.strip() else number


def format_short(value: float, unit: str = "", places: int | None = None) -> str:
    """Return a value as a label beside its mark: the number (and %), without a long unit."""
    number = format_number(value, places)
    return f"{number}%" if is_percent(unit) else number


def nice_step(span: float, count: int) -> float:
    """Return a step of 1, 2 or 5 times a power of ten that cuts `span` in about `count`."""
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Return round tick values from at most `low` to at least `high`."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    step = nice_step(high - low, count)
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    steps = round((end - start) / step)
    return [round(start + i * step, 10) + 0.0 for i in range(steps + 1)]


def value_range(values: Sequence[float], include_zero: bool = False) -> tuple[float, float]:
    """Return the range to draw: zero included when it sits near the data or is asked for."""
    low, high = min(values), max(values)
    if include_zero or low == high:
        low, high = min(low, 0.0), max(high, 0.0)
    elif low > 0 and low <= high / 2:
        low = 0.0
    elif high < 0 and high >= low / 2:
        high = 0.0
    if low == high:
        high = low + 1
    # A little room, so that a line on the lowest or highest value is not on the frame.
    pad = (high - low) * 0.04
    return (low - pad if low != 0 else low), (high + pad if high != 0 else high)


def tick_labels(ticks: Sequence[float], unit: str) -> list[str]:
    places = decimals_of([ticks[1] - ticks[0], *ticks], limit=6) if len(ticks) > 1 else 0
    labels = [format_number(tick, places) for tick in ticks]
    return [f"{label}%" for label in labels] if is_percent(unit) else labels


# -- text ----------------------------------------------------------------------------------


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate the drawn width of a text: wide for Hangul and CJK, narrow for Latin."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x1100 and (
            0x1100 <= ord(char) <= 0x11FF
            or 0x2E80 <= ord(char) <= 0xA4CF
            or 0xAC00 <= ord(char) <= 0xD7A3
            or 0xF900 <= ord(char) <= 0xFAFF
            or 0xFF00 <= ord(char) <= 0xFF60
        ):
            width += 1.0
        elif char in "il.,:;|!'":
            width += 0.3
        elif char.isupper() or char in "mw%@":
            width += 0.75
        else:
            width += 0.58
    return width * size


def shorten(text: str, limit: int = MAX_CATEGORY_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fmt(number: float) -> str:
    """Coordinates with one decimal at most, so the same chart gives the same bytes."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    fill: str = INK,
    weight: str = "",
) -> str:
    attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if size != FONT_SIZE:
        attrs += f' font-size="{size}"'
    if fill != INK:
        attrs += f' fill="{fill}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    return f"<text {attrs}>{escape(text)}</text>"


def chart_id(given: str | None, *parts: object) -> str:
    """Return a safe element id: the one given, cleaned, or one derived from the data."""
    if given:
        cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", given).strip("-")
        if cleaned:
            return cleaned if cleaned[0].isalpha() else f"chart-{cleaned}"
    digest = hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:10]
    return f"chart-{digest}"


def svg_open(identifier: str, width: float, height: float, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'width="{fmt(width)}" height="{fmt(height)}" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'aria-labelledby="{identifier}-title {identifier}-desc" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{identifier}-title">{escape(title)}</title>'
        f'<desc id="{identifier}-desc">{escape(description)}</desc>'
    )


# -- shapes for values, target and baseline (also drawn in the legend) ---------------------


def dot(x: float, y: float) -> str:
    return (
        f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="4" fill="{ACCENT}" '
        f'stroke="#ffffff" stroke-width="1.5"/>'
    )


def diamond(x: float, y: float, size: float = 6) -> str:
    return (
        f'<path d="M{fmt(x)} {fmt(y - size)}L{fmt(x + size)} {fmt(y)}L{fmt(x)} {fmt(y + size)}'
        f'L{fmt(x - size)} {fmt(y)}Z" fill="#ffffff" stroke="{MUTED}" stroke-width="2"/>'
    )


def line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def dashed(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="7 4"/>'
    )


def solid(points: Sequence[tuple[float, float]]) -> str:
    coords = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{ACCENT}" stroke-width="2.5" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
    )


def legend(
    entries: Sequence[tuple[str, str]], top: float, left: float, right: float
) -> tuple[list[str], float]:
    """Lay out legend entries (kind, text) in rows; return the SVG parts and the height."""
    parts: list[str] = []
    x, y = left, top + 10
    for kind, text in entries:
        width = 30 + text_width(text, SMALL) + 18
        if x > left and x + width > right:
            x, y = left, y + 18
        if kind == "values":
            parts.append(solid([(x, y), (x + 22, y)]))
            parts.append(dot(x + 11, y))
        elif kind == "target":
            parts.append(dashed(x, y, x + 22, y))
        else:
            parts.append(diamond(x + 11, y, 5))
        parts.append(svg_text(x + 28, y + 4, text, size=SMALL))
        x += width
    return parts, y + 10 - top


# -- time series -------------------------------------------------------------------------


def _as_float(value: Number | None, decimals: int = 6) -> float | None:
    """Return the value as drawn and shown: rounded to the decimals the indicator shows."""
    return None if value is None else round(float(value), decimals) + 0.0


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
    unit: str
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
    unit: str,
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
            year: _as_float(value, decimals)
            for year, (_l, value) in zip(years, points, strict=True)
        }
        first, last = min(known), max(known)
        rows = tuple((str(year), known.get(year)) for year in range(first, last + 1))
    else:
        rows = tuple((str(label), _as_float(value, decimals)) for label, value in points)
    return Series(
        points=rows,
        by_year=by_year,
        unit=unit.strip(),
        baseline=(str(baseline[0]), round(float(baseline[1]), decimals)) if baseline else None,
        target=(None if target[0] is None else str(target[0]), round(float(target[1]), decimals))
        if target
        else None,
        places=places,
    )


def value_header(unit: str) -> str:
    return _("Value (%(unit)s)") % {"unit": unit.strip()} if unit.strip() else _("Value")


def time_series_chart(
    points: Sequence[tuple[Label, Number | None]],
    *,
    title: str,
    unit: str = "",
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
    top, plot_bottom = 34.0 if series.unit and not is_percent(series.unit) else 16.0, 0.0
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
    if series.unit and not is_percent(series.unit):
        parts.append(svg_text(8, 16, series.unit, size=SMALL, fill=MUTED))
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


# -- breakdown -----------------------------------------------------------------------------


def breakdown_chart(
    categories: Sequence[tuple[str, Number | None]],
    *,
    title: str,
    dimension: str,
    period: Label,
    unit: str = "",
    total: Number | None = None,
    decimals: int | None = None,
    id: str | None = None,
) -> Chart:
    """Draw the values of one period by the categories of one disaggregation, as bars.

    `categories` are (category label, value) pairs in the order to show; `total` is the
    value for everyone, drawn last as a hatched bar.
    """
    places, rounding = decimals, 2 if decimals is None else decimals
    rows_in = [(str(label), _as_float(value, rounding)) for label, value in categories]
    whole = _as_float(total, rounding)
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
    unit: str,
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
    unit: str,
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
    if unit.strip() and not is_percent(unit):
        parts.append(
            svg_text(plot_right, bottom + 32, unit.strip(), anchor="end", size=SMALL, fill=MUTED)
        )
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
    height = bottom + (38 if unit.strip() and not is_percent(unit) else 24)
    return mark_safe(
        svg_open(identifier, WIDTH, height, title, description) + "".join(parts) + "</svg>"
    )


# -- an indicator's charts ---------------------------------------------------------------
# These read an IndicatorProgress (hrcities.indicators.progress) and its observations as
# loaded: no query of their own, so a report of fifty indicators costs nothing more here.


def indicator_chart(progress: Any) -> Chart:
    """Return the time series of an indicator's whole-population values, with its target."""
    indicator = progress.indicator
    return time_series_chart(
        [(observation.year, observation.value) for observation in progress.totals],
        title=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        polarity=indicator.polarity,
        decimals=indicator.decimals,
        id=f"indicator-{indicator.pk}-series",
    )


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
                unit=indicator.unit,
                total=total,
                decimals=indicator.decimals,
                id=f"indicator-{indicator.pk}-{slug}",
            )
        )
    return charts
