"""The accounts API: the caller's account and tokens, roles, people and invitations, one
module each. Who may do what is decided by `permissions`, as on the pages; a person, role
or invitation outside the caller's view answers 404, as if it did not exist."""

from hrcities.core.apiutils import joined_router

from . import account, invitations, people, roles

PARTS = (account, roles, people, invitations)
router = joined_router(PARTS, tag="accounts", operation_id_prefix="hrcities_accounts_api_")
