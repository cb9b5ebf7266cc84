"""Which text the suggester reads, for the record kinds of apps without a `classify.py`.

Archive records are read as the public reads them: hidden fields and redacted words
never reach the suggester, so no suggested tag can hint at them.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from .registry import joined, register


def _public_item_text(item: Any) -> str:
    from django.contrib.auth.models import AnonymousUser

    from hrcities.archive.presenting import present_item

    public = present_item(item, AnonymousUser())
    return joined(*public.titles.values(), *public.descriptions.values(), public.transcript)


def _owned_text(record: Any) -> str:
    return joined(*(record.titles or {}).values(), *(record.descriptions or {}).values())


def register_platform_kinds() -> None:
    from hrcities.archive.models import Event, Item
    from hrcities.commitments.models import Action, Clause, Commitment, Declaration
    from hrcities.taxonomy.models import UprRecommendation

    register(Declaration, text=lambda d: joined(d.title, d.subtitle, d.intro, d.promises_intro))
    register(Clause, text=lambda c: c.text)
    register(Commitment, text=lambda c: joined(c.title, c.text))
    register(Action, text=lambda a: joined(a.title, a.description))
    register(Item, text=_public_item_text)
    register(Event, text=_owned_text)
    # OHCHR's own tags are read with each recommendation: suggestions repeating them are
    # dropped (see taxonomy.tags.published_labels).
    register(
        UprRecommendation,
        text=lambda r: r.text,
        queryset=lambda: UprRecommendation.objects.with_published_tags(),
    )
    if apps.is_installed("hrcities.indicators"):
        _register_indicators()


def _register_indicators() -> None:
    from hrcities.indicators.models import Indicator

    register(Indicator, text=lambda i: joined(*(i.names or {}).values(), i.description))
