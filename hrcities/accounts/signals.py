"""Sign-ins, failed sign-ins and sign-outs go to the audit log."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit


@receiver(user_logged_in)
def on_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit(AuditEntry.Action.SIGN_IN, by=user, target=user)


@receiver(user_logged_out)
def on_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit(AuditEntry.Action.SIGN_OUT, by=user, target=user)


@receiver(user_login_failed)
def on_sign_in_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The password is never logged; the user name is, so attacks on one account show.
    audit(
        AuditEntry.Action.SIGN_IN_FAILED,
        target_repr=str(credentials.get("username", ""))[:150],
    )
