"""Values in their unit as the reader's language writes them: `{% measure value unit 1 %}`."""

from __future__ import annotations

from typing import Any

from django import template

from hrcities.indicators.charts.numbers import format_value, unit_label

register = template.Library()


@register.simple_tag
def measure(value: Any, unit: str = "", places: int | None = None) -> str:
    """Return "1,204 persons" / "1,204명", "58%", "인구 10만 명당 12.5"; "—" without a value."""
    if value is None or value == "":
        return "—"
    return format_value(float(value), unit or "", places)


@register.filter(name="unit_label")
def unit_label_filter(unit: str) -> str:
    """Return a unit the platform knows in the reader's language ("days": "일")."""
    return unit_label(unit or "")
