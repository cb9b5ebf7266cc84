"""Declarations, commitments and actions over the API.

Reads are public. Declarations and commitments are written by network admins (the Forum
secretariat); actions by the editors of the owning city or organisation. Every change
names the `version` it was based on; a stale one is refused with 409.
"""

from hrcities.core.apiutils import router_of_parts

from . import actions, commitments, declarations, parts, translations

# The order of the parts is the order of their paths.
router = router_of_parts(
    [
        declarations.router,
        translations.router,
        commitments.router,
        actions.router,
        parts.router,
    ],
    tag="commitments",
    operation_id_prefix="hrcities_commitments_api_",
)
