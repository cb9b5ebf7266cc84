"""What the emergency pages share: who may add what, state changes from a page, and the
confirmation before a deletion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import REVIEW_ROLES
from hrcities.archive.views.common import _owners, contribute_owners
from hrcities.core.editing import confirm_page as core_confirm_page


def may_set_access(user: Any) -> bool:
    """Whether the user keeps some city or organisation (and so decides access)."""
    cities, organisations = _owners(user, REVIEW_ROLES)
    return cities.exists() or organisations.exists()


def owners_or_refuse(user: Any, what: str) -> tuple[Any, Any]:
    cities, organisations = contribute_owners(user)
    if not cities.exists() and not organisations.exists():
        raise PermissionDenied(
            _("You may add %(what)s only for a city or organisation you contribute to.")
            % {"what": what}
        )
    return cities, organisations


def may_add(user: Any) -> bool:
    cities, organisations = contribute_owners(user)
    return cities.exists() or organisations.exists()


def change_state(request: HttpRequest, record: Any, verb: Any, done: str) -> HttpResponse:
    """Submit or publish a record from its page; say what happened, or why not."""
    try:
        verb(record, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"record": record})
    return redirect(record)


def confirm_page(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """Ask before a deletion; do it when the box is ticked and sent."""
    page = {"subnav": "emergency/_subnav.html", "extra_head": "emergency/_extra_head.html"}
    return core_confirm_page(request, context=page, **kwargs)
