"""The education network over the API: programmes, adaptations and lineage, sessions with
their counts, materials, CSV and JSON-LD, and programmes for a city, one module each.

Every read goes through `Programme.objects.visible_to(user)`; sessions and materials are
read through their programme, so they are seen exactly when it is. A programme the
caller may not see answers 404, as if it did not exist; one the caller may see but not
change answers 403; a link to a record the caller may not see answers 422. Writes go
through `services`, as the pages' do.
"""

from hrcities.core.apiutils import joined_router

from . import exchange, materials, methods, programmes, recommend, sessions

PARTS = (exchange, programmes, sessions, materials, recommend, methods)
router = joined_router(PARTS, tag="education", operation_id_prefix="hrcities_education_api_")
