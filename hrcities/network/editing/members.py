"""Memberships of a city or organisation in a network, and their focal points (the
member's editors and network admins)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import can_edit, require_create_in, require_edit
from hrcities.core.editing import confirm_page, form_page

from .. import services
from ..forms import FocalPointCreateForm, FocalPointForm, MembershipCreateForm, MembershipForm
from ..models import City, FocalPoint, Membership, Organisation

SUBNAV = "network/_subnav.html"


def get_membership(pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("network", "city", "organisation"), pk=pk
    )


def get_focal_point(pk: int) -> FocalPoint:
    return get_object_or_404(
        FocalPoint.objects.select_related(
            "membership__network", "membership__city", "membership__organisation"
        ),
        pk=pk,
    )


def _membership_url(membership: Membership) -> str:
    return reverse("network:membership-detail", args=[membership.pk])


def _join(request: HttpRequest, member: Any, **owner: Any) -> HttpResponse:
    require_create_in(request.user, **owner)
    form = MembershipCreateForm(request.POST or None, member=member)
    return form_page(
        request,
        form,
        title=_("Add %(member)s to a network") % {"member": member.name},
        button=_("Add the membership"),
        back=member.get_absolute_url(),
        save=lambda form: services.add_membership(
            form.cleaned_data["network"], by=request.user, **owner, **form.changes()
        ),
        done=_("The membership was added. Name its focal points below."),
        next_url=_membership_url,
        subnav=SUBNAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_membership_create(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    return _join(request, city, city=city)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_membership_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return _join(request, organisation, organisation=organisation)


def membership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership(pk)
    context = {
        "membership": membership,
        "focal_points": membership.focal_points.all(),
        "may_edit": can_edit(request.user, membership),
    }
    return render(request, "network/membership_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership(pk)
    require_edit(request.user, membership)
    back = _membership_url(membership)
    return form_page(
        request,
        MembershipForm(request.POST or None, initial=MembershipForm.initial_for(membership)),
        title=_("Edit the membership of %(member)s in %(network)s")
        % {"member": membership.member.name, "network": membership.network.name},
        button=_("Save"),
        back=back,
        save=lambda form: services.update_membership(
            membership,
            form.changes(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The membership was saved."),
        next_url=lambda _membership: back,
        subnav=SUBNAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership(pk)
    require_edit(request.user, membership)
    names = {"member": membership.member.name, "network": membership.network.name}
    consequences = [
        _("%(member)s is no longer listed as a member of %(network)s.") % names,
        _("Its last state stays in the history of changes and can be restored."),
    ]
    count = membership.focal_points.count()
    if count:
        consequences.insert(1, _("Its focal points (%(n)s) are deleted with it.") % {"n": count})
    return confirm_page(
        request,
        title=_("Delete the membership of %(member)s in %(network)s?") % names,
        consequences=consequences,
        button=_("Delete the membership"),
        action=lambda: services.delete_membership(membership, by=request.user),
        done=_("The membership of %(member)s in %(network)s was deleted.") % names,
        back=_membership_url(membership),
        next_url=membership.member.get_absolute_url(),
        subnav=SUBNAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_membership(pk)
    require_edit(request.user, membership)
    return form_page(
        request,
        FocalPointCreateForm(request.POST or None),
        title=_("Add a focal point for %(member)s in %(network)s")
        % {"member": membership.member.name, "network": membership.network.name},
        intro=_("The person the network contacts. Their email is shown on the public pages."),
        button=_("Add the focal point"),
        back=_membership_url(membership),
        save=lambda form: services.add_focal_point(membership, by=request.user, **form.changes()),
        done=_("The focal point was added."),
        next_url=lambda _focal_point: _membership_url(membership),
        subnav=SUBNAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    focal_point = get_focal_point(pk)
    require_edit(request.user, focal_point)
    back = _membership_url(focal_point.membership)
    return form_page(
        request,
        FocalPointForm(request.POST or None, initial=FocalPointForm.initial_for(focal_point)),
        title=_("Edit the focal point %(name)s") % {"name": focal_point.name},
        button=_("Save"),
        back=back,
        save=lambda form: services.update_focal_point(
            focal_point,
            form.changes(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The focal point was saved."),
        next_url=lambda _focal_point: back,
        subnav=SUBNAV,
    )


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_delete(request: HttpRequest, pk: int) -> HttpResponse:
    focal_point = get_focal_point(pk)
    require_edit(request.user, focal_point)
    back = _membership_url(focal_point.membership)
    return confirm_page(
        request,
        title=_("Delete the focal point %(name)s?") % {"name": focal_point.name},
        consequences=[
            _("%(name)s is no longer listed as a contact of %(member)s.")
            % {"name": focal_point.name, "member": focal_point.membership.member.name},
            _("Its last state stays in the history of changes and can be restored."),
        ],
        button=_("Delete the focal point"),
        action=lambda: services.delete_focal_point(focal_point, by=request.user),
        done=_("The focal point %(name)s was deleted.") % {"name": focal_point.name},
        back=back,
        next_url=back,
        subnav=SUBNAV,
    )
