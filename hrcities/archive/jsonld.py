"""schema.org JSON-LD of archive records: one document per item, and a bulk dump.

Every item goes through `present_item`, so hidden fields and redacted spans never reach a
document; items, events and collections come from `visible_to(user)`. Places and people
have no access tier of their own: they are shown only when a record the reader may see
names them, so a restricted testimony never reveals its narrator or place through them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from hrcities.core.dates import to_edtf

from .models import Collection, Event, Item, ItemKind, MediaFile, Person, PersonRole, Place
from .presenting import ItemView, person_name, present_item

CONTEXT = "https://schema.org"
ITEM_TYPES = {
    ItemKind.DOCUMENT: "ArchiveComponent",
    ItemKind.PHOTO: "Photograph",
    ItemKind.AUDIO: "AudioObject",
    ItemKind.VIDEO: "VideoObject",
    ItemKind.TESTIMONY: "CreativeWork",
    ItemKind.SITE: "CreativeWork",
    ItemKind.ARTEFACT: "ArchiveComponent",
}
MEDIA_TYPES = {"image": "ImageObject", "audio": "AudioObject", "video": "VideoObject"}
CREATOR_ROLES = {PersonRole.Role.CREATOR}
MENTIONED_ROLES = {PersonRole.Role.SUBJECT, PersonRole.Role.PERPETRATOR}


def absolute(request: HttpRequest | None, path: str, base: str = "") -> str:
    """Return the address of a path, from the request or a configured base URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return base.rstrip("/") + path


def language_values(texts: dict[str, str] | None) -> list[dict[str, str]]:
    return [
        {"@value": text, "@language": language}
        for language, text in sorted((texts or {}).items())
        if (text or "").strip()
    ]


def accepted_tags(record: Any) -> list[str]:
    # Works with and without a prefetch of `taggings`.
    return sorted(t.label for t in record.taggings.all() if t.status == "accepted")


def items_for_export(user: Any) -> QuerySet[Item]:
    """Return the items this user may see, with what every channel needs fetched."""
    from hrcities.taxonomy.models import Tagging

    return (
        Item.objects.visible_to(user)
        .select_related("city", "organisation", "collection", "place__geonames_place", "narrator")
        .prefetch_related(
            "redactions",
            "media",
            "events",
            Prefetch("taggings", queryset=Tagging.objects.accepted()),
            Prefetch("person_roles", queryset=PersonRole.objects.select_related("person")),
        )
        .order_by("pk")
    )


def _geo(place: Place) -> dict[str, Any] | None:
    latitude, longitude = place.latitude, place.longitude
    if (latitude is None or longitude is None) and place.geonames_place is not None:
        latitude, longitude = place.geonames_place.latitude, place.geonames_place.longitude
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}


def place_document(place: Place, request: HttpRequest | None, base: str = "") -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "Place",
        "@id": absolute(request, place.get_absolute_url(), base),
        "name": language_values(place.titles) or place.title,
    }
    if place.address:
        document["address"] = place.address
    geo = _geo(place)
    if geo:
        document["geo"] = geo
    if place.geonames_place_id:
        document["sameAs"] = f"https://sws.geonames.org/{place.geonames_place_id}/"
    if place.descriptions:
        document["description"] = language_values(place.descriptions)
    return document


def person_document(
    person: Person, user: Any, request: HttpRequest | None, base: str = ""
) -> dict[str, Any]:
    return {
        "@type": "Person",
        "@id": absolute(request, person.get_absolute_url(), base),
        "name": person_name(person, user),
    }


