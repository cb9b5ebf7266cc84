"""Which text of archive records the tag suggester reads.

Archive records are read as the public reads them: hidden fields and redacted words
never reach the suggester, so no suggested tag can hint at them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from hrcities.classify.registry import joined, register

from .models import Event, Item
from .presenting import present_item


def public_item_text(item: Item) -> str:
    public = present_item(item, AnonymousUser())
    return joined(*public.titles.values(), *public.descriptions.values(), public.transcript)


def event_text(event: Any) -> str:
    return joined(*(event.titles or {}).values(), *(event.descriptions or {}).values())


register(Item, text=public_item_text)
register(Event, text=event_text)
