"""Accounts are deactivated, never deleted: the history of every record keeps its authors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..models import User
from ..permissions import deactivation_refusal, require_people_manager


def _require_manage(person: User, by: Any) -> None:
    require_people_manager(by)
    refusal = deactivation_refusal(by, person)
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def deactivate_user(person: User, *, by: Any) -> None:
    """Stop a person from signing in or using their API tokens; their records stay theirs."""
    _require_manage(person, by)
    if person.is_active:
        person.is_active = False
        person.save(update_fields=["is_active"])
        audit(AuditEntry.Action.USER_DEACTIVATED, by=by, target=person)


@transaction.atomic
def reactivate_user(person: User, *, by: Any) -> None:
    """Let a deactivated person sign in again, with the roles they held."""
    _require_manage(person, by)
    if not person.is_active:
        person.is_active = True
        person.save(update_fields=["is_active"])
        audit(AuditEntry.Action.USER_REACTIVATED, by=by, target=person)
