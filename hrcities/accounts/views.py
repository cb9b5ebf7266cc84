from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import GrantRoleForm, TokenForm
from .models import ApiToken, RoleAssignment
from .permissions import require_network_admin
from .services import create_api_token, grant_role, revoke_api_token, revoke_role


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    new_key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, new_key = create_api_token(request.user, form.cleaned_data["name"])
        messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
        form = TokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": request.user.api_tokens.all(),
            "roles": request.user.roles.select_related("city", "organisation"),
        },
    )


@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Another user's token id answers 404, as if it did not exist.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if request.method == "POST":
        revoke_api_token(token, by=request.user)
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return redirect("accounts:profile")
    return render(request, "accounts/token_revoke_confirm.html", {"token": token})


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    form = GrantRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_role(
                data["user"],
                data["role"],
                by=request.user,
                city=data["city"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:role-list")
    assignments = RoleAssignment.objects.select_related("user", "city", "organisation").order_by(
        "user__username", "role"
    )
    return render(request, "accounts/role_list.html", {"form": form, "assignments": assignments})


@login_required
def role_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    require_network_admin(request.user)
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=role_id)
    if request.method == "POST":
        try:
            revoke_role(assignment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role revoked."))
        return redirect("accounts:role-list")
    return render(request, "accounts/role_revoke_confirm.html", {"assignment": assignment})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """Answer a sign-in attempt while its user name and address are paused (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
