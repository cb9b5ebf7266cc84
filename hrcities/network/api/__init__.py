"""The network registry API: cities, organisations, networks, memberships, focal points,
partnerships and GeoNames place look-up.

Reads are public. Writes need a token or session; editing is limited to the caller's city
or organisation (networks are the network admins'), and every change names the `version`
it was based on, so that an edit made from stale data is refused with 409 instead of
overwriting someone else's.
"""

from hrcities.core.apiutils import router_of_parts

from . import members, networks, registry

router = router_of_parts(
    [registry.router, networks.router, members.router],
    tag="network",
    operation_id_prefix="hrcities_network_api_",
)
