"""Archive items, events and collections in the search.

A document holds only what the public may read of the record: hidden fields and
redacted words are never indexed, so no query can find an item by them. Who may see the
document at all is the record's own access, copied field by field, and decided by the
same `visible_to` rule as everywhere else.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import tag_labels
from hrcities.search.registry import DocumentData, Source, access_of, register

from .models import Collection, Event, Item, Person, PersonRole, Redaction
from .presenting import present_item


def _access(record: Any) -> dict[str, Any]:
    return {
        **access_of(record),
        "city": record.city,
        "organisation": record.organisation,
        "date_start": record.date_start,
        "date_end": record.date_end,
    }


def _title(titles: dict[str, str], fallback: str) -> str:
    return titles.get("en") or titles.get("ko") or next(iter(titles.values()), "") or fallback


def word_bag(text: str) -> str:
    """Return the words of a text once each, in sorted order: enough to find a record by
    any of them, never a sentence of it (nor a phrase to probe it with)."""
    return " ".join(sorted(set(text.split())))


def item_document(item: Item) -> DocumentData:
    public = present_item(item, AnonymousUser())
    descriptions = "\n".join(public.descriptions.values())
    extra = [*public.titles.values(), public.narrator, item.get_kind_display()]
    if public.is_quote_withheld:
        # Without a consent to quote, the transcript is no part of the text that snippets
        # are cut from (nor of the sentence vector): its words are indexed as a bag.
        spoken = present_item(item, AnonymousUser(), on_item_page=True).transcript
        extra.append(word_bag(spoken))
    return DocumentData(
        title=_title(public.titles, f"#{item.pk}"),
        titles=public.titles,
        text="\n".join(t for t in (descriptions, public.transcript) if t),
        language=item.original_language,
        url=item.get_absolute_url(),
        extra=" ".join(extra),
        labels=tag_labels(item),
        **_access(item),
    )


def event_document(event: Event) -> DocumentData:
    return DocumentData(
        title=_title(event.titles, f"#{event.pk}"),
        titles=event.titles,
        text="\n".join((event.descriptions or {}).values()),
        language=event.original_language,
        url=event.get_absolute_url(),
        extra=" ".join([*event.titles.values(), event.date_text]),
        labels=tag_labels(event),
        **_access(event),
    )


def collection_document(collection: Collection) -> DocumentData:
    return DocumentData(
        title=_title(collection.titles, collection.slug),
        titles=collection.titles,
        text="\n".join((collection.descriptions or {}).values()),
        language=collection.original_language,
        url=collection.get_absolute_url(),
        extra=" ".join(collection.titles.values()),
        **_access(collection),
    )


def _linked_alike(link: PersonRole) -> Any:
    items = Item.objects.filter(narrator_id=link.person_id).values_list("pk", flat=True)
    return [*items, *([link.item_id] if link.item_id else [])]


def _narrated_alike(item: Item) -> Any:
    """The items that may show a name this item hides: its narrator's, and those of the
    people whose consent on it does not agree to the real name."""
    people = {item.narrator_id, *item.consents.values_list("person_id", flat=True)} - {None}
    if not people:
        return []
    return (
        Item.objects.filter(Q(narrator__in=people) | Q(person_roles__person__in=people))
        .distinct()
        .values_list("pk", flat=True)
    )


# What an item's document shows besides the item itself (see present_item): the narrator's
# name, which the public reads only where no item of theirs hides it, and the redactions.
ITEM_SOURCES = [
    Source(
        Person,
        lambda person: person.narrated_items.values_list("pk", flat=True),
        fields=("pseudonym", "real_name", "real_name_may_be_shown"),
    ),
    # An item that hides its narrator's name hides it on the narrator's other items too,
    # as does a consent that does not agree to the real name.
    Source(Item, _narrated_alike, fields=("narrator", "restricted_fields", "is_name_withheld")),
    Source(Redaction, lambda redaction: [redaction.item_id]),
    # A link that may not show a person's real name hides it on every item of theirs.
    Source(PersonRole, _linked_alike, fields=("person", "item", "real_name_shown")),
]

register(
    "item",
    Item,
    document=item_document,
    # What a document reads of each item, read for a whole batch at once.
    queryset=lambda: Item.objects.select_related(
        "city", "organisation", "narrator"
    ).prefetch_related(
        "redactions",
        "person_roles__person",
        "taggings",
        "allowed_users",
        "allowed_organisations",
    ),
    label=_("Archive item"),
    sources=ITEM_SOURCES,
)
register(
    "event",
    Event,
    document=event_document,
    queryset=lambda: Event.objects.select_related("city", "organisation").prefetch_related(
        "taggings", "allowed_users", "allowed_organisations"
    ),
    label=_("Archive event"),
)
register(
    "collection",
    Collection,
    document=collection_document,
    queryset=lambda: Collection.objects.select_related("city", "organisation").prefetch_related(
        "allowed_users", "allowed_organisations"
    ),
    label=_("Archive collection"),
)
