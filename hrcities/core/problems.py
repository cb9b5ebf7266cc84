"""RFC 9457 problem details, for API errors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

PROBLEM_TYPES = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "edit-conflict",
    413: "too-large",
    422: "invalid-input",
    429: "too-many-requests",
}


def problem_response(
    request: HttpRequest, *, status: int, title: str, detail: str, **extra: Any
) -> JsonResponse:
    body = {
        "type": f"/api/problems/{PROBLEM_TYPES.get(status, 'error')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def invalid_input(request: HttpRequest, errors: list[dict[str, str]]) -> JsonResponse:
    """Answer 422 naming each field at fault: `errors` holds `field` and `detail`."""
    from django.utils.translation import gettext as _

    return problem_response(
        request,
        status=422,
        title=_("Invalid input"),
        detail="; ".join(f"{e['field']}: {e['detail']}" for e in errors),
        errors=errors,
    )


def rows_refused(request: HttpRequest, errors: list[Any]) -> JsonResponse:
    """Answer an all-or-nothing import that was refused: 422, naming every bad row and column.

    `errors` are row errors with `row`, `column` and `message` (both CSV importers' RowError),
    and `file` when the import read several files.
    """
    from django.utils.translation import gettext as _

    return problem_response(
        request,
        status=422,
        title=_("The file was not imported"),
        detail=_("%(n)s problem(s) found; nothing was changed.") % {"n": len(errors)},
        errors=[
            {"row": e.row, "field": e.column, "detail": e.message}
            | ({"file": e.file} if getattr(e, "file", "") else {})
            for e in errors
        ],
    )
