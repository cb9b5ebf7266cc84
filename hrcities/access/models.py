"""The access fields a record inherits, and the one visibility rule every channel applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.accounts.permissions import CONTRIBUTE_ROLES, is_network_admin

from .keepers import managed_scope, member_organisations
from .tiers import Access, AfterEmbargo, Publication


class AccessQuerySet(models.QuerySet):
    def visible_to(self, user: Any, *, today: date | None = None) -> AccessQuerySet:
        """Return what this user may see: the one rule every channel applies.

        Published and not withdrawn, and public; or network-only for signed-in members;
        or restricted to this user or their organisation; or embargoed until a day that
        has passed, then public or network as set. Editors and reviewers of the owning
        city or organisation also see their own drafts and withdrawn records.
        """
        today = today or timezone.localdate()
        released = Q(access=Access.EMBARGOED, embargo_until__lte=today)
        open_to_all = Q(access=Access.PUBLIC) | (released & Q(after_embargo=AfterEmbargo.PUBLIC))
        shown = Q(publication=Publication.PUBLISHED, is_withdrawn=False)
        if not getattr(user, "is_authenticated", False):
            return self.filter(shown & open_to_all)
        if is_network_admin(user):
            return self.all()
        members = Q(access=Access.NETWORK) | (released & Q(after_embargo=AfterEmbargo.NETWORK))
        named = Q(access=Access.RESTRICTED) & (
            Q(allowed_users=user) | Q(allowed_organisations__in=member_organisations(user))
        )
        # Contributors see the drafts of their city or organisation, to finish and submit them.
        drafts = Q(
            publication__in=[Publication.DRAFT, Publication.SUBMITTED], is_withdrawn=False
        ) & managed_scope(user, CONTRIBUTE_ROLES)
        ids = self.filter(
            (shown & (open_to_all | members | named)) | managed_scope(user) | drafts
        ).values("pk")
        return self.filter(pk__in=ids)


class AccessFields(models.Model):
    """Who may see a record owned by a city or organisation (`city`, `organisation`
    fields of the inheriting model), and where it is in its publication."""

    access = models.CharField(
        _("who may see it"), max_length=12, choices=Access.choices, default=Access.PUBLIC
    )
    embargo_until = models.DateField(_("embargoed until"), null=True, blank=True)
    after_embargo = models.CharField(
        _("after the embargo"),
        max_length=10,
        choices=AfterEmbargo.choices,
        default=AfterEmbargo.PUBLIC,
    )
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    allowed_organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="+"
    )
    publication = models.CharField(
        max_length=10, choices=Publication.choices, default=Publication.DRAFT
    )
    is_withdrawn = models.BooleanField(
        default=False, help_text=_("Consent was withdrawn: hidden everywhere, kept in the archive.")
    )

    objects = AccessQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.access == Access.EMBARGOED and not self.embargo_until:
            raise ValidationError({"embargo_until": _("An embargo needs the date it ends.")})
