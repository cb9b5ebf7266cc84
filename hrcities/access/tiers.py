"""The access tiers a record can have, and where it is in its publication."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Network members (signed in)")
    RESTRICTED = "restricted", _("Restricted to named people or organisations")
    EMBARGOED = "embargoed", _("Embargoed until a date")


class AfterEmbargo(models.TextChoices):
    PUBLIC = "public", _("then public")
    NETWORK = "network", _("then network members")


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
