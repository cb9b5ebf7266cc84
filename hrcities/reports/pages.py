"""What the reports add to other apps' pages: a city's annual report on the city's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .report import city_reports


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]] | None:
    """Return the city page's report section: the annual report and the other years, as
    the reader may see them; nothing for a city without values."""
    reports = city_reports(city, request.user)
    if not reports.years:
        return None
    return ("reports/_city_reports.html", {"city": city, "reports": reports})
