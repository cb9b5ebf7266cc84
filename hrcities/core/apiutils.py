"""What every API router shares: authentication, pagination, checked input, problem details."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import PaginationBase
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import AfterValidator, field_validator
from pydantic_core import PydanticCustomError

from hrcities.core import validation


class TokenAuth(HttpBearer):
    """`Authorization: Bearer hrc_...` with a token from the account page."""

    openapi_description = "An API token created on the account page (shown once)."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # Tokens belong to the accounts app, which sits above core (API_TOKEN_USER).
        user = import_string(settings.API_TOKEN_USER)(token)
        if user is None:
            # Ninja tries the next scheme after a refusal; the 401 handler reports this reason.
            request.auth_problem = _("The API token is unknown, expired or revoked.")  # type: ignore[attr-defined]
            return None
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session of a signed-in user (writes need the CSRF token)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class OptionalAuth(TokenAuth):
    """Read endpoints: anyone may call them; a token or session shows more."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = self.authenticate(request, header.split(" ", 1)[1].strip())
            if user is None:
                raise AuthenticationError()
            return user
        return getattr(request, "user", None) or AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
write_auth = [token_auth, session_auth]
read_auth = OptionalAuth()


def api_user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None) or getattr(request, "user", None) or AnonymousUser()


def _refuse_shadowed_paths(paths: Iterable[str], owner: str) -> None:
    """Refuse a path that an earlier pattern would take (`/measures/{id}` before
    `/measures/import`): Django tries the patterns in order, so its methods would answer 405."""
    earlier: list[tuple[str, re.Pattern[str]]] = []
    for path in paths:
        for pattern_path, pattern in earlier:
            if pattern_path != path and pattern.fullmatch(path):
                raise ValueError(f"{owner}: {pattern_path} comes before {path} and takes it")
        regex = re.sub(r"\\{[^}]*\\}", "[^/]+", re.escape(path))
        earlier.append((path, re.compile(regex)))


def router_of_parts(parts: Iterable[Router], *, tag: str, operation_id_prefix: str) -> Router:
    """Return one Router that mounts an app's routers, one per resource, in the order given.

    The order of the parts is the order of their URL patterns, so a fixed path such as
    `/actions/import` must come before a pattern that would take it (`/actions/{action_id}`).
    Operation ids are public (clients are generated from them), so they keep the names they
    had when the app's API was one module.
    """
    parts = list(parts)
    _refuse_shadowed_paths(
        [path for part in parts for path in part.path_operations], operation_id_prefix
    )
    router = Router(tags=[tag])
    seen: set[str] = set()
    for part in parts:
        for path, path_view in part.path_operations.items():
            # Django tries the patterns in order: a second part serving the same path would
            # never be reached, and its methods would answer 405.
            if path in seen:
                raise ValueError(f"{operation_id_prefix}: the path {path} is in two parts")
            seen.add(path)
            for operation in path_view.operations:
                operation.operation_id = operation.operation_id or (
                    operation_id_prefix + operation.view_func.__name__
                )
        router.add_router("", part)
    return router


class Page(Schema):
    count: int
    limit: int
    offset: int
    items: list[Any]


class LimitOffset(PaginationBase):
    """`?limit=&offset=`; answers with the total count and one page of items."""

    class Input(Schema):
        limit: int = 50
        offset: int = 0

    class Output(Schema):
        count: int
        limit: int
        offset: int
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(self, queryset: Any, pagination: Input, **params: Any) -> dict:
        from ninja.errors import ValidationError

        errors = []
        if not 1 <= pagination.limit <= 500:
            errors.append({"loc": ["query", "limit"], "msg": _("limit must be between 1 and 500")})
        if pagination.offset < 0:
            errors.append({"loc": ["query", "offset"], "msg": _("offset cannot be negative")})
        if errors:
            raise ValidationError(errors)
        # Lists are counted by length; querysets and lazy pages by their count().
        count = len(queryset) if isinstance(queryset, list | tuple) else queryset.count()
        # Past the end the page is empty, however far: an offset beyond what the database's
        # integers hold never reaches it.
        items = (
            queryset[pagination.offset : pagination.offset + pagination.limit]
            if pagination.offset < count
            else []
        )
        return {
            "count": count,
            "limit": pagination.limit,
            "offset": pagination.offset,
            "items": list(items),
        }


# --- checked input --------------------------------------------------------------------
# The API checks what it is sent with the same rules as the forms (hrcities.core.validation),
# so a value one channel refuses cannot come in through the other. A refusal is a 422
# problem naming the field, in the words the form would use.


def _checked(check: Callable[[Any], Any]) -> AfterValidator:
    def run(value: Any) -> Any:
        try:
            check(value)
        except DjangoValidationError as error:
            raise PydanticCustomError("invalid_input", " ".join(error.messages)) from None
        return value

    return AfterValidator(run)


Text = Annotated[str, _checked(validation.check_text)]
LanguageCode = Annotated[str, _checked(validation.check_language)]
DateText = Annotated[str, _checked(validation.check_date)]


class InputSchema(Schema):
    """A request body whose every text (keys of objects too) XML can carry: no control
    characters, U+FFFE, U+FFFF or lone surrogates, which would break feeds and exports."""

    @field_validator("*", mode="after")
    @classmethod
    def _text_xml_can_carry(cls, value: Any) -> Any:
        problem = validation.value_problem(value)
        if problem:
            raise PydanticCustomError("invalid_input", problem)
        return value


def joined_router(parts: Any, *, tag: str, operation_id_prefix: str) -> Router:
    """Return one router made of the routers of `parts` (modules), in their order.

    Operation ids are public (clients are generated from them): each is the prefix and
    the view's name, as when an app's API was one module.
    """
    router = Router(tags=[tag])
    _refuse_shadowed_paths(
        [path for part in parts for path in part.router.path_operations], operation_id_prefix
    )
    for part in parts:
        for path_view in part.router.path_operations.values():
            for operation in path_view.operations:
                operation.operation_id = operation.operation_id or (
                    operation_id_prefix + operation.view_func.__name__
                )
        router.add_router("", part.router)
    return router
