"""Indicators, their values and progress statuses over the API.

Reads are public for published indicators (a city's editors also see its drafts). Writes
are for the editors of the indicator's city; every change names the `version` it was
based on, and a stale one is refused with 409. Values exchange as Open SDG tidy CSV.
"""

from hrcities.core.apiutils import router_of_parts

from . import cities, groupings, indicators, observations

# The order of the parts is the order of their paths: a city's fixed paths (export.csv,
# import) come before the pattern /cities/{city}/{code} would take them.
router = router_of_parts(
    [cities.router, groupings.router, indicators.router, observations.router],
    tag="indicators",
    operation_id_prefix="hrcities_indicators_api_",
)
