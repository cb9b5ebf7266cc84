"""Writes of the work app: a person's email choices, and the reminders sent to them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from hrcities.accounts.mail import absolute_url, send_to_user
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from .models import Frequency, Preference, SentReminder
from .registry import Kind, kinds


def frequencies(user: Any) -> dict[str, str]:
    """How the user wants to hear of each kind: their choice, or the kind's default."""
    chosen = dict(user.work_preferences.values_list("kind", "frequency"))
    return {kind.key: chosen.get(kind.key, kind.default) for kind in kinds()}


@transaction.atomic
def set_frequencies(user: Any, choices: dict[str, str], *, by: Any) -> dict[str, str]:
    """Keep the user's choice of email for each kind named in `choices`."""
    known = {kind.key for kind in kinds()}
    changed = {}
    for key, frequency in choices.items():
        if key not in known or frequency not in Frequency.values:
            raise ValueError(f"Unknown kind or frequency: {key}={frequency}")
        preference, _created = Preference.objects.get_or_create(
            user=user, kind=key, defaults={"frequency": frequency}
        )
        if preference.frequency != frequency:
            preference.frequency = frequency
            preference.save(update_fields=["frequency"])
        changed[key] = frequency
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=user,
        details={"email_for_work": changed},
    )
    return frequencies(user)


def claim(user: Any, kind: str, keys: Iterable[str]) -> list[str]:
    """Note the reminders as sent to the user; return the keys not sent before.

    Claimed before the email goes, so that two runs at once never both send it.
    """
    fresh = []
    for key in keys:
        try:
            with transaction.atomic():
                SentReminder.objects.create(user=user, kind=kind, key=key)
        except IntegrityError:
            continue
        fresh.append(key)
    return fresh


def unclaim(user: Any, kind: str, keys: Iterable[str]) -> None:
    """Forget claimed reminders whose email could not be sent, so a later run retries."""
    SentReminder.objects.filter(user=user, kind=kind, key__in=list(keys)).delete()


def links() -> dict[str, str]:
    """The links every email gives: the page (through sign-in) and the choices."""
    work = reverse("work:work")
    return {
        "work_url": absolute_url(f"{reverse('accounts:login')}?next={work}"),
        "preferences_url": absolute_url(reverse("work:preferences")),
    }


def email_counts(user: Any, template: str, counts: list[tuple[Kind, int]]) -> bool:
    """Send one email naming only kinds of work and how many of each wait.

    Never a title, a name or a quote: a mailbox is read outside the platform's rules.
    """
    lines = [{"label": kind.label, "count": count} for kind, count in counts]
    total = sum(count for _kind, count in counts)
    return send_to_user(user, template, {"lines": lines, "total": total, **links()})
