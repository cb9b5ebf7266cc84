"""The report pages: the list of cities and years, a report, its PDF."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from .pdf import render_report_pdf
from .report import Report, ReportError, build_report, find_city, reports_available

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def report_language(request: HttpRequest) -> str:
    """Return the report's language: ?lang= when it names one, else the site's language."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGE_CODES:
        return asked
    return translation.get_language() or settings.LANGUAGE_CODE


def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/report_index.html", {"rows": reports_available(request.user)})


def _with_report(
    request: HttpRequest, city: str, year: int, answer: Callable[[Report], HttpResponse]
) -> HttpResponse:
    """Build the report this reader may see, in its language, and answer with it.

    A city or a year without values answers 404 with the reason and the years there are.
    """
    language = report_language(request)
    with translation.override(language):
        try:
            report = build_report(find_city(city), year, user=request.user, language=language)
        except ReportError as error:
            context = {"message": str(error)}
            return render(request, "reports/report_missing.html", context, status=404)
        return answer(report)


def report_detail(request: HttpRequest, city: str, year: int) -> HttpResponse:
    def page(report: Report) -> HttpResponse:
        path = reverse("reports:report-detail", args=[report.city.slug, year])
        others = [
            (code, translation.get_language_info(code)["name_local"], f"{path}?lang={code}")
            for code in LANGUAGE_CODES
            if code != report.language
        ]
        pdf_url = reverse("reports:report-pdf", args=[report.city.slug, year])
        context = {
            "report": report,
            "pdf_url": f"{pdf_url}?lang={report.language}",
            "other_languages": others,
        }
        return render(request, "reports/report_detail.html", context)

    return _with_report(request, city, year, page)


def report_pdf(request: HttpRequest, city: str, year: int) -> HttpResponse:
    """Answer the report as a PDF, built for this reader (what they may see, nothing more)."""

    def pdf(report: Report) -> HttpResponse:
        content = render_report_pdf(report, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(content, content_type="application/pdf")
        name = f"hrcities-report-{report.city.slug}-{year}-{report.language}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return _with_report(request, city, year, pdf)
