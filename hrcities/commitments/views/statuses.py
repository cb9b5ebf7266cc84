"""The list of action statuses: adding, changing, ordering and deleting them (network
admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.editing import confirm_page, form_page

from .. import statuses
from ..models import ActionStatus
from ..part_forms import StatusForm

HEAD = "commitments/_extra_head.html"


def _list_url() -> str:
    return reverse("commitments:status-list")


@login_required
def status_list(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    rows = ActionStatus.objects.annotate(action_count=Count("actions")).order_by("position", "slug")
    return render(request, "commitments/status_list.html", {"statuses": rows})


@login_required
@require_http_methods(["GET", "POST"])
def status_create(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    return form_page(
        request,
        StatusForm(request.POST or None, initial=StatusForm.initial_for(None)),
        title=_("Add an action status"),
        intro=_("It goes at the end of the list; move it where it belongs afterwards."),
        button=_("Add the status"),
        back=_list_url(),
        save=lambda form: statuses.add_status(by=request.user, **form.changes()),
        done=_("The status was added."),
        next_url=lambda _status: _list_url(),
        extra_head=HEAD,
        field_for={"names": "name_en"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def status_edit(request: HttpRequest, pk: int) -> HttpResponse:
    status = get_object_or_404(ActionStatus, pk=pk)
    require_network_admin(request.user)
    return form_page(
        request,
        StatusForm(request.POST or None, initial=StatusForm.initial_for(status)),
        title=_("Edit the status “%(name)s”") % {"name": status.name},
        intro=_(
            "Every city's actions with this status change with it: its usual progress "
            "feeds every roll-up."
        ),
        button=_("Save"),
        back=_list_url(),
        save=lambda form: statuses.update_status(status, form.changes(), by=request.user),
        done=_("The status was saved."),
        next_url=lambda _status: _list_url(),
        extra_head=HEAD,
        field_for={"names": "name_en"},
    )


@login_required
@require_POST
def status_move(request: HttpRequest, pk: int) -> HttpResponse:
    status = get_object_or_404(ActionStatus, pk=pk)
    require_network_admin(request.user)
    statuses.move_status(status, by=request.user, up=request.POST.get("direction") == "up")
    messages.success(request, _("“%(name)s” was moved.") % {"name": status.name})
    return redirect(_list_url() + f"#status-{status.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def status_delete(request: HttpRequest, pk: int) -> HttpResponse:
    status = get_object_or_404(ActionStatus, pk=pk)
    require_network_admin(request.user)
    refusal = statuses.status_dependants(status)
    if refusal:
        refusal.append(statuses.renaming_hint())
    return confirm_page(
        request,
        title=_("Delete the status “%(name)s”?") % {"name": status.name},
        consequences=[_("Actions can no longer be given this status.")],
        refusal=refusal,
        button=_("Delete the status"),
        action=lambda: statuses.delete_status(status, by=request.user),
        done=_("The status “%(name)s” was deleted.") % {"name": status.name},
        back=_list_url(),
        next_url=_list_url(),
        extra_head=HEAD,
    )