def _dates(record: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if record.date_text:
        values["temporalCoverage"] = to_edtf(record.date_text)
    return values


def event_document(
    event: Event, user: Any, request: HttpRequest | None, base: str = ""
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": absolute(request, event.get_absolute_url(), base),
        "url": absolute(request, event.get_absolute_url(), base),
        "name": language_values(event.titles),
        "inLanguage": event.original_language,
        **_dates(event),
    }
    if event.descriptions:
        document["description"] = language_values(event.descriptions)
    if event.date_start:
        document["startDate"] = event.date_start.isoformat()
    if event.date_end:
        document["endDate"] = event.date_end.isoformat()
    places = [place_document(p, request, base) for p in event.places.all()]
    if places:
        document["location"] = places
    keywords = accepted_tags(event)
    if keywords:
        document["keywords"] = keywords
    if event.owner is not None:
        document["organizer"] = {"@type": "Organization", "name": str(event.owner)}
    return document


def collection_document(
    collection: Collection, request: HttpRequest | None, base: str = ""
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "Collection",
        "@id": absolute(request, collection.get_absolute_url(), base),
        "name": language_values(collection.titles) or collection.slug,
    }
    if collection.descriptions:
        document["description"] = language_values(collection.descriptions)
    return document


def _media_document(
    media: MediaFile, request: HttpRequest | None, base: str, name: str
) -> dict[str, Any]:
    from django.urls import reverse

    from .services import MEDIA_TYPES as KINDS

    kind = KINDS.get(media.content_type, ("document", set()))[0]
    return {
        "@type": MEDIA_TYPES.get(kind, "MediaObject"),
        "contentUrl": absolute(request, reverse("archive:media-file", args=[media.pk]), base),
        "encodingFormat": media.content_type,
        "contentSize": f"{media.size} B",
        "name": name,
    }


class Seen:
    """The ids of events and collections one reader may see, fetched once per export."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._events: set[int] | None = None
        self._collections: set[int] | None = None

    def events(self) -> set[int]:
        if self._events is None:
            self._events = set(Event.objects.visible_to(self.user).values_list("pk", flat=True))
        return self._events

    def collections(self) -> set[int]:
        if self._collections is None:
            self._collections = set(
                Collection.objects.visible_to(self.user).values_list("pk", flat=True)
            )
        return self._collections


def item_document(
    view: ItemView,
    request: HttpRequest | None,
    *,
    user: Any = None,
    base: str = "",
    seen: Seen | None = None,
) -> dict[str, Any]:
    """Return the schema.org JSON-LD of an item as one reader may see it."""
    item = view.item
    if user is None:
        user = getattr(request, "user", None)
    seen = seen or Seen(user)
    url = absolute(request, item.get_absolute_url(), base)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": ITEM_TYPES.get(item.kind, "CreativeWork"),
        "@id": url,
        "url": url,
        "identifier": url,
        "name": language_values(view.titles),
        "inLanguage": item.original_language,
        "genre": item.kind,
        **_dates(item),
    }
    if item.kind in (ItemKind.TESTIMONY, ItemKind.SITE, ItemKind.ARTEFACT):
        document["additionalType"] = {
            ItemKind.TESTIMONY: "testimony",
            ItemKind.SITE: "site of memory",
            ItemKind.ARTEFACT: "artefact",
        }[item.kind]
    descriptions = language_values(view.descriptions)
    if descriptions:
        document["description"] = descriptions
    if view.transcript:
        document["transcript"] = view.transcript
    if item.date_start and item.date_start == item.date_end and not item.date_is_approximate:
        document["dateCreated"] = item.date_start.isoformat()
    if item.place is not None:
        place = place_document(item.place, request, base)
        if view.exact_location:
            place["description"] = view.exact_location
        document["spatialCoverage"] = place
    elif view.exact_location:
        document["spatialCoverage"] = {"@type": "Place", "name": view.exact_location}
    events = [e for e in item.events.all() if e.pk in seen.events()]
    if events:
        document["about"] = [
            {
                "@type": "Event",
                "@id": absolute(request, e.get_absolute_url(), base),
                "name": language_values(e.titles),
            }
            for e in events
        ]
    creators, contributors, mentions = _people(view, user, request, base)
    if creators:
        document["creator"] = creators
    if contributors:
        document["contributor"] = contributors
    if mentions:
        document["mentions"] = mentions
    if item.collection_id and item.collection_id in seen.collections():
        document["isPartOf"] = collection_document(item.collection, request, base)  # type: ignore[arg-type]
    keywords = accepted_tags(item)
    if keywords:
        document["keywords"] = keywords
    if view.rights:
        key = "license" if view.rights.startswith(("http://", "https://")) else "copyrightNotice"
        document[key] = view.rights
    document["conditionsOfAccess"] = item.access
    if item.owner is not None:
        document["publisher"] = {"@type": "Organization", "name": str(item.owner)}
    media = [_media_document(m, request, base, view.file_name(m)) for m in item.media.all()]
    if media:
        document["associatedMedia"] = media
    if item.is_demo:
        document["disambiguatingDescription"] = "Demo content"
    return document


def _people(
    view: ItemView, user: Any, request: HttpRequest | None, base: str
) -> tuple[list[dict], list[dict], list[dict]]:
    item = view.item
    creators: list[dict] = []
    contributors: list[dict] = []
    mentions: list[dict] = []
    if item.narrator is not None and view.narrator:
        contributors.append(
            {
                "@type": "Person",
                "@id": absolute(request, item.narrator.get_absolute_url(), base),
                "name": view.narrator,
                "roleName": "narrator",
            }
        )
    for role in item.person_roles.all():
        person = role.person
        if person.pk == item.narrator_id:
            continue
        entry = {
            "@type": "Person",
            "@id": absolute(request, person.get_absolute_url(), base),
            "name": person_name(person, user),
            "roleName": role.role,
        }
        if role.role in CREATOR_ROLES:
            creators.append(entry)
        elif role.role in MENTIONED_ROLES:
            mentions.append(entry)
        else:
            contributors.append(entry)
    return creators, contributors, mentions


def graph(user: Any, request: HttpRequest | None, *, base: str = "") -> Iterator[dict[str, Any]]:
    """Yield every item, event, place and person this user may see, one node at a time."""
    seen = Seen(user)
    for item in items_for_export(user).iterator(chunk_size=200):
        node = item_document(present_item(item, user), request, user=user, base=base, seen=seen)
        node.pop("@context", None)
        yield node
    events = (
        Event.objects.visible_to(user)
        .select_related("city", "organisation")
        .prefetch_related("places__geonames_place", "taggings")
        .order_by("pk")
    )
    for event in events.iterator(chunk_size=200):
        node = event_document(event, user, request, base)
        node.pop("@context", None)
        yield node
    for place in (
        Place.objects.visible_to(user)
        .select_related("geonames_place")
        .order_by("pk")
        .iterator(chunk_size=200)
    ):
        yield place_document(place, request, base)
    for person in Person.objects.visible_to(user).order_by("pk").iterator(chunk_size=200):
        yield person_document(person, user, request, base)


def dump_chunks(user: Any, request: HttpRequest | None, *, base: str = "") -> Iterator[str]:
    """Yield the bulk dump as JSON text in pieces, for a streaming response or a file."""
    return graph_chunks(graph(user, request, base=base))


def graph_chunks(nodes: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Yield nodes as one schema.org JSON-LD graph, in pieces."""
    yield '{"@context": "https://schema.org", "@graph": ['
    first = True
    for node in nodes:
        yield ("\n" if first else ",\n") + json.dumps(node, ensure_ascii=False)
        first = False
    yield "\n]}\n"
