"""Who may do what. Every write path asks these helpers; none decides on its own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Role

# Roles that may change a record in their scope, and those that may submit drafts.
EDIT_ROLES = {Role.EDITOR}
REVIEW_ROLES = {Role.EDITOR, Role.REVIEWER}
CONTRIBUTE_ROLES = {Role.EDITOR, Role.REVIEWER, Role.CONTRIBUTOR}


def is_network_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_network_admin


def has_scoped_role(
    user: Any, roles: set[str], *, city: Any = None, organisation: Any = None
) -> bool:
    """Return whether the user holds one of `roles` for exactly this city or organisation."""
    if not getattr(user, "is_authenticated", False) or (city is None and organisation is None):
        return False
    assignments = user.roles.filter(role__in=roles)
    if city is not None and assignments.filter(city=city).exists():
        return True
    return organisation is not None and assignments.filter(organisation=organisation).exists()


def can_edit(user: Any, record: Any) -> bool:
    """Return whether the user may change or delete this record."""
    if is_network_admin(user):
        return True
    city, organisation = record.scope()
    return has_scoped_role(user, EDIT_ROLES, city=city, organisation=organisation)


def can_create_in(user: Any, *, city: Any = None, organisation: Any = None) -> bool:
    """Return whether the user may create records for this city or organisation."""
    if is_network_admin(user):
        return True
    return has_scoped_role(user, EDIT_ROLES, city=city, organisation=organisation)


def require_edit(user: Any, record: Any) -> None:
    if not can_edit(user, record):
        raise PermissionDenied(
            _(
                "You may not change “%(record)s”: "
                "it belongs to a city or organisation you do not edit."
            )
            % {"record": record}
        )


def require_create_in(user: Any, *, city: Any = None, organisation: Any = None) -> None:
    if not can_create_in(user, city=city, organisation=organisation):
        raise PermissionDenied(
            _("You may not add records for %(scope)s: you are not one of its editors.")
            % {"scope": city or organisation or _("the whole network")}
        )


def require_network_admin(user: Any) -> None:
    if not is_network_admin(user):
        raise PermissionDenied(_("Only network admins may do this."))
