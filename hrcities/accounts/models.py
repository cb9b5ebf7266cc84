"""Users, roles scoped to a city or organisation, and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    display_name = models.CharField(max_length=200, blank=True)
    preferred_language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default="en", blank=True
    )

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    @property
    def is_network_admin(self) -> bool:
        return self.is_superuser or self.roles.filter(role=Role.ADMIN).exists()


def people_matching(people: models.QuerySet, text: str) -> models.QuerySet:
    """Return the people whose name, user name or email address contains `text`."""
    if not text:
        return people
    return people.filter(
        models.Q(username__icontains=text)
        | models.Q(display_name__icontains=text)
        | models.Q(email__icontains=text)
        | models.Q(first_name__icontains=text)
        | models.Q(last_name__icontains=text)
    )


class Role(models.TextChoices):
    ADMIN = "admin", _("Network admin")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    CONTRIBUTOR = "contributor", _("Contributor")
    # May read archive records whose narrators agreed to research use only.
    RESEARCHER = "researcher", _("Researcher")
    READER = "reader", _("Reader")


def scope_matches_role(name: str) -> models.CheckConstraint:
    """A network admin has no scope; every other role has exactly one."""
    return models.CheckConstraint(
        condition=(
            models.Q(role="admin", city__isnull=True, organisation__isnull=True)
            | (
                ~models.Q(role="admin")
                & (
                    models.Q(city__isnull=False, organisation__isnull=True)
                    | models.Q(city__isnull=True, organisation__isnull=False)
                )
            )
        ),
        name=name,
    )


class RoleAssignment(models.Model):
    """A role a user holds: network-wide for admins, for one city or organisation otherwise."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            scope_matches_role("role_scope_matches_role"),
            # One constraint per scope, since SQLite cannot treat NULLs as equal.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(city__isnull=True, organisation__isnull=True),
                name="unique_network_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "city"],
                condition=models.Q(city__isnull=False),
                name="unique_city_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="unique_organisation_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.city or self.organisation or _("the whole network")
        return f"{self.user} – {self.get_role_display()} – {scope}"

    @property
    def scope_label(self) -> str:
        return str(self.city or self.organisation or _("the whole network"))


TOKEN_PREFIX = "hrc_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    key_hint = models.CharField(
        max_length=16, help_text=_("The first characters, to tell tokens apart.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    @staticmethod
    def generate_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


# How long an invitation link works; a re-sent invitation starts again.
INVITATION_VALID_FOR = timedelta(days=7)


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        """Invitations not yet accepted or revoked (expired ones included: they can be
        re-sent)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """A one-time link that lets a person create their account with a role given.

    Only the SHA-256 hash of the link's secret is stored; re-sending makes a new secret,
    so the older link stops working.
    """

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(
        _("language of the email"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            scope_matches_role("invitation_scope_matches_role"),
            # One open invitation per address, whatever its case.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_address",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def scope_label(self) -> str:
        return str(self.city or self.organisation or _("the whole network"))

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """One of accepted, revoked, expired, pending."""
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.is_expired else "pending"

    def get_status_display(self) -> str:
        return str(INVITATION_STATUS_LABELS[self.status])


INVITATION_STATUS_LABELS = {
    "accepted": pgettext_lazy("invitation", "accepted"),
    "revoked": pgettext_lazy("invitation", "revoked"),
    "expired": pgettext_lazy("invitation", "expired"),
    "pending": pgettext_lazy("invitation", "waiting for an answer"),
}
