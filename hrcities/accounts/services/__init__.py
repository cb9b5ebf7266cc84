"""Every write of the accounts app: roles, API tokens, invitations, people, passwords."""

from .details import change_account_details
from .invitations import (
    InvitationUnusable,
    accept_invitation,
    invitation_for_link,
    invite,
    resend_invitation,
    revoke_invitation,
)
from .passwords import send_password_reset, set_new_password
from .people import deactivate_user, reactivate_user
from .roles import change_role, grant_role, revoke_role
from .tokens import create_api_token, revoke_api_token, user_for_token

__all__ = [
    "InvitationUnusable",
    "accept_invitation",
    "change_account_details",
    "change_role",
    "create_api_token",
    "deactivate_user",
    "grant_role",
    "invitation_for_link",
    "invite",
    "reactivate_user",
    "resend_invitation",
    "revoke_api_token",
    "revoke_invitation",
    "revoke_role",
    "send_password_reset",
    "set_new_password",
    "user_for_token",
]
