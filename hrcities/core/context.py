"""The request being served, for the audit log (who, from where) deep in services."""

from __future__ import annotations

from contextvars import ContextVar

from django.http import HttpRequest

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def client_ip(request: HttpRequest | None = None) -> str | None:
    request = request or current_request.get()
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
