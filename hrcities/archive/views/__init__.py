"""Pages of the memory archive: items, consent, redaction, media, collections, events,
places and people, one module each.

Every list and page starts from `visible_to(request.user)`; a record the reader may not
see answers 404, so its existence is not revealed. What is shown of an item comes from
`presenting.present_item`, which has already dropped hidden fields and redacted spans.
"""

from .collections import collection_detail, collection_list
from .consent import consent_withdraw, item_consents
from .editing import item_create, item_edit, item_publish, item_submit
from .events import event_create, event_delete, event_detail, event_edit, event_list
from .items import item_detail, item_list
from .media import item_media_add, media_file, media_remove, media_thumbnail
from .people import person_detail
from .places import place_detail
from .purge import item_purge
from .redactions import item_redactions

__all__ = [
    "collection_detail",
    "collection_list",
    "consent_withdraw",
    "event_create",
    "event_delete",
    "event_detail",
    "event_edit",
    "event_list",
    "item_consents",
    "item_create",
    "item_detail",
    "item_edit",
    "item_list",
    "item_media_add",
    "item_publish",
    "item_purge",
    "item_redactions",
    "item_submit",
    "media_file",
    "media_remove",
    "media_thumbnail",
    "person_detail",
    "place_detail",
]
