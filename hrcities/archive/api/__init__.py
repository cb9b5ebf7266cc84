"""The memory archive over the API: items, consent, redaction, media, events, places,
people, collections, JSON-LD, CSV and the import, one module each.

Every read goes through `visible_to(user)` and every item through `present_item`, so
the API never sends more than the item page would. A record the caller may not see
answers 404, as if it did not exist. Writes go through `services` (drafts by
contributors; publication, access, consent and redaction by the owner's reviewers);
every change names the `version` it was based on, and a stale one is refused with 409.
"""

from hrcities.core.apiutils import joined_router

from . import (
    collections,
    consent,
    events,
    exports,
    importing,
    items,
    links,
    media,
    people,
    places,
    redactions,
)

# The order in which the parts are added is the order of their paths.
PARTS = (
    items,
    exports,
    consent,
    redactions,
    media,
    events,
    places,
    people,
    collections,
    importing,
    links,
)
# Operation ids keep the names they had when the whole API was one module.
router = joined_router(PARTS, tag="archive", operation_id_prefix="hrcities_archive_api_")
