"""Invitations over the API: sent, listed, re-sent and revoked. The link goes to the
invited address only; no answer carries it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, write_auth

from ..permissions import get_invitation_for_user, managed_invitations, require_people_manager
from ..services import invite, resend_invitation, revoke_invitation
from .common import scope_of
from .schemas import InvitationIn, InvitationOut

router = Router()


@router.get(
    "/invitations",
    response=list[InvitationOut],
    auth=write_auth,
    summary="Invitations the caller may see, newest first",
)
@paginate(LimitOffset)
def list_invitations(request: HttpRequest, email: str = "", only_open: bool = False) -> Any:
    by = api_user(request)
    require_people_manager(by)
    invitations = managed_invitations(by).select_related("city", "organisation", "invited_by")
    if only_open:
        invitations = invitations.open()
    if email.strip():
        invitations = invitations.filter(email__icontains=email.strip())
    return invitations


@router.post(
    "/invitations",
    response={201: InvitationOut},
    auth=write_auth,
    summary="Invite a person by email to take a role",
)
def add_invitation(request: HttpRequest, payload: InvitationIn) -> Any:
    by = api_user(request)
    require_people_manager(by)
    invitation, _secret = invite(
        payload.email, payload.role, by=by, language=payload.language, **scope_of(payload)
    )
    return Status(201, invitation)


@router.post(
    "/invitations/{invitation_id}/resend",
    response=InvitationOut,
    auth=write_auth,
    summary="Send an invitation again with a new link (the old link stops working)",
)
def resend(request: HttpRequest, invitation_id: int) -> Any:
    by = api_user(request)
    invitation = get_invitation_for_user(by, invitation_id)
    resend_invitation(invitation, by=by)
    return invitation


@router.delete(
    "/invitations/{invitation_id}",
    response={204: None},
    auth=write_auth,
    summary="Revoke an invitation; its link stops working at once",
)
def revoke(request: HttpRequest, invitation_id: int) -> Any:
    by = api_user(request)
    revoke_invitation(get_invitation_for_user(by, invitation_id), by=by)
    return Status(204, None)
