"""Cities' human rights reports over the API: which years there are, which is the annual
report, and the forewords the cities write (read by anyone, written by the city's editors).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from hrcities.core.apiutils import InputSchema, api_user, read_auth, write_auth
from hrcities.indicators.models import FIRST_YEAR, LAST_YEAR
from hrcities.network.models import City

from .models import FOREWORD_MAX_LENGTH, Foreword
from .report import CityReports, city_reports, reports_available
from .services import foreword_of, save_foreword

router = Router(tags=["reports"])


class YearOut(Schema):
    year: int
    indicators_with_values: int = Field(
        description="Indicators of the city you may see that have a value for the year."
    )
    indicators: int = Field(description="Indicators of the city you may see.")
    is_enough: bool = Field(
        description="True when at least half of the indicators have a value for the year."
    )
    url: str = Field(description="The report's page.")
    pdf_url: str


class CityReportsOut(Schema):
    city: str
    name: str
    annual_report_year: int | None = Field(
        description="The city's annual report: the latest year with values for at least half "
        "of its indicators (null when no year has). Link this year as 'the annual report'."
    )
    years: list[YearOut] = Field(description="Every year with a value you may see, newest first.")


class ForewordOut(Schema):
    id: int = Field(
        description="Record id, as used by /api/records/reports.foreword/{id}/revisions."
    )
    city: str
    year: int
    texts: dict[str, str] = Field(
        description="Text per language code (en, ko); paragraphs are separated by a blank line."
    )
    version: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_city(foreword: Foreword) -> str:
        return foreword.city.slug


class ForewordIn(InputSchema):
    texts: dict[str, str] = Field(
        description="Text per language code (en, ko), at most "
        f"{FOREWORD_MAX_LENGTH:,} characters each; a language left out or empty has none."
    )
    version: int | None = Field(
        None,
        description="The version you read; leave it out (or 0) to write the first foreword.",
    )


def _out(reports: CityReports) -> dict[str, Any]:
    slug = reports.city.slug
    return {
        "city": slug,
        "name": reports.city.name,
        "annual_report_year": reports.annual_year,
        "years": [
            {
                "year": y.year,
                "indicators_with_values": y.with_values,
                "indicators": y.indicators,
                "is_enough": y.is_enough,
                "url": reverse("reports:report-detail", args=[slug, y.year]),
                "pdf_url": reverse("reports:report-pdf", args=[slug, y.year]),
            }
            for y in reports.years
        ],
    }


@router.get(
    "/",
    response=list[CityReportsOut],
    auth=read_auth,
    summary="Every city with reports: its annual report and all its years",
)
def list_reports(request: HttpRequest) -> Any:
    return [_out(reports) for reports in reports_available(api_user(request))]


@router.get(
    "/{city}",
    response=CityReportsOut,
    auth=read_auth,
    summary="One city's reports: its annual report and all its years",
)
def city_report_years(request: HttpRequest, city: str) -> Any:
    return _out(city_reports(get_object_or_404(City, slug=city), api_user(request)))


def _report_city(city: str, year: int) -> City:
    place = get_object_or_404(City, slug=city)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("There is no report for the year %(year)s.") % {"year": year})
    return place


@router.get(
    "/{city}/{year}/foreword",
    response=ForewordOut,
    auth=read_auth,
    summary="The city's foreword to its report for a year",
    description="404 when the city has written none for that year.",
)
def get_foreword(request: HttpRequest, city: str, year: int) -> Any:
    foreword = foreword_of(_report_city(city, year), year)
    if foreword is None:
        raise Http404(_("This report has no foreword yet."))
    return foreword


@router.put(
    "/{city}/{year}/foreword",
    response=ForewordOut,
    auth=write_auth,
    summary="Write or rewrite the city's foreword to its report for a year (editors of the city)",
    description="A rewrite must give the `version` it was based on; a stale one is refused "
    "with 409. Every version is kept in the foreword's revisions.",
)
def put_foreword(request: HttpRequest, city: str, year: int, payload: ForewordIn) -> Any:
    place = _report_city(city, year)
    return save_foreword(
        place, year, payload.texts, by=api_user(request), based_on_version=payload.version
    )
