"""The access fields a record inherits, and the one visibility rule every channel applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.accounts.models import Role
from hrcities.accounts.permissions import CONTRIBUTE_ROLES, is_network_admin
from hrcities.core.models import NetworkSettings

from .keepers import managed_scope, member_organisations
from .tiers import Access, AfterEmbargo, Publication

# Researchers read the research-only records of the cities and organisations that gave
# them the role: research access is granted by a record's owner, never network-wide.
RESEARCH_ROLES = {Role.RESEARCHER}


def renewed(today: date) -> Q:
    """Records whose consent is not past its renewal date, or all of them while the
    network lets such records stay in view (read in the same query, so switching the
    setting takes effect on the next read of every channel)."""
    hiding = NetworkSettings.objects.filter(pk=1, hide_records_past_renewal=True)
    return Q(consent_due__isnull=True) | Q(consent_due__gte=today) | Q(~Exists(hiding))


class AccessQuerySet(models.QuerySet):
    def visible_to(self, user: Any, *, today: date | None = None) -> AccessQuerySet:
        """Return what this user may see: the one rule every channel applies.

        Published and not withdrawn, and public; or network-only for signed-in members;
        or restricted to this user or their organisation; or embargoed until a day that
        has passed, then public or network as set. Editors and reviewers of the owning
        city or organisation also see their own drafts and withdrawn records.

        Records with consent fields (`ConsentFields`) are narrowed further: a record for
        research use only is seen, within that audience, only by the researchers of its
        owner; a record whose consent is past its renewal date, while the network hides
        such records, by nobody else. Their keepers see them all the same.
        """
        today = today or timezone.localdate()
        released = Q(access=Access.EMBARGOED, embargo_until__lte=today)
        open_to_all = Q(access=Access.PUBLIC) | (released & Q(after_embargo=AfterEmbargo.PUBLIC))
        shown = Q(publication=Publication.PUBLISHED, is_withdrawn=False)
        has_consent = issubclass(self.model, ConsentFields)
        if not getattr(user, "is_authenticated", False):
            if has_consent:
                return self.filter(shown & open_to_all, renewed(today), is_research_only=False)
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
        audience = (shown & (open_to_all | members | named)) | drafts
        if has_consent:
            researchers = Q(is_research_only=False) | managed_scope(user, RESEARCH_ROLES)
            audience &= researchers & renewed(today)
        ids = self.filter(audience | managed_scope(user)).values("pk")
        return self.filter(pk__in=ids)


class ConsentFields(models.Model):
    """What the people in a record agreed to that narrows who may read it.

    Kept by the owning app from its consent records (the archive's `Consent`), never
    edited directly, so that `visible_to` asks it inside the query of every channel, the
    search included (its documents carry the same fields).
    """

    is_research_only = models.BooleanField(
        _("for research use only"),
        default=False,
        editable=False,
        help_text=_("Seen only by its keepers and the researchers its owner named."),
    )
    consent_due = models.DateField(
        _("consent to be renewed by"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a current consent is to be asked again."),
    )

    class Meta:
        abstract = True


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
