"""Hold back a signed-in session until its two-factor duty is done.

- A user with an authenticator app whose session has not given a code (a session from
  before the app was added) is signed out and asked to sign in again, with a code.
- A user the network requires to use an app (requirement.must_use_two_factor) and who has
  none reaches only the set-up page, sign-out and the language switch.

Requests with an API token are the token's (see this package's docstring).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hrcities.core.problems import problem_response

from .requirement import must_use_two_factor, why_required
from .services import has_two_factor

# Pages a user may reach while they still owe a second factor.
OPEN_VIEWS = {
    "accounts:logout",
    "accounts:two-factor-setup",
    "accounts:two-factor-sign-in",
    "set_language",
}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.headers.get("Authorization"):
            return None
        if user.is_verified() or request.resolver_match.view_name in OPEN_VIEWS:
            return None
        is_api = request.path.startswith("/api/")
        if has_two_factor(user):
            logout(request)
            if is_api:
                return problem_response(
                    request,
                    status=401,
                    title=_("Not signed in"),
                    detail=_("Sign in again with a code from your authenticator app."),
                )
            messages.info(
                request,
                _("Your account now asks for a code from your authenticator app: sign in again."),
            )
            login = reverse("accounts:login")
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if not must_use_two_factor(user):
            return None
        if is_api:
            return problem_response(
                request, status=403, title=_("Two-factor sign-in required"), detail=why_required()
            )
        # The set-up page says why it is shown.
        return redirect("accounts:two-factor-setup")
