"""Who must sign in with a second factor: the one rule, asked by the middleware and pages.

Accounts sits below the archive, so the archive tells this module who keeps restricted
records (`register_restricted_keeping`, from the archive's AppConfig.ready()).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from hrcities.core.models import NetworkSettings

from ..permissions import is_network_admin

# Each answers: does this signed-in user edit or review for an owner of restricted records?
_keeps_restricted: list[Callable[[Any], bool]] = []


def register_restricted_keeping(check: Callable[[Any], bool]) -> None:
    """Add a check of whether a user keeps restricted records (called once per app)."""
    if check not in _keeps_restricted:
        _keeps_restricted.append(check)


def keeps_restricted_records(user: Any) -> bool:
    return any(check(user) for check in _keeps_restricted)


def must_use_two_factor(user: Any) -> bool:
    """Return whether the network requires this user to sign in with an authenticator app.

    When the network asks for it: every network admin, and every editor and reviewer of a
    city or organisation that owns restricted archive records. Nobody else.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if not NetworkSettings.current().require_two_factor_for_keepers:
        return False
    return is_network_admin(user) or keeps_restricted_records(user)


def why_required() -> str:
    return _(
        "The network asks everyone who keeps restricted archive records to sign in with "
        "an authenticator app. Set one up to continue."
    )
