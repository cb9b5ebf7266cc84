"""The email channel of the leak matrices: everything that waits, sent to everyone."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from hrcities.work.models import Frequency
from hrcities.work.registry import kinds
from hrcities.work.reminders import send_reminders
from hrcities.work.services import set_frequencies


def every_email() -> str:
    """Give everyone an address and a daily digest of every kind, send what waits, and
    return the subject and body of every email sent in the test (at once ones too)."""
    for user in get_user_model().objects.all():
        if not user.email:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
        set_frequencies(user, {kind.key: Frequency.DAILY for kind in kinds()}, by=user)
    today = timezone.localdate()
    send_reminders(timezone.make_aware(datetime(today.year, today.month, today.day, 12)))
    return "\n".join(f"{m.to} {m.subject}\n{m.body}" for m in mail.outbox)
