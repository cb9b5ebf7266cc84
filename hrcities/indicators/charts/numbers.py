"""Numbers as a chart shows them: thousands separators, percentages, round ticks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

Number = int | float | Decimal
Label = int | str

PERCENT_UNITS = {"%", "percent", "per cent", "퍼센트"}

# The units cities write most, with how the reader's language writes a value in the unit
# ("2,750 persons", "2,750명"; "per 100,000" comes first in Korean) and the unit alone.
# Other units are free text and shown as the city typed them.
KNOWN_UNITS: dict[str, tuple[Promise, Promise]] = {
    "persons": (_("%(number)s persons"), pgettext_lazy("unit", "persons")),
    "people": (_("%(number)s people"), pgettext_lazy("unit", "people")),
    "per 1,000": (_("%(number)s per 1,000"), pgettext_lazy("unit", "per 1,000")),
    "per 10,000": (_("%(number)s per 10,000"), pgettext_lazy("unit", "per 10,000")),
    "per 100,000": (_("%(number)s per 100,000"), pgettext_lazy("unit", "per 100,000")),
    "days": (_("%(number)s days"), pgettext_lazy("unit", "days")),
    "hours": (_("%(number)s hours"), pgettext_lazy("unit", "hours")),
    "cases": (_("%(number)s cases"), pgettext_lazy("unit", "cases")),
    "complaints": (_("%(number)s complaints"), pgettext_lazy("unit", "complaints")),
    "reports": (_("%(number)s reports"), pgettext_lazy("unit", "reports")),
    "households": (_("%(number)s households"), pgettext_lazy("unit", "households")),
}


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


def _known_unit(unit: str) -> tuple[Promise, Promise] | None:
    return KNOWN_UNITS.get(" ".join(unit.casefold().split()))


def unit_label(unit: str) -> str:
    """Return a unit in the reader's language when the platform knows it ("persons": "명")."""
    known = _known_unit(unit)
    return str(known[1]) if known else unit.strip()


def format_value(value: float, unit: str = "", places: int | None = None) -> str:
    """Return a value as a reader sees it: "58%", "1,204 persons" ("1,204명"), "3.5"."""
    number = format_number(value, places)
    if is_percent(unit):
        return f"{number}%"
    known = _known_unit(unit)
    if known:
        return str(known[0]) % {"number": number}
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


def as_float(value: Number | None, decimals: int = 6) -> float | None:
    """Return the value as drawn and shown: rounded to the decimals the indicator shows."""
    return None if value is None else round(float(value), decimals) + 0.0
