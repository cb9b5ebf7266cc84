"""Attaching files to items."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from hrcities.core.apiutils import api_user, write_auth
from hrcities.core.validation import check_fields

from .. import curation, services
from ..models import Item, MediaFile
from .common import _media_out, _visible_item
from .schemas import MediaOut

router = Router()


@router.post(
    "/items/{item_id}/media",
    response={201: MediaOut},
    auth=write_auth,
    summary="Attach a file to an item",
    description="Multipart form: `file` (image, sound, video, PDF or text; the file's "
    "content decides its type, not its name; size limit ARCHIVE_MAX_UPLOAD_MB) and an "
    "optional `transcript`.",
)
def add_media(
    request: HttpRequest,
    item_id: int,
    file: File[UploadedFile],
    transcript: Form[str] = "",
) -> Any:
    check_fields(transcript=transcript)
    user = api_user(request)
    media = services.add_media(_visible_item(user, item_id), file, by=user, transcript=transcript)
    return Status(201, _media_out(media, request))


@router.delete(
    "/media/{media_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a file from its item (the item's editors and reviewers)",
    description="The stored file and its thumbnail are deleted for good (revisions keep no "
    "files); the removal is audited.",
)
def remove_media(request: HttpRequest, media_id: int) -> Any:
    user = api_user(request)
    media = get_object_or_404(MediaFile.objects.select_related("item"), pk=media_id)
    if not Item.objects.visible_to(user).filter(pk=media.item_id).exists():
        raise Http404("No such file.")
    curation.remove_media(media, by=user)
    return Status(204, None)
