"""Materials: files (checked by their content) and links, each with its licence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.archive.forms import merge_languages
from hrcities.core.forms import add_model_errors

from .. import queries, services
from ..forms import FIELD_FOR, MaterialForm
from ..models import Material, Programme
from .editing import confirm_page

INLINE_TYPES = ("image/", "audio/", "video/", "application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def material_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    if not services.may_record_sessions(user, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s add materials to “%(programme)s”.")
            % {"owner": programme.owner, "programme": programme}
        )
    session = None
    session_id = request.GET.get("session") or request.POST.get("session")
    if session_id:
        if not session_id.isdigit() or not programme.sessions.filter(pk=session_id).exists():
            raise Http404(_("This programme has no such session."))
        session = programme.sessions.get(pk=session_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = services.add_material(
                programme,
                by=user,
                titles=merge_languages(None, data["title_en"], data["title_ko"]),
                upload=data.get("file"),
                url=data.get("url") or "",
                language=data["language"],
                licence=data["licence"],
                licence_note=data["licence_note"],
                session=session,
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("“%(m)s” was added.") % {"m": material.title})
            return redirect(session or programme)
    context = {"programme": programme, "session": session, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "education/material_form.html", context, status=status)


def _material_for_user(request: HttpRequest, pk: int) -> Material:
    material = get_object_or_404(Material.objects.select_related("programme"), pk=pk)
    if not queries.visible_programmes(request.user).filter(pk=material.programme_id).exists():
        raise Http404(_("No such material."))
    return material


def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve a material's file to those who may see its programme."""
    material = _material_for_user(request, pk)
    if not material.file:
        return redirect(material.url)
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from the store.")) from None
    inline = material.content_type.startswith(INLINE_TYPES)
    response = FileResponse(
        handle,
        content_type=material.content_type,
        as_attachment=not inline,
        filename=material.original_name or material.file.name.rpartition("/")[2],
    )
    response["X-Content-Type-Options"] = "nosniff"
    public = Programme.objects.visible_to(AnonymousUser()).filter(pk=material.programme_id).exists()
    response["Cache-Control"] = "private, max-age=300" if public else "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    material = _material_for_user(request, pk)
    programme = material.programme
    if not services.may_record_sessions(user, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s delete materials of “%(programme)s”.")
            % {"owner": programme.owner, "programme": programme}
        )
    back = (material.session or programme).get_absolute_url()
    return confirm_page(
        request,
        record=material,
        title=_("Delete “%(m)s”") % {"m": material.title},
        consequences=[
            _("The material and its file are deleted for good."),
            _("Adaptations that listed the same link keep their own copy."),
        ],
        button=_("Delete the material"),
        action=lambda: services.delete_material(material, by=user),
        done=_("“%(m)s” was deleted.") % {"m": material.title},
        back=back,
        next_url=back,
    )
