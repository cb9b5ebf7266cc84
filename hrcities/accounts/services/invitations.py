"""Invitations: a one-time link by email that lets a person create their account with the
role they were given. Sent, re-sent, revoked and accepted, each audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import BaseUserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..mail import absolute_url, send_message
from ..models import INVITATION_VALID_FOR, Invitation, Role, User, hash_token
from ..permissions import can_grant, managed_invitations, require_grant
from .roles import grant_role


class InvitationUnusable(Exception):
    """The link cannot be used; `reason` is unknown, expired, revoked, accepted or inviter."""

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def _check_scope(role: str, city: Any, organisation: Any) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    if role == Role.ADMIN and (city or organisation):
        raise ValidationError(
            _("A network admin role covers the whole network: leave city and organisation empty.")
        )
    if role != Role.ADMIN and bool(city) == bool(organisation):
        raise ValidationError(_("Choose either a city or an organisation for this role."))


def _refuse_a_known_address(email: str, by: Any) -> None:
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s already belongs to an account. Give that person a role instead: "
                    "“Give a role to someone with an account” on the People page."
                )
                % {"email": email}
            }
        )
    waiting = Invitation.objects.open().filter(email__iexact=email).first()
    if waiting is None:
        return
    if managed_invitations(by).filter(pk=waiting.pk).exists():
        message = _(
            "An invitation to %(email)s is already waiting (sent %(date)s). Re-send it from "
            "the People page instead of inviting again."
        ) % {"email": email, "date": formats.date_format(waiting.created_at, "DATE_FORMAT")}
    else:
        message = _(
            "An invitation to %(email)s from another city or organisation is already "
            "waiting. Ask a network admin."
        ) % {"email": email}
    raise ValidationError({"email": message})


def _send(invitation: Invitation, by: Any) -> str:
    """Give the invitation a new secret and expiry, and email its link; return the secret."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = hash_token(raw)
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.sent_at = now
    invitation.save()
    with translation.override(invitation.language):
        expires = formats.date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT")
        context = {
            "invitation": invitation,
            "inviter": str(by) if by is not None else "hrcities",
            "role": invitation.get_role_display(),
            "scope": invitation.scope_label,
            "link": absolute_url(reverse("accounts:invitation-accept", args=[raw])),
            "expires": expires,
        }
    send_message(
        invitation.email, "accounts/email/invitation", context, language=invitation.language
    )
    return raw


@transaction.atomic
def invite(
    email: str,
    role: str,
    *,
    by: Any,
    city: Any = None,
    organisation: Any = None,
    language: str = "",
) -> tuple[Invitation, str]:
    """Invite a person by email to take a role; return the invitation and its link's secret.

    The secret is in the email only; it is returned for the API's caller and for tests."""
    _check_scope(role, city, organisation)
    require_grant(by, role, city=city, organisation=organisation)
    email = BaseUserManager.normalize_email((email or "").strip())
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    _refuse_a_known_address(email, by)
    invitation = Invitation(
        email=email,
        role=role,
        city=city,
        organisation=organisation,
        language=language,
        invited_by=by,
    )
    raw = _send(invitation, by)
    audit(
        AuditEntry.Action.INVITATION_SENT,
        by=by,
        target=invitation,
        details={"role": role, "scope": invitation.scope_label},
    )
    return invitation, raw


def _require_manage(invitation: Invitation, by: Any) -> None:
    require_grant(by, invitation.role, city=invitation.city, organisation=invitation.organisation)


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: Any) -> str:
    """Send the invitation again with a new link; the old link stops working."""
    _require_manage(invitation, by)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            _("This invitation was %(status)s: invite the person again if you need to.")
            % {"status": invitation.get_status_display()}
        )
    raw = _send(invitation, by)
    audit(
        AuditEntry.Action.INVITATION_SENT,
        by=by,
        target=invitation,
        details={"role": invitation.role, "scope": invitation.scope_label, "resent": True},
    )
    return raw


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: Any) -> None:
    """Withdraw an invitation; its link stops working at once."""
    _require_manage(invitation, by)
    if invitation.accepted_at:
        raise ValidationError(
            _(
                "This invitation was already accepted: change the person's roles or "
                "deactivate their account on their page instead."
            )
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit(AuditEntry.Action.INVITATION_REVOKED, by=by, target=invitation)


def invitation_for_link(raw: str, *, for_update: bool = False) -> Invitation:
    """Return the invitation whose link this is, if it can still be used."""
    found = Invitation.objects.select_related("city", "organisation", "invited_by")
    if for_update:
        # Only the invitation's own row is locked: PostgreSQL cannot lock the nullable side
        # of the outer joins to its city and organisation.
        found = found.select_for_update(of=("self",))
    invitation = found.filter(token_hash=hash_token(raw or "")).first()
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.accepted_at:
        raise InvitationUnusable("accepted", invitation)
    if invitation.revoked_at:
        raise InvitationUnusable("revoked", invitation)
    if invitation.is_expired:
        raise InvitationUnusable("expired", invitation)
    inviter = invitation.invited_by
    scope = {"city": invitation.city, "organisation": invitation.organisation}
    # The inviter must still have the right to give the role when it is taken.
    if inviter is None or not inviter.is_active or not can_grant(inviter, invitation.role, **scope):
        raise InvitationUnusable("inviter", invitation)
    return invitation


@transaction.atomic
def accept_invitation(
    raw: str, *, username: str, password: str, display_name: str = "", language: str = ""
) -> User:
    """Create the invited person's account with the role given; the link then stops working.

    The form has checked the user name and the password (Django's validators)."""
    invitation = invitation_for_link(raw, for_update=True)
    user = User(
        username=username,
        email=invitation.email,
        display_name=display_name,
        preferred_language=language or invitation.language,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    try:
        grant_role(
            user,
            invitation.role,
            by=invitation.invited_by,
            city=invitation.city,
            organisation=invitation.organisation,
        )
    except PermissionDenied:
        raise InvitationUnusable("inviter", invitation) from None
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit(
        AuditEntry.Action.INVITATION_ACCEPTED,
        by=user,
        target=invitation,
        details={"role": invitation.role, "scope": invitation.scope_label, "user": username},
    )
    return user
