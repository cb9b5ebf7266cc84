"""The account pages, one module per resource: the person's own account, people, invitations."""

from .account import PasswordChangeView, account_details, locked_out, profile, token_revoke
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
    person_two_factor_remove,
    role_change,
    role_grant,
    role_list,
    role_revoke,
)

__all__ = [
    "PasswordChangeView",
    "account_details",
    "invitation_accept",
    "invitation_create",
    "invitation_list",
    "invitation_resend",
    "invitation_revoke",
    "locked_out",
    "people_list",
    "person_activation",
    "person_detail",
    "person_two_factor_remove",
    "profile",
    "role_change",
    "role_grant",
    "role_list",
    "role_revoke",
    "token_revoke",
]
