"""A city's indicators together: progress by domain, and values in and out as tidy CSV and
as an Open SDG data folder."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router
from ninja.files import UploadedFile

from hrcities.commitments.api.schemas import ImportReportOut
from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.csvfiles import csv_download
from hrcities.core.problems import rows_refused
from hrcities.network.models import City

from .. import opensdg
from ..exchange import ImportRefused, export_csv, import_csv
from ..progress import city_progress
from .common import indicator_for, indicators_for
from .schemas import CityProgressOut, status_out, summary_out

router = Router()


@router.get(
    "/cities/{city}",
    response=CityProgressOut,
    auth=read_auth,
    summary="A city's progress: statuses by domain, shares improved and worsened",
    description="`year` gives the statuses as they stood with the values up to that year.",
)
def city_status(request: HttpRequest, city: str, year: int | None = None) -> Any:
    place = get_object_or_404(City, slug=city)
    progress = city_progress(place, user=api_user(request), year=year)
    return {
        "city": place.slug,
        "year": year,
        "summary": summary_out(progress.summary),
        "domains": [
            {
                "domain": part.domain.slug if part.domain else None,
                "name": part.name,
                "summary": summary_out(part.summary),
                "indicators": [
                    {
                        "code": item.indicator.code,
                        "name": item.indicator.name,
                        "status": status_out(item.status),
                    }
                    for item in part.indicators
                ],
            }
            for part in progress.domains
        ],
    }


@router.get(
    "/cities/{city}/export.csv",
    auth=read_auth,
    summary="Values in the platform's tidy CSV (the shape the import takes)",
    description="With `indicator` (a code): that indicator's file, without an Indicator "
    "column. Without: every indicator of the city you may see, with an Indicator column.",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def export_values(request: HttpRequest, city: str, indicator: str | None = None) -> Any:
    place = get_object_or_404(City, slug=city)
    if indicator:
        chosen = indicator_for(request, city, indicator)
        return csv_download(export_csv([chosen]), f"indicator_{place.slug}_{chosen.code}.csv")
    indicators = indicators_for(api_user(request)).filter(city=place).order_by("code")
    return csv_download(
        export_csv(indicators, with_indicator_column=True), f"indicators_{place.slug}.csv"
    )


@router.get(
    "/cities/{city}/opensdg.zip",
    auth=read_auth,
    summary="Indicators as an Open SDG data folder (ZIP)",
    description="`data/indicator_<code>.csv` in Open SDG's data format and "
    "`meta/<code>.yml` (Korean in `meta/ko/`) with Open SDG's metadata fields, for every "
    "indicator of the city you may see, and `config_data.yml` for sdg-build. The import "
    "takes the same ZIP back.",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"application/zip": {}}}}},
)
def export_opensdg(request: HttpRequest, city: str) -> Any:
    place = get_object_or_404(City, slug=city)
    files = opensdg.city_files(place, api_user(request), site=request.build_absolute_uri("/"))
    return opensdg.zip_download(files, place)


@router.post(
    "/cities/{city}/import",
    response={200: ImportReportOut},
    auth=write_auth,
    summary="Import values from tidy CSV or an Open SDG data folder (ZIP): all or none",
    description="Multipart form: `file`, and `indicator` (a code) for a one-indicator file; "
    "without it the file needs an Indicator column. A ZIP is read as an Open SDG data "
    "folder: `data/indicator_<code>.csv` for each indicator, its `meta/<code>.yml` beside "
    "it. A row for a year and group that already has a value replaces it. If any row is "
    "bad nothing changes, and the answer is 422 listing every bad file, row and column.",
)
def import_values(
    request: HttpRequest, city: str, file: File[UploadedFile], indicator: Form[str] = ""
) -> Any:
    place = get_object_or_404(City, slug=city)
    chosen = indicator_for(request, city, indicator) if indicator else None
    data = file.read()
    try:
        if opensdg.is_zip(data):
            return opensdg.import_zip(data, city=place, by=api_user(request))
        return import_csv(data, city=place, by=api_user(request), indicator=chosen)
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)
