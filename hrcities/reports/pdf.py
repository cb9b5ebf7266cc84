"""The annual report as a PDF: the web page's body, with a cover and page numbers."""

from __future__ import annotations

from functools import cache

from django.utils import translation

from hrcities.core.pdf import render_pdf, static_text

from .report import Report

STYLESHEETS = (
    "indicators/indicators.css",
    "indicators/charts.css",
    "reports/report.css",
    "reports/report-pdf.css",
)


@cache
def stylesheets() -> str:
    """The page's stylesheets and the PDF's own, inlined (a PDF loads nothing)."""
    return static_text(*STYLESHEETS)


def render_report_pdf(report: Report, *, base_url: str | None = None) -> bytes:
    """Return the report as a PDF in its language; links resolve against `base_url`."""
    with translation.override(report.language):
        return render_pdf(
            "reports/report_pdf.html",
            {"report": report, "stylesheets": stylesheets(), "chart_as_image": True},
            base_url=base_url,
        )
