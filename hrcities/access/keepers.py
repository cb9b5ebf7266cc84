"""Who keeps a record: network admins, and the editors and reviewers of the city or
organisation that owns it. Contributors of that owner may change its drafts.

A record here is anything with `city_id` and `organisation_id` (one of them set) and,
for drafts, a `publication`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import (
    CONTRIBUTE_ROLES,
    REVIEW_ROLES,
    has_scoped_role,
    is_network_admin,
)

from .tiers import Publication


def managed_scope(user: Any, roles: Any = None) -> Q:
    """Records owned by a city or organisation where the user holds one of `roles`
    (by default: edits or reviews). The user must be signed in."""
    held = user.roles.filter(role__in=roles or REVIEW_ROLES)
    return Q(city__in=held.filter(city__isnull=False).values("city")) | Q(
        organisation__in=held.filter(organisation__isnull=False).values("organisation")
    )


def kept_filter(user: Any) -> Q:
    """A filter for the records this user keeps (nothing when signed out, all for admins)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q() if is_network_admin(user) else managed_scope(user)


def member_organisations(user: Any) -> Any:
    """The organisations the user holds any role in (a signed-in user)."""
    return user.roles.filter(organisation__isnull=False).values("organisation")


def kept_scopes(user: Any) -> frozenset[tuple[str, int]] | None:
    """Return the cities and organisations the user keeps records of (None: everything).

    Read once per user object, so lists of many records cost no query per record.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_kept_scopes", False)
    if cached is not False:
        return cached
    if is_network_admin(user):
        scopes = None
    else:
        scopes = frozenset(
            ("city", city_id) if city_id else ("organisation", organisation_id)
            for city_id, organisation_id in user.roles.filter(role__in=REVIEW_ROLES).values_list(
                "city_id", "organisation_id"
            )
        )
    user._kept_scopes = scopes
    return scopes


def keeps(user: Any, record: Any) -> bool:
    """Return whether the user keeps this record (admin, or its owner's editor or reviewer)."""
    scopes = kept_scopes(user)
    if scopes is None:
        return True
    return ("city", record.city_id) in scopes or ("organisation", record.organisation_id) in scopes


def keeps_anything(user: Any) -> bool:
    return is_network_admin(user) or (
        getattr(user, "is_authenticated", False)
        and user.roles.filter(role__in=REVIEW_ROLES).exists()
    )


def can_contribute(user: Any, *, city: Any = None, organisation: Any = None) -> bool:
    return is_network_admin(user) or has_scoped_role(
        user, CONTRIBUTE_ROLES, city=city, organisation=organisation
    )


def can_review(user: Any, record: Any) -> bool:
    city, organisation = record.scope()
    return is_network_admin(user) or has_scoped_role(
        user, REVIEW_ROLES, city=city, organisation=organisation
    )


def require_review(user: Any, record: Any) -> None:
    if not can_review(user, record):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may do this.") % {"owner": record.owner}
        )


def can_change(user: Any, record: Any) -> bool:
    """Return whether the user may change a record: its reviewers always, its contributors
    while it is a draft (what is submitted or published is the reviewers' to change)."""
    if can_review(user, record):
        return True
    city, organisation = record.scope()
    is_draft = getattr(record, "publication", Publication.DRAFT) == Publication.DRAFT
    return is_draft and can_contribute(user, city=city, organisation=organisation)
