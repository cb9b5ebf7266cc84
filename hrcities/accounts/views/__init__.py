"""The account pages, one module per resource: the person's own account, people, invitations."""

from .account import PasswordChangeView, locked_out, profile, token_revoke
from .invitations import (
    invitation_accept,
    invitation_create,
    invitation_list,
    invitation_resend,
    invitation_revoke,
)
from .people import (
    people_list,
    person_activation,
    person_detail,
    role_change,
    role_grant,
    role_list,
    role_revoke,
)

__all__ = [
    "PasswordChangeView",
    "invitation_accept",
    "invitation_create",
    "invitation_list",
    "invitation_resend",
    "invitation_revoke",
    "locked_out",
    "people_list",
    "person_activation",
    "person_detail",
    "profile",
    "role_change",
    "role_grant",
    "role_list",
    "role_revoke",
    "token_revoke",
]
