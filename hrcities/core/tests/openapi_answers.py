"""Every answer the API gives in the tests is one its OpenAPI document lists.

The root conftest wraps each test in `recording()`: every request the test client sends to
an API operation is looked up in the document by its path template and method, and a
status the operation's `responses` do not list fails the test, naming the operation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.test.client import Client
from django.urls import Resolver404, resolve

# Pages of the API that are not operations of the document.
NOT_OPERATIONS = ("/api/openapi.json", "/api/docs")


@cache
def documented_answers() -> dict[tuple[str, str], set[str]]:
    """The statuses each operation lists, by (path template, method)."""
    from config.api import openapi_document

    return {
        (path, method): set(operation["responses"])
        for path, operations in openapi_document()["paths"].items()
        for method, operation in operations.items()
    }


def path_template(path: str) -> str | None:
    """The document's path of the operation that serves `path` (None: not an operation)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", match.route)


def undocumented(method: str, path: str, status: int) -> str | None:
    """Say how an answer is not documented; None when it is, or when no operation served it."""
    if not path.startswith("/api/") or path.startswith(NOT_OPERATIONS):
        return None
    template = path_template(path)
    listed = documented_answers().get((template or "", method.lower()))
    if listed is None:
        return None
    if str(status) in listed:
        return None
    return f"{method.upper()} {template} answered {status}, documented: {', '.join(sorted(listed))}"


@contextmanager
def recording() -> Iterator[list[str]]:
    """Collect, while open, each undocumented answer the test client receives."""
    found: list[str] = []
    original = Client.request

    def request(self: Client, **environ: Any) -> Any:
        response = original(self, **environ)
        problem = undocumented(
            environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", ""), response.status_code
        )
        if problem:
            found.append(problem)
        return response

    Client.request = request  # type: ignore[method-assign]
    try:
        yield found
    finally:
        Client.request = original  # type: ignore[method-assign]
