"""Measures and reviews as CSV, both ways: the same format out and in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import File, Router
from ninja.files import UploadedFile

from hrcities.commitments.api.schemas import ImportReportOut
from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.csvfiles import ImportRefused
from hrcities.core.problems import rows_refused

from ..exchange import (
    MEASURE_COLUMNS,
    REVIEW_COLUMNS,
    export_measures_chunks,
    export_reviews_chunks,
    import_measures_csv,
    import_reviews_csv,
)

router = Router()
CSV = {"responses": {200: {"content": {"text/csv": {}}}}}


def _download(chunks: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/measures.csv",
    auth=read_auth,
    summary="Measures you may see as CSV (the format the import reads back)",
    response={200: str},
    openapi_extra=CSV,
)
def measures_csv(request: HttpRequest, city: str | None = None) -> Any:
    chunks = export_measures_chunks(api_user(request), city=city)
    return _download(chunks, "emergency-measures.csv")


@router.get(
    "/reviews.csv",
    auth=read_auth,
    summary="Reviews you may see as CSV, one row per review, one column per question",
    response={200: str},
    openapi_extra=CSV,
)
def reviews_csv(request: HttpRequest, city: str | None = None) -> Any:
    chunks = export_reviews_chunks(api_user(request), city=city)
    return _download(chunks, "emergency-reviews.csv")


def _import(request: HttpRequest, csv: UploadedFile, run: Any) -> Any:
    try:
        return run(csv.read(), by=api_user(request))
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)


@router.post(
    "/measures/import",
    response={200: ImportReportOut},
    auth=write_auth,
    summary="Add and change measures from CSV: all rows or none",
    description="Multipart form with `csv` (columns " + ", ".join(MEASURE_COLUMNS) + "). A row "
    "with an id changes that measure if its version matches; one without adds a draft. If "
    "any row is bad nothing is changed, and the answer is 422 listing every bad row and "
    "column.",
)
def import_measures(request: HttpRequest, csv: File[UploadedFile]) -> Any:
    return _import(request, csv, import_measures_csv)


@router.post(
    "/reviews/import",
    response={200: ImportReportOut},
    auth=write_auth,
    summary="Add and change reviews with their answers from CSV: all rows or none",
    description="Multipart form with `csv` (columns "
    + ", ".join(REVIEW_COLUMNS[:9])
    + ", summary_*, recommendations_*, then per checklist question its answer (yes, partly, "
    "no, unclear) and evidence_en/ko, note_en/ko, then access, status). A row with an id "
    "changes that review; one without adds a draft review of the measure it names.",
)
def import_reviews(request: HttpRequest, csv: File[UploadedFile]) -> Any:
    return _import(request, csv, import_reviews_csv)
