"""Attaching files to items and serving them to those who may see the item."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_change, require_review
from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors

from .. import curation, services
from ..forms import MediaForm
from ..models import Item, MediaFile
from ..presenting import present_item, shown_title
from ..thumbnails import PDF, ensure_thumbnail
from .common import ARCHIVE_PAGE, FIELD_FOR, get_item_for_user

INLINE_TYPES = ("image/", "audio/", "video/", "application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def item_media_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    if not can_change(user, item):
        raise PermissionDenied(
            _(
                "You may not add files to “%(item)s”: contributors add files to drafts; "
                "once an item is submitted or published, its reviewers do."
            )
            % {"item": shown_title(item, user)}
        )
    form = MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            media = services.add_media(
                item,
                form.cleaned_data["file"],
                by=user,
                transcript=form.cleaned_data["transcript"],
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": media.original_name})
            return redirect(item)
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "form": form,
        "media": item.media.all(),
        "limit_mb": services.max_upload_bytes() // 1048576,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_media_add.html", context, status=status)


def _media_for_user(request: HttpRequest, pk: int) -> tuple[MediaFile, bool]:
    """Return a media file whose item the user may see (404 otherwise) and if it is public."""
    media = get_object_or_404(MediaFile, pk=pk)
    if not Item.objects.visible_to(request.user).filter(pk=media.item_id).exists():
        raise Http404(_("No such file."))
    return media, Item.objects.visible_to(AnonymousUser()).filter(pk=media.item_id).exists()


def _serve(stored: Any, content_type: str, filename: str, *, public: bool) -> FileResponse:
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from the store.")) from None
    inline = content_type.startswith(INLINE_TYPES)
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    if content_type == PDF:
        # The item's page shows a PDF in a frame: only the site's own pages may frame it.
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )
    # A shared cache must not keep what a withdrawal or a restriction has to hide at once.
    response["Cache-Control"] = "private, max-age=300" if public else "private, no-store"
    return response


def _file_name(media: MediaFile, user: Any) -> str:
    """Return the name a file is served under to this user (withheld words cut)."""
    return present_item(media.item, user).file_name(media)


def media_file(request: HttpRequest, pk: int) -> HttpResponse:
    media, public = _media_for_user(request, pk)
    name = _file_name(media, request.user)
    return _serve(media.file, media.content_type, name, public=public)


def media_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve a file's thumbnail to those who may see the file, making it on first request."""
    media, public = _media_for_user(request, pk)
    if not ensure_thumbnail(media):
        raise Http404(_("This file has no thumbnail."))
    name = _file_name(media, request.user)
    stem = name.rpartition(".")[0] or name
    return _serve(media.thumbnail, "image/jpeg", f"{stem}-thumbnail.jpg", public=public)


@login_required
@require_http_methods(["GET", "POST"])
def media_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    media, _public = _media_for_user(request, pk)
    item = media.item
    require_review(user, item)
    names = {"name": media.original_name, "item": shown_title(item, user)}
    return confirm_page(
        request,
        title=_("Remove “%(name)s” from “%(item)s”?") % names,
        consequences=[
            _("The stored file is deleted, with its thumbnail if it has one."),
            _("It cannot be undone: the history of changes keeps no files; keep a copy first."),
            _("The removal is recorded in the audit log."),
        ],
        button=_("Remove the file"),
        action=lambda: curation.remove_media(media, by=user),
        done=_("“%(name)s” was removed and its stored file deleted.") % names,
        back=item.get_absolute_url(),
        next_url=item.get_absolute_url(),
        context=ARCHIVE_PAGE,
    )
