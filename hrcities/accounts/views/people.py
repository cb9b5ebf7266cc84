"""The People pages: who holds which role, and what a network admin or an editor may
change about them (roles in their scope, deactivation). Nobody is ever deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrcities.core.forms import add_model_errors

from ..forms import GrantRoleForm, RoleScopeForm
from ..models import Role, RoleAssignment, people_matching
from ..permissions import (
    deactivation_refusal,
    get_person_for_user,
    get_role_for_user,
    grantable_roles,
    is_network_admin,
    managed_invitations,
    managed_people,
    managed_roles,
    managed_scope_filter,
    require_people_manager,
)
from ..services import change_role, deactivate_user, grant_role, reactivate_user, revoke_role
from ..twofactor.services import clear_refusal, clear_two_factor, has_two_factor

PAGE_SIZE = 25
OPEN_INVITATIONS_SHOWN = 10


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    require_people_manager(request.user)
    q = request.GET.get("q", "").strip()
    roles = RoleAssignment.objects.select_related("city", "organisation").order_by("role")
    if not is_network_admin(request.user):
        roles = roles.filter(managed_scope_filter(request.user))
    people = people_matching(managed_people(request.user), q).prefetch_related(
        Prefetch("roles", queryset=roles, to_attr="shown_roles")
    )
    page = Paginator(people.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    invitations = managed_invitations(request.user).open().select_related("city", "organisation")
    if q:
        invitations = invitations.filter(email__icontains=q)
    return render(
        request,
        "accounts/people_list.html",
        {
            "page": page,
            "q": q,
            "invitations": invitations[:OPEN_INVITATIONS_SHOWN],
            "more_invitations": invitations.count() > OPEN_INVITATIONS_SHOWN,
            "grant_form": GrantRoleForm(by=request.user),
        },
    )


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    """The former roles page: the People page has taken its place."""
    return redirect("accounts:people", permanent=True)


@login_required
def role_grant(request: HttpRequest, username: str | None = None) -> HttpResponse:
    """Give a role: to a person on their page, or to an account named on the People page."""
    require_people_manager(request.user)
    person = get_person_for_user(request.user, username) if username else None
    form_class = RoleScopeForm if person else GrantRoleForm
    form = form_class(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = person or data["account"]
        try:
            grant_role(
                person,
                data["role"],
                by=request.user,
                city=data["city"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("Role granted to %(person)s.") % {"person": person})
            return redirect("accounts:person-detail", person.get_username())
    return render(request, "accounts/role_grant.html", {"form": form, "person": person})


@login_required
def person_detail(request: HttpRequest, username: str) -> HttpResponse:
    require_people_manager(request.user)
    person = get_person_for_user(request.user, username)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "roles": managed_roles(request.user, person),
            "role_choices": [
                (v, label) for v, label in grantable_roles(request.user) if v != Role.ADMIN
            ],
            "grant_form": RoleScopeForm(by=request.user),
            "refusal": deactivation_refusal(request.user, person),
            "has_two_factor": has_two_factor(person),
            "may_clear_two_factor": not clear_refusal(request.user, person),
            "invitation": person.invitations_accepted.first(),
        },
    )


@login_required
@require_POST
def role_change(request: HttpRequest, role_id: int) -> HttpResponse:
    require_people_manager(request.user)
    assignment = get_role_for_user(request.user, role_id)
    try:
        change_role(assignment, request.POST.get("role", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role changed."))
    return redirect("accounts:person-detail", assignment.user.get_username())


@login_required
def role_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    require_people_manager(request.user)
    assignment = get_role_for_user(request.user, role_id)
    person = assignment.user
    if request.method == "POST":
        try:
            revoke_role(assignment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role revoked."))
        if managed_people(request.user).filter(pk=person.pk).exists():
            return redirect("accounts:person-detail", person.get_username())
        return redirect("accounts:people")
    return render(request, "accounts/role_revoke_confirm.html", {"assignment": assignment})


def person_unless_refused(
    request: HttpRequest, username: str, refusal_for: Callable[[Any, Any], str]
) -> Any:
    """The person an act on their page is for; 403 with the reason when it is refused."""
    require_people_manager(request.user)
    person = get_person_for_user(request.user, username)
    refusal = refusal_for(request.user, person)
    if refusal:
        raise PermissionDenied(refusal)
    return person


@login_required
def person_activation(request: HttpRequest, username: str, *, activate: bool) -> HttpResponse:
    """Ask, then deactivate (or reactivate) a person's account."""
    person = person_unless_refused(request, username, deactivation_refusal)
    if request.method == "POST":
        if activate:
            reactivate_user(person, by=request.user)
            messages.success(request, _("%(person)s can sign in again.") % {"person": person})
        else:
            deactivate_user(person, by=request.user)
            messages.success(request, _("%(person)s was deactivated.") % {"person": person})
        return redirect("accounts:person-detail", person.get_username())
    return render(
        request, "accounts/person_activation_confirm.html", {"person": person, "activate": activate}
    )


@login_required
def person_two_factor_remove(request: HttpRequest, username: str) -> HttpResponse:
    """Ask, then remove the authenticator app and recovery codes of a person who lost both."""
    person = person_unless_refused(request, username, clear_refusal)
    if request.method == "POST":
        clear_two_factor(person, by=request.user)
        messages.success(
            request,
            _("%(person)s now signs in with their password alone.") % {"person": person},
        )
        return redirect("accounts:person-detail", person.get_username())
    return render(
        request,
        "accounts/person_two_factor_remove_confirm.html",
        {"person": person, "has_two_factor": has_two_factor(person)},
    )
