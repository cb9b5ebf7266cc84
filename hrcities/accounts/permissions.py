"""Who may do what. Every write path asks these helpers; none decides on its own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Invitation, Role, RoleAssignment, User

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


# --- people: who may invite, give roles and deactivate --------------------------------
#
# Roles rank, highest first: network admin > editor > reviewer > contributor > researcher
# > reader. Editors change their scope's records, reviewers check and publish them,
# contributors submit drafts; a researcher reads what narrators allowed for research only,
# a reader what is shared with members, so both rank below those who change records, and
# the researcher above the reader because the role opens more. Only network admins and
# editors manage people: an admin anyone with any role; an editor the people of their own
# city or organisation, with roles no higher than their own there.
ROLE_RANK = {
    Role.ADMIN: 50,
    Role.EDITOR: 40,
    Role.REVIEWER: 30,
    Role.CONTRIBUTOR: 20,
    Role.RESEARCHER: 15,
    Role.READER: 10,
}
PEOPLE_ROLES = {Role.EDITOR}


def manages_people(user: Any) -> bool:
    """Return whether the user may open the People pages (admins and editors)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_network_admin(user) or user.roles.filter(role__in=PEOPLE_ROLES).exists()


def require_people_manager(user: Any) -> None:
    if not manages_people(user):
        raise PermissionDenied(_("Only network admins and editors manage people."))


def managed_scope_filter(user: Any, prefix: str = "") -> Q:
    """A filter for rows scoped to a city or organisation where the user manages people
    (`prefix` reaches the scope through a relation, e.g. "roles__")."""
    held = user.roles.filter(role__in=PEOPLE_ROLES)
    return Q(**{f"{prefix}city__in": held.filter(city__isnull=False).values("city")}) | Q(
        **{
            f"{prefix}organisation__in": held.filter(organisation__isnull=False).values(
                "organisation"
            )
        }
    )


def managed_people(user: Any) -> Any:
    """The people this user may see on the People pages: everyone for network admins,
    the holders of a role in their scope for editors, nobody otherwise."""
    if is_network_admin(user):
        return User.objects.all()
    if not manages_people(user):
        return User.objects.none()
    return User.objects.filter(
        pk__in=RoleAssignment.objects.filter(managed_scope_filter(user)).values("user")
    )


def managed_roles(user: Any, person: Any) -> Any:
    """The roles of `person` this user sees: all for admins, those in their scope for editors."""
    roles = person.roles.select_related("city", "organisation")
    if is_network_admin(user):
        return roles
    if not manages_people(user):
        return roles.none()
    return roles.filter(managed_scope_filter(user))


def managed_invitations(user: Any) -> Any:
    """The invitations this user may see, re-send and revoke."""
    if is_network_admin(user):
        return Invitation.objects.all()
    if not manages_people(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(managed_scope_filter(user))


def own_rank(user: Any, *, city: Any = None, organisation: Any = None) -> int:
    """Return the rank of the user's highest role for this scope (0 for none)."""
    if is_network_admin(user):
        return ROLE_RANK[Role.ADMIN]
    if not getattr(user, "is_authenticated", False) or (city is None and organisation is None):
        return 0
    held = (
        user.roles.filter(city=city)
        if city is not None
        else user.roles.filter(organisation=organisation)
    )
    return max((ROLE_RANK[r] for r in held.values_list("role", flat=True)), default=0)


def can_grant(user: Any, role: str, *, city: Any = None, organisation: Any = None) -> bool:
    """Return whether the user may give (or take away) this role for this scope."""
    if is_network_admin(user):
        return True
    if role == Role.ADMIN or not has_scoped_role(
        user, PEOPLE_ROLES, city=city, organisation=organisation
    ):
        return False
    return ROLE_RANK.get(role, ROLE_RANK[Role.ADMIN]) <= own_rank(
        user, city=city, organisation=organisation
    )


def grantable_roles(user: Any) -> list[tuple[str, str]]:
    """The roles (value, label) this user may give somewhere, highest first."""
    if is_network_admin(user):
        return list(Role.choices)
    if not manages_people(user):
        return []
    top = max(
        ROLE_RANK[r]
        for r in user.roles.filter(role__in=PEOPLE_ROLES).values_list("role", flat=True)
    )
    return [
        (value, label)
        for value, label in Role.choices
        if value != Role.ADMIN and ROLE_RANK[value] <= top
    ]


def require_grant(user: Any, role: str, *, city: Any = None, organisation: Any = None) -> None:
    if not can_grant(user, role, city=city, organisation=organisation):
        if role == Role.ADMIN:
            raise PermissionDenied(_("Only network admins may make someone a network admin."))
        raise PermissionDenied(
            _(
                "You may not give the role %(role)s for %(scope)s: you may give roles only in "
                "a city or organisation you edit, and none higher than your own."
            )
            % {"role": Role(role).label, "scope": city or organisation or _("the whole network")}
        )


def deactivation_refusal(user: Any, person: Any) -> str:
    """Return why the user may not deactivate or reactivate `person` ("" when they may)."""
    if person.pk == getattr(user, "pk", None):
        return _("You cannot deactivate or reactivate your own account.")
    if is_network_admin(user):
        return ""
    if person.is_superuser or person.roles.filter(role=Role.ADMIN).exists():
        return _("Only network admins may deactivate or reactivate a network admin.")
    roles = list(person.roles.all())
    if not roles or not all(
        can_grant(user, r.role, city=r.city, organisation=r.organisation) for r in roles
    ):
        return _(
            "This person also holds roles outside the cities and organisations you edit: "
            "ask a network admin."
        )
    return ""


def get_person_for_user(user: Any, username: str) -> Any:
    """Return a person the user may see on the People pages; 404 for anyone else."""
    return get_object_or_404(managed_people(user), username=username)


def get_invitation_for_user(user: Any, invitation_id: int) -> Any:
    """Return an invitation the user may see; 404 for another scope's, as if it did not exist."""
    return get_object_or_404(
        managed_invitations(user).select_related("city", "organisation"), pk=invitation_id
    )


def get_role_for_user(user: Any, role_id: int) -> Any:
    """Return a role the user may see on someone's page; 404 for any other."""
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "city", "organisation"), pk=role_id
    )
    if not managed_roles(user, assignment.user).filter(pk=assignment.pk).exists():
        raise Http404(_("No such role."))
    return assignment
