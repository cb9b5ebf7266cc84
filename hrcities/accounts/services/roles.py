"""Role grants, changes and revocations, each within the granter's rights and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..models import Role, RoleAssignment, User
from ..permissions import require_grant


def _refuse_a_held_role(user: User, role: str, city: Any, organisation: Any) -> None:
    held = user.roles.filter(role=role, city=city, organisation=organisation)
    if held.exists():
        scope = city or organisation or _("the whole network")
        raise ValidationError(
            {
                "role": _("%(user)s already holds the role %(role)s for %(scope)s.")
                % {"user": user, "role": Role(role).label, "scope": scope}
            }
        )


@transaction.atomic
def grant_role(
    user: User, role: str, *, by: Any, city: Any = None, organisation: Any = None
) -> RoleAssignment:
    """Give a user a role for a city, an organisation, or (admins) the whole network.

    `by` None is the platform itself (an accepted invitation, the demo loader)."""
    if by is not None:
        require_grant(by, role, city=city, organisation=organisation)
    _refuse_a_held_role(user, role, city, organisation)
    assignment = RoleAssignment(
        user=user,
        role=role,
        city=city,
        organisation=organisation,
        granted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    assignment.full_clean()
    assignment.save()
    audit(
        AuditEntry.Action.ROLE_GRANTED,
        by=by,
        target=user,
        details={"role": role, "scope": assignment.scope_label},
    )
    return assignment


def _refuse_the_last_admin(assignment: RoleAssignment, by: Any) -> None:
    if assignment.user_id == getattr(by, "pk", None) and assignment.role == Role.ADMIN:
        remaining = RoleAssignment.objects.filter(role=Role.ADMIN).exclude(pk=assignment.pk)
        if not remaining.exists() and not assignment.user.is_superuser:
            raise ValidationError(_("The last network admin cannot give up the role."))


@transaction.atomic
def change_role(assignment: RoleAssignment, role: str, *, by: Any) -> RoleAssignment:
    """Give the holder of a role another role for the same city or organisation."""
    scope = {"city": assignment.city, "organisation": assignment.organisation}
    require_grant(by, assignment.role, **scope)
    require_grant(by, role, **scope)
    if role == assignment.role:
        return assignment
    if role == Role.ADMIN or assignment.role == Role.ADMIN:
        raise ValidationError(
            {"role": _("A network admin role has no city or organisation: grant or revoke it.")}
        )
    _refuse_a_held_role(assignment.user, role, **scope)
    previous = assignment.role
    assignment.role = role
    assignment.granted_by = by
    assignment.save(update_fields=["role", "granted_by"])
    audit(
        AuditEntry.Action.ROLE_GRANTED,
        by=by,
        target=assignment.user,
        details={"role": role, "scope": assignment.scope_label, "replaces": previous},
    )
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, by: Any) -> None:
    """Take a role away from a user."""
    require_grant(by, assignment.role, city=assignment.city, organisation=assignment.organisation)
    _refuse_the_last_admin(assignment, by)
    audit(
        AuditEntry.Action.ROLE_REVOKED,
        by=by,
        target=assignment.user,
        details={"role": assignment.role, "scope": assignment.scope_label},
    )
    assignment.delete()
