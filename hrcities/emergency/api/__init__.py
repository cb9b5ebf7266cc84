"""The emergency measures review over the API: measures with their changes and sources,
reviews with their answers, the checklist, the watch figures, CSV both ways; one module each.

Every read goes through `Measure`/`Review` `visible_to` (a review is seen when it and its
measure are), so a record the caller may not see answers 404, as if it did not exist; one
the caller may see but not change answers 403; a link to a record the caller may not see
answers 422. Writes go through `services`, as the pages' do.
"""

from hrcities.core.apiutils import joined_router

from . import exchange, kinds, measures, reviews, sources, watch

# The fixed paths (`/measures/import`) come before the patterns that would take them.
PARTS = (exchange, measures, sources, reviews, watch, kinds)
router = joined_router(PARTS, tag="emergency", operation_id_prefix="hrcities_emergency_api_")
