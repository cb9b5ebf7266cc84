"""Everything a caller may see at once, as CSV or one JSON-LD graph; CSV imports."""

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import File, Router
from ninja.files import UploadedFile

from hrcities.archive.api.common import LD_JSON
from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.csvfiles import MAX_BYTES, RowError, size_message
from hrcities.core.problems import rows_refused

from ..exchange import (
    PROGRAMME_COLUMNS,
    SESSION_COLUMNS,
    ImportRefused,
    export_programmes_chunks,
    export_sessions_chunks,
    import_programmes_csv,
    import_sessions_csv,
)
from ..jsonld import dump_chunks
from .schemas import EducationImportReportOut

router = Router()


def _csv(chunks: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CSV_RESPONSE = {"responses": {200: {"content": {"text/csv": {}}}}}


@router.get(
    "/programmes.csv",
    auth=read_auth,
    summary="Programmes you may see as CSV (the format the import reads back)",
    response={200: str},
    openapi_extra=CSV_RESPONSE,
)
def programmes_csv(request: HttpRequest, city: str | None = None) -> Any:
    return _csv(export_programmes_chunks(api_user(request), city=city), "education-programmes.csv")


@router.get(
    "/sessions.csv",
    auth=read_auth,
    summary="Sessions of the programmes you may see as CSV (the format the import reads back)",
    response={200: str},
    openapi_extra=CSV_RESPONSE,
)
def sessions_csv(request: HttpRequest, city: str | None = None) -> Any:
    return _csv(export_sessions_chunks(api_user(request), city=city), "education-sessions.csv")


@router.get(
    "/dump.jsonld",
    auth=read_auth,
    summary="Every programme you may see, with sessions and materials, as one JSON-LD graph",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def dump(request: HttpRequest) -> Any:
    response = StreamingHttpResponse(
        dump_chunks(api_user(request), request), content_type=f"{LD_JSON}; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="education.jsonld"'
    return response


def _import(request: HttpRequest, file: UploadedFile, run: Any) -> Any:
    if file.size and file.size > MAX_BYTES:  # refused unread
        return rows_refused(request, [RowError(0, "", size_message(file.size, MAX_BYTES))])
    try:
        return run(file.read(), by=api_user(request))
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)


@router.post(
    "/programmes/import",
    response={200: EducationImportReportOut},
    auth=write_auth,
    summary="Add and change programmes from CSV: all rows or none",
    description="Multipart form: `file`, with the columns of the export ("
    + ", ".join(PROGRAMME_COLUMNS)
    + "). Rows with an id change that programme (the `version` must still match); rows "
    "without one add drafts. `status` is not read back: publishing is its own act. If any "
    "row is bad nothing changes, and the answer is 422 listing every bad row and column.",
)
def import_programmes(request: HttpRequest, file: File[UploadedFile]) -> Any:
    return _import(request, file, import_programmes_csv)


@router.post(
    "/sessions/import",
    response={200: EducationImportReportOut},
    auth=write_auth,
    summary="Add and change sessions from CSV: all rows or none",
    description="Multipart form: `file`, with the columns of the export ("
    + ", ".join(SESSION_COLUMNS)
    + "). `counts` reads like sex:female=12;sex:male=8. If any row is bad nothing changes, "
    "and the answer is 422 listing every bad row and column.",
)
def import_sessions(request: HttpRequest, file: File[UploadedFile]) -> Any:
    return _import(request, file, import_sessions_csv)
