"""Users, roles scoped to a city or organisation, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class Role(models.TextChoices):
    ADMIN = "admin", _("Network admin")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    CONTRIBUTOR = "contributor", _("Contributor")
    # May read archive records whose narrators agreed to research use only.
    RESEARCHER = "researcher", _("Researcher")
    READER = "reader", _("Reader")


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
            # A network admin has no scope; every other role has exactly one.
            models.CheckConstraint(
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
                name="role_scope_matches_role",
            ),
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
