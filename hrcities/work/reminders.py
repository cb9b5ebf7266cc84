"""Sending what waits: at once when it happens, and by `hrcities send_reminders`.

Each reminder is claimed in `SentReminder` before its email goes, under the key its kind
gives it, so the email sent at once and the hourly run never tell the same thing twice,
and a run repeated (or two at once) sends nothing new.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.access.keepers import keeps
from hrcities.access.tiers import Publication
from hrcities.accounts.models import Role
from hrcities.accounts.permissions import REVIEW_ROLES
from hrcities.core.background import Worker
from hrcities.core.models import Revision

from .kinds.common import publication_models
from .kinds.publication import DECIDED, REVIEW, decision_key, review_key
from .models import DIGEST, Frequency
from .registry import Kind, kinds
from .services import claim, email_counts, frequencies, unclaim

log = logging.getLogger(__name__)

AT_ONCE_TEMPLATE = "work/email/at_once"
DIGEST_TEMPLATE = "work/email/digest"


def _send(user: Any, template: str, found: list[tuple[Kind, list[str]]]) -> list[str]:
    """Claim the keys and send one email of their counts; return what was sent, as lines."""
    claimed = [(kind, claim(user, kind.key, keys)) for kind, keys in found]
    claimed = [(kind, keys) for kind, keys in claimed if keys]
    if not claimed:
        return []
    try:
        sent = email_counts(user, template, [(kind, len(keys)) for kind, keys in claimed])
    except OSError:
        sent = False
        log.exception("The email to %s could not be sent; the next run tries again", user)
    if not sent:
        for kind, keys in claimed:
            unclaim(user, kind.key, keys)
        return []
    how = _("digest") if template == DIGEST_TEMPLATE else _("at once")
    told = ", ".join(f"{kind.key} {len(keys)}" for kind, keys in claimed)
    return [f"{user.get_username()} <{user.email}>: {how}: {told}"]


def remind(user: Any, now: datetime, *, digest_due: bool) -> list[str]:
    """Send the user what waits that they were not told yet, as they chose."""
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    chosen = frequencies(user)
    at_once: list[tuple[Kind, list[str]]] = []
    daily: list[tuple[Kind, list[str]]] = []
    for kind in kinds():
        frequency = chosen[kind.key]
        if frequency == Frequency.NEVER or (frequency == Frequency.DAILY and not digest_due):
            continue
        keys = [item.key for item in kind.items(user, today)]
        told = set(
            user.sent_reminders.filter(kind=kind.key, key__in=keys).values_list("key", flat=True)
        )
        new = [key for key in keys if key not in told]
        if new:
            (at_once if frequency == Frequency.AT_ONCE else daily).append((kind, new))
    lines = _send(user, AT_ONCE_TEMPLATE, at_once) if at_once else []
    day = today.isoformat()
    if daily and claim(user, DIGEST, [day]):
        sent = _send(user, DIGEST_TEMPLATE, daily)
        if not sent:
            unclaim(user, DIGEST, [day])
        lines += sent
    return lines


def recipients() -> Any:
    """Everyone who can have work waiting: active, with an address, holding a role."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(roles__isnull=False) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def send_reminders(now: datetime | None = None) -> list[str]:
    """Send everyone what waits for them; digests once a day, from the digest hour on."""
    now = timezone.localtime(now or timezone.now())
    digest_due = now.hour >= getattr(settings, "REMINDER_DIGEST_HOUR", 7)
    lines = []
    for user in recipients():
        lines += remind(user, now, digest_due=digest_due)
    return lines


# --- at once, after the change is committed ------------------------------------------


def keepers_of(record: Any) -> list[Any]:
    """The people who keep a record (its owner's editors and reviewers, network admins)."""
    city, organisation = record.scope()
    scoped = Q(roles__role__in=REVIEW_ROLES) & (
        Q(roles__city=city) if city is not None else Q(roles__organisation=organisation)
    )
    candidates = (
        get_user_model()
        .objects.filter(scoped | Q(roles__role=Role.ADMIN) | Q(is_superuser=True))
        .distinct()
    )
    return [user for user in candidates if keeps(user, record)]


def _tell_at_once(users: list[Any], kind: Kind, key: str, author_id: Any) -> list[str]:
    lines = []
    for user in users:
        if user.pk == author_id or not user.is_active or not user.email:
            continue
        if frequencies(user)[kind.key] == Frequency.AT_ONCE:
            lines += _send(user, AT_ONCE_TEMPLATE, [(kind, [key])])
    return lines


def tell_of_revision(revision_id: int) -> list[str]:
    """Tell, at once, of a submission (to the record's keepers) or of a decision on it
    (to the one who submitted it), to those who chose to hear at once."""
    revision = Revision.objects.filter(pk=revision_id).select_related("content_type").first()
    change = (revision.changes or {}).get("publication") if revision else None
    if not change or len(change) != 2:
        return []
    model = revision.content_type.model_class()
    if model not in publication_models():
        return []
    record = model._default_manager.filter(pk=revision.object_id).first()
    if record is None:
        return []
    before, after = change
    if after == Publication.SUBMITTED and record.publication == Publication.SUBMITTED:
        key = review_key(model, record.pk, revision, record.version)
        return _tell_at_once(keepers_of(record), REVIEW, key, revision.author_id)
    if before == Publication.SUBMITTED and after in (Publication.PUBLISHED, Publication.DRAFT):
        submission = (
            Revision.objects.filter(
                content_type_id=revision.content_type_id,
                object_id=revision.object_id,
                id__lt=revision.pk,
                changes__publication__1=Publication.SUBMITTED,
            )
            .select_related("author")
            .order_by("-id")
            .first()
        )
        if submission is None or submission.author is None:
            return []
        key = decision_key(model, revision.object_id, revision)
        return _tell_at_once([submission.author], DECIDED, key, revision.author_id)
    return []


def _tell(revision_ids: list[int]) -> None:
    for revision_id in revision_ids:
        tell_of_revision(revision_id)


at_once = Worker(
    "work-emails",
    lambda ids: _tell(ids),  # looked up at each call
    in_background=lambda: getattr(settings, "REMINDERS_IN_BACKGROUND", True),
    catch_up="hrcities send_reminders",
)
