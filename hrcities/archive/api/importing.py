"""Importing items from CSV with a ZIP of their files."""

from typing import Any

from django.http import HttpRequest
from ninja import File, Router
from ninja.files import UploadedFile

from hrcities.core.apiutils import api_user, write_auth
from hrcities.core.problems import rows_refused

from ..exchange import ImportRefused, import_archive
from .schemas import ArchiveImportReportOut

router = Router()


@router.post(
    "/import",
    response={200: ArchiveImportReportOut},
    auth=write_auth,
    summary="Import new items from CSV with a ZIP of their files: all rows or none",
    description="Multipart form: `csv` (columns kind, title_en, title_ko, original_language, "
    "date, city, organisation, collection, access, embargo_until, after_embargo, "
    "description_en, description_ko, transcript, narrator_pseudonym, narrator_real_name, "
    "real_name_may_be_shown, exact_location, hidden_fields, files) and optionally `zip` "
    "holding the files named in the `files` column (;-separated). Items are created as "
    "drafts. If any row or file is bad nothing is created, and the answer is 422 listing "
    "every bad row and column.",
)
def import_items(
    request: HttpRequest,
    csv: File[UploadedFile],
    zip: File[UploadedFile] = None,  # type: ignore[assignment]  # noqa: A002
) -> Any:
    try:
        report = import_archive(
            csv.read(), zip.file if zip is not None else None, by=api_user(request)
        )
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)
    return report
