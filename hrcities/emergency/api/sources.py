"""Where a measure can be read: its sources (links, and files checked by their content)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.validation import check_fields

from .. import services
from ..models import Source
from .common import source_out, visible_measure
from .schemas import SourceOut

router = Router()


def _visible_source(user: Any, measure_id: int, source_id: int) -> Source:
    """Return a source of a measure the user may see; 404 otherwise."""
    source = visible_measure(user, measure_id).sources.filter(pk=source_id).first()
    if source is None:
        raise Http404(
            _("No source %(source)s of a measure %(measure)s you may see.")
            % {"source": source_id, "measure": measure_id}
        )
    return source


@router.get(
    "/measures/{measure_id}/sources",
    response=list[SourceOut],
    auth=read_auth,
    summary="A measure's sources: links, and files served to the measure's readers",
)
def list_sources(request: HttpRequest, measure_id: int) -> Any:
    measure = visible_measure(api_user(request), measure_id)
    return [source_out(s, request) for s in measure.sources.all()]


@router.post(
    "/measures/{measure_id}/sources",
    response={201: SourceOut},
    auth=write_auth,
    summary="Add a source to a measure: a link or a file",
    description="Multipart form: `file` or `url`, not both; optional `title_en`, `title_ko`. "
    "A file is checked by its content, not its name: a PDF, text or image file whose "
    "content is not what its extension says is refused (422 naming `file`). Those who may "
    "change the measure add sources (403 for others, 404 for a measure you may not see).",
)
def add_source(
    request: HttpRequest,
    measure_id: int,
    file: File[UploadedFile] = None,  # type: ignore[assignment]
    url: Form[str] = "",
    title_en: Form[str] = "",
    title_ko: Form[str] = "",
) -> Any:
    check_fields(url=url, title_en=title_en, title_ko=title_ko)
    user = api_user(request)
    source = services.add_source(
        visible_measure(user, measure_id),
        by=user,
        titles={"en": title_en, "ko": title_ko},
        upload=file,
        url=url,
    )
    return Status(201, source_out(source, request))


@router.delete(
    "/measures/{measure_id}/sources/{source_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a source of a measure (and its file)",
    description="Those who may change the measure delete its sources (403 for others).",
)
def delete_source(request: HttpRequest, measure_id: int, source_id: int) -> Any:
    user = api_user(request)
    services.delete_source(_visible_source(user, measure_id, source_id), by=user)
    return Status(204, None)
