"""The signed-in person's own account: details, roles, API tokens, password; and the sign-in
pause."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from hrcities.core.forms import add_model_errors

from ..forms import AccountDetailsForm, PasswordChangeForm, TokenForm
from ..models import ApiToken, User
from ..services import change_account_details, create_api_token, revoke_api_token


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
def account_details(request: HttpRequest) -> HttpResponse:
    """The person's own name, email address and language."""
    # The form edits a copy, so the service compares the signed-in account with what came.
    form = AccountDetailsForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = change_account_details(
                request.user, {f: form.cleaned_data[f] for f in form.Meta.fields}
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            if changed:
                messages.success(request, _("Your details were saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/account_details.html", {"form": form})


@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Another user's token id answers 404, as if it did not exist.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if request.method == "POST":
        revoke_api_token(token, by=request.user)
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return redirect("accounts:profile")
    return render(request, "accounts/token_revoke_confirm.html", {"token": token})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """Answer a sign-in attempt while its user name and address are paused (django-axes)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
