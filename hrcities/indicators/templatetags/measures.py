"""Values in their unit as the reader's language writes them: `{% measure value unit 1 %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from hrcities.core.languages import ReaderText
from hrcities.indicators.charts.numbers import value_markup
from hrcities.indicators.units import Unit

register = template.Library()


@register.simple_tag
def measure(value: Any, unit: Unit | str = "", places: int | None = None) -> SafeString | str:
    """Return "1,204 persons" / "1,204명", "58%", "인구 10만 명당 12.5"; "—" without a value.

    A unit nobody wrote in the reader's language comes marked with its own.
    """
    if value is None or value == "":
        return "—"
    return value_markup(float(value), unit or "", places)


@register.filter(name="unit_label")
def unit_label_filter(unit: Unit | str) -> ReaderText:
    """Return a unit in the reader's language ("days": "일"), else marked with its own."""
    return Unit.of(unit).label()
