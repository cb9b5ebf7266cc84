"""Pages of two-factor sign-in: the code after the password, setting up and removing an app,
new recovery codes."""

from __future__ import annotations

import time
from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from .forms import RemoveForm, SetupCodeForm, SignInCodeForm
from .qr import qr_svg
from .requirement import must_use_two_factor, why_required
from .services import (
    CodeRefused,
    check_code,
    confirm_app,
    confirmed_app,
    has_two_factor,
    remove_two_factor,
    renew_recovery_codes,
    secret_for_typing,
    start_app_setup,
)

# Who gave the right password and now owes a code; kept in their (not yet signed-in) session.
PENDING = "two_factor_pending"
PENDING_SECONDS = 600


class SignInView(auth_views.LoginView):
    """The password step. A user with an authenticator app is signed in only after a code."""

    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not has_two_factor(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return redirect("accounts:two-factor-sign-in")


def _pending_user(request: HttpRequest) -> tuple[Any, dict] | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in with your user name and password first."))
        return redirect("accounts:login")
    user, pending = found
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = check_code(user, form.cleaned_data["code"])
        except CodeRefused as error:
            form.add_error("code", error)
            audit(
                AuditEntry.Action.SIGN_IN_FAILED,
                target=user,
                details={"step": "two-factor code", "reason": error.code},
            )
        else:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            if device.persistent_id.startswith("otp_static."):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(left)s are left. Make new ones on your "
                        "account page if you are running out."
                    )
                    % {"left": left},
                )
            return redirect(pending["next"])
    return render(request, "accounts/twofactor/sign_in_code.html", {"form": form})


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan or type the secret, then confirm with a code."""
    if has_two_factor(request.user):
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect("accounts:profile")
    device = start_app_setup(request.user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_app(device, form.cleaned_data["code"])
        except CodeRefused as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            return render(
                request,
                "accounts/twofactor/recovery_codes.html",
                {"codes": codes, "just_added": True},
            )
    return render(
        request,
        "accounts/twofactor/setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url, label=_("QR code to scan with your authenticator app")),
            "secret": secret_for_typing(device),
            "required": why_required() if must_use_two_factor(request.user) else "",
        },
    )


@login_required
def remove(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, after asking, with a current code or the password."""
    if not has_two_factor(request.user):
        return redirect("accounts:profile")
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            remove_two_factor(
                request.user,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/twofactor/remove_confirm.html",
        {"form": form, "required": must_use_two_factor(request.user)},
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Make new recovery codes, after asking (the old ones stop working)."""
    if confirmed_app(request.user) is None:
        return redirect("accounts:profile")
    if request.method == "POST":
        codes = renew_recovery_codes(request.user)
        return render(request, "accounts/twofactor/recovery_codes.html", {"codes": codes})
    return render(request, "accounts/twofactor/recovery_codes_confirm.html")
