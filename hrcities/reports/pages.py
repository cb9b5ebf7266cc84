"""What the reports add to other apps' pages: on a city's page, its indicators at a glance,
its annual report and the reports of every year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hrcities.indicators.progress import city_progress

from .report import city_reports

# The city page names the first indicators; the city's indicator page lists them all.
SHOWN = 5


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]]:
    """Return the city page's section: the status of the indicators the reader may see,
    counted as the indicator pages count them, the first of them, and the city's report
    years with the annual one (the latest year with enough values, as the reader may see
    them). A fixed number of queries, whatever the number of indicators and values."""
    progress = city_progress(city, user=request.user)
    return (
        "reports/_city_indicators.html",
        {
            "city": city,
            "summary": progress.summary,
            "first": progress.indicators[:SHOWN],
            "reports": city_reports(city, request.user),
        },
    )
