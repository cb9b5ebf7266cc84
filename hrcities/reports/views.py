"""The report pages: the list of cities and years, a report, its PDF, its foreword."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import can_create_in, require_create_in
from hrcities.core.editing import form_page
from hrcities.indicators.models import FIRST_YEAR, LAST_YEAR
from hrcities.network.models import City

from .forms import ForewordForm
from .pdf import render_report_pdf
from .report import Report, ReportError, build_report, find_city, reports_available
from .services import foreword_of, save_foreword

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
            "may_write_foreword": can_create_in(request.user, city=report.city),
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


@login_required
@require_http_methods(["GET", "POST"])
def foreword_edit(request: HttpRequest, city: str, year: int) -> HttpResponse:
    """Write or rewrite the city's foreword to its report for a year (the city's editors)."""
    place = get_object_or_404(City, slug=city)
    require_create_in(request.user, city=place)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("There is no report for the year %(year)s.") % {"year": year})
    foreword = foreword_of(place, year)
    report_url = reverse("reports:report-detail", args=[place.slug, year])
    title = (
        _("Edit the foreword to the %(city)s report %(year)s")
        if foreword
        else _("Write a foreword to the %(city)s report %(year)s")
    ) % {"city": place.name, "year": year}
    return form_page(
        request,
        ForewordForm(request.POST or None, initial=ForewordForm.initial_for(foreword)),
        title=title,
        intro=_(
            "The city's own words at the top of its report, on the page and in the PDF: "
            "what the year meant, what the figures leave out, what comes next. Write it in "
            "English, Korean or both; a report in a language without a foreword shows the "
            "other one. Every version is kept in the foreword's history."
        ),
        button=_("Save the foreword"),
        back=report_url,
        save=lambda form: save_foreword(
            place,
            year,
            form.texts(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The foreword was saved."),
        next_url=lambda saved: saved.get_absolute_url(),
        subnav="reports/_foreword_breadcrumbs.html",
        extra_head="reports/_extra_head.html",
        context={"city": place, "year": year, "report_url": report_url},
        field_for={"texts": "text_en"},
    )
