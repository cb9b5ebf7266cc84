"""Password changes and resets, audited; the reset email goes out in the person's language."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..mail import send_to_user
from ..models import User


@transaction.atomic
def set_new_password(user: User, password: str, *, reset: bool) -> None:
    """Give the user a new password (checked by the form): changed while signed in, or
    reset through an emailed link."""
    user.set_password(password)
    user.save(update_fields=["password"])
    action = AuditEntry.Action.PASSWORD_RESET if reset else AuditEntry.Action.PASSWORD_CHANGED
    audit(action, by=user, target=user)


def send_password_reset(user: Any, link: str) -> None:
    """Email a person the one-time link that lets them choose a new password."""
    if send_to_user(user, "accounts/email/password_reset", {"link": link}):
        audit(AuditEntry.Action.PASSWORD_RESET_SENT, target=user)
