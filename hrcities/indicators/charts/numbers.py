"""Numbers as a chart shows them: thousands separators, percentages, round ticks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString

from hrcities.core.languages import ReaderText

from ..units import Unit, is_percent

Number = int | float | Decimal
Label = int | str


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


def _written(value: float, unit: Unit | str, places: int | None) -> tuple[str, ReaderText | None]:
    """Return the value as the reader's language writes it in its unit, and the unit label
    still to follow it (None when the first part already says it all)."""
    number = format_number(value, places)
    unit = Unit.of(unit)
    if unit.is_percent:
        return f"{number}%", None
    known = unit.known
    if known:
        return str(known[0]) % {"number": number}, None
    label = unit.label()
    return number, (label or None)


def format_value(value: float, unit: Unit | str = "", places: int | None = None) -> str:
    """Return a value as a reader sees it: "58%", "1,204 persons" ("1,204명"), "3.5"."""
    written, label = _written(value, unit, places)
    return f"{written} {label}" if label else written


def value_markup(value: float, unit: Unit | str = "", places: int | None = None) -> SafeString:
    """Return `format_value` as HTML: a unit shown in another language than the page's
    is marked with its own (`<span lang="en">trees</span>`)."""
    written, label = _written(value, unit, places)
    return format_html("{} {}", written, label) if label else format_html("{}", written)


def format_short(value: float, unit: Unit | str = "", places: int | None = None) -> str:
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


def tick_labels(ticks: Sequence[float], unit: Unit | str) -> list[str]:
    places = decimals_of([ticks[1] - ticks[0], *ticks], limit=6) if len(ticks) > 1 else 0
    labels = [format_number(tick, places) for tick in ticks]
    return [f"{label}%" for label in labels] if is_percent(unit) else labels


def as_float(value: Number | None, decimals: int = 6) -> float | None:
    """Return the value as drawn and shown: rounded to the decimals the indicator shows."""
    return None if value is None else round(float(value), decimals) + 0.0
