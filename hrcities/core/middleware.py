from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .context import current_request


class SecurityHeadersMiddleware:
    """Send the Content-Security-Policy and a restrictive Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/admin/") or request.path.startswith("/api/docs"):
            # Django's admin and the API docs page use inline scripts and styles.
            policy = settings.CONTENT_SECURITY_POLICY.replace(
                "script-src 'self'", "script-src 'self' 'unsafe-inline'"
            ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        else:
            policy = settings.CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


class RequestContextMiddleware:
    """Make the current request known to services for audit entries."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class PrivateResponsesMiddleware:
    """Send `Cache-Control: private, no-store` with every answer to a signed-in user or an
    API token.

    What such a reader sees depends on their rights (restricted testimonies, real names,
    drafts, redacted words shown to keepers), so no shared cache may keep it for the next
    visitor, and no browser may keep it after a withdrawal or sign-out. Anonymous
    answers show only what is public to everyone and keep their caching (the page cache,
    the media files' own headers).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_personal(request):
            response["Cache-Control"] = "private, no-store"
        return response


def is_personal(request: HttpRequest) -> bool:
    """Whether the answer to this request may depend on who is asking."""
    user = getattr(request, "user", None)
    return bool(request.headers.get("Authorization")) or bool(
        user is not None and user.is_authenticated
    )


# Query parameters whose view cleans such characters itself, as its page does: a search
# for "survivors\x00" finds what "survivors" finds, on the page and through the API alike.
CLEANED_BY_THE_VIEW = {("/api/search", "q")}


class ApiTextMiddleware:
    """Answer an API request whose address carries a character no text of the platform
    may hold (NUL and the other controls XML cannot carry, which PostgreSQL refuses too)
    before any view sends it to the database: a path that has one names no record (404),
    a query parameter that has one is refused naming it (422)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            from django.utils.translation import gettext as _

            from .problems import invalid_input, problem_response
            from .validation import text_problem

            if text_problem(request.path):
                return problem_response(
                    request, status=404, title=_("Not found"), detail=_("No such record.")
                )
            errors = [
                {"field": f"query.{name}", "detail": problem}
                for name, values in request.GET.lists()
                if (request.path, name) not in CLEANED_BY_THE_VIEW
                for text in (name, *values)
                if (problem := text_problem(text))
            ]
            if errors:
                return invalid_input(request, errors)
        return self.get_response(request)
