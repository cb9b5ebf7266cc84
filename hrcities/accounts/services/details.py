"""A person's own details: the name others see, the address emails go to, their language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..models import User

DETAILS = ("display_name", "email", "preferred_language")


@transaction.atomic
def change_account_details(user: User, changes: dict[str, Any]) -> list[str]:
    """Save the person's own name, email address and language (checked by the form);
    return the fields changed.

    An address another account has is refused (invitations and password resets find a
    person by it). The audit line names the fields changed, not their values.
    """
    email = changes.get("email", user.email).strip()
    if email and User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"email": _("Another account has this email address: choose another one.")}
        )
    changed = [
        field
        for field in DETAILS
        if field in changes and (changes[field] or "") != (getattr(user, field) or "")
    ]
    if not changed:
        return []
    for field in changed:
        setattr(user, field, changes[field].strip() if field == "email" else changes[field])
    user.save(update_fields=changed)
    audit(AuditEntry.Action.ACCOUNT_CHANGED, by=user, target=user, details={"fields": changed})
    return changed
