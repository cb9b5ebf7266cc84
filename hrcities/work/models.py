"""Each person's choice of email per kind of work, and the reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    AT_ONCE = "at-once", _("Email me at once")
    DAILY = "daily", _("Email me a daily digest")
    NEVER = "never", _("Never email me; I look on the page")


class Preference(models.Model):
    """How one person wants to hear of one kind of work (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_preferences"
    )
    kind = models.CharField(max_length=30)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_work_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}: {self.frequency}"


class SentReminder(models.Model):
    """One reminder told to one person, so that it is never told twice.

    `key` names the thing and the moment it waits for (a record and its submission, a
    consent and its renewal date, an indicator and its year): when the moment changes,
    so does the key, and the new wait is told once more. The daily digest itself is a
    row of kind "digest" keyed by its day.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_reminder_per_key")
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind} {self.key}"


DIGEST = "digest"
