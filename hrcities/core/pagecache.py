"""The public page cache: pages as an anonymous visitor sees them, kept until the data
changes.

Most visits are anonymous reads of pages that change only when someone edits a record,
and a page takes tens of milliseconds of templates and queries to make. This cache keeps
the rendered page per address, language and day, under the number of the platform's
data version (`ContentVersion`). Every committed write to the database, through any
model, queryset update, bulk load or raw statement of a Django process, raises that
number once per transaction, so no page outlives the change that would alter it: a
withdrawn testimony is gone from the next page view, as it is from the API. The day is in
the key because some rules read the date (an embargo lifts at midnight).

Only requests with no session and no pending message are served from or stored in the
cache (a signed-in user or one with a message sees their own page), and only complete
200 HTML responses that set no cookie but the CSRF one are stored. A cached page's CSRF
form tokens are replaced by a fresh one for each visitor.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_TABLE = "core_contentversion"
# Writes that change no page: sessions, and the version itself.
IGNORED_TABLES = {"django_session", VERSION_TABLE}
WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)',
    re.IGNORECASE,
)
# The cookies an anonymous visitor may carry and still get the shared page.
SHARED_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_MARK = b"\x00csrf\x00"
# Never cached, whatever they answer: the accounts, admin and API have their own rules.
UNCACHED_PREFIXES = ("/accounts/", "/admin/", "/api/", "/i18n/", "/static/", "/media/")


# --- the data version --------------------------------------------------------------------


def note_writes(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
    """Database execute wrapper: after a write to any table that pages show, raise the
    data version once the transaction commits (at once outside a transaction)."""
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match and match.group(1).lower() not in IGNORED_TABLES:
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump(connection.alias)
        elif not _bump_is_pending(connection):
            connection.on_commit(_marker(connection))
            connection._hrcities_pending = len(connection.run_on_commit) - 1
    return result


def _marker(connection: Any) -> Callable[[], None]:
    """Return this connection's own bump callback."""
    marker = getattr(connection, "_hrcities_bump", None)
    if marker is None:
        marker = partial(bump, connection.alias)
        connection._hrcities_bump = marker
    return marker


def _bump_is_pending(connection: Any) -> bool:
    """Whether this transaction already has its bump waiting for the commit (one is
    enough). A rollback drops the waiting callbacks, and with them the bump."""
    at = getattr(connection, "_hrcities_pending", None)
    waiting = connection.run_on_commit
    return at is not None and at < len(waiting) and waiting[at][1] is _marker(connection)


def bump(alias: str = "default") -> None:
    """Raise the data version by one."""
    connections[alias]._hrcities_pending = None
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"UPDATE {VERSION_TABLE} SET number = number + 1 WHERE id = 1")
    except DatabaseError:
        # Before the core migrations have made the table there is no page to cache.
        logger.debug("no data version table yet")


def install(connection: Any, **_kwargs: Any) -> None:
    """connection_created receiver: watch every new connection's writes."""
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


def current_version(alias: str = "default") -> int | None:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT number FROM {VERSION_TABLE} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row else None


# --- the middleware ----------------------------------------------------------------------


def is_shared_request(request: HttpRequest) -> bool:
    """Whether this request would get the same page as any anonymous visitor."""
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and not request.path.startswith(UNCACHED_PREFIXES)
        and set(request.COOKIES) <= SHARED_COOKIES
        and not request.headers.get("Authorization")
        and not request.headers.get("HX-Request")
    )


def is_shared_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and not any(
            word in response.get("Cache-Control", "")
            for word in ("private", "no-store", "no-cache")
        )
    )


def page_key(request: HttpRequest, version: int) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"page:{version}:{timezone.localdate().isoformat()}:{language}:{digest}"


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the page cache, and store them there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_shared_request(request):
            return self.get_response(request)
        version = current_version()
        if version is None:
            return self.get_response(request)
        cache = caches["pages"]
        key = page_key(request, version)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            token = get_token(request).encode()
            response = HttpResponse(content.replace(CSRF_MARK, token), headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_shared_response(response):
            headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
            content = CSRF_FIELD.sub(rb"\1" + CSRF_MARK + rb"\2", response.content)
            cache.set(key, (content, headers))
            response["X-Page-Cache"] = "miss"
        return response
