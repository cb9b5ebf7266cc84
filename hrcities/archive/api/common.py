"""What the archive's endpoints share: finding records for a caller, shaping answers."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from hrcities.network.models import Organisation
from hrcities.network.services import owner_by_slugs

from .. import services
from ..jsonld import accepted_tags, items_for_export
from ..models import Collection, Event, Item, MediaFile, Person, Place
from ..presenting import ItemView, person_name, present_item

LD_JSON = "application/ld+json"


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _slug(record: Any) -> str | None:
    return record.slug if record is not None else None


def _summary(view: ItemView, request: HttpRequest) -> dict[str, Any]:
    item = view.item
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": view.title,
        "titles": view.titles,
        "original_language": item.original_language,
        "date": item.date_text,
        "date_start": item.date_start,
        "date_end": item.date_end,
        "city": _slug(item.city),
        "organisation": _slug(item.organisation),
        "collection": _slug(item.collection),
        "access": item.access,
        "publication": item.publication,
        "version": item.version,
        "url": _url(request, item.get_absolute_url()),
        "is_demo": item.is_demo,
    }


def _media_out(
    media: MediaFile, request: HttpRequest, view: ItemView | None = None
) -> dict[str, Any]:
    return {
        "id": media.pk,
        "name": view.file_name(media) if view else media.original_name,
        "content_type": media.content_type,
        "size": media.size,
        "url": _url(request, reverse("archive:media-file", args=[media.pk])),
        "thumbnail_url": _url(request, reverse("archive:media-thumbnail", args=[media.pk]))
        if media.thumbnail
        else None,
        "transcript": view.file_transcript(media) if view else media.transcript,
    }


def _detail(item: Item, user: Any, request: HttpRequest) -> dict[str, Any]:
    view = present_item(item, user)
    events = Event.objects.visible_to(user).filter(items=item).values_list("pk", flat=True)
    return {
        **_summary(view, request),
        "descriptions": view.descriptions,
        "transcript": view.transcript,
        "quote_withheld": view.is_quote_withheld,
        "narrator": view.narrator,
        "exact_location": view.exact_location,
        "contact": view.contact,
        "place": item.place_id,
        "events": sorted(events),
        "rights": view.rights,
        "embargo_until": item.embargo_until,
        "after_embargo": item.after_embargo,
        "tags": accepted_tags(item),
        "media": [_media_out(m, request, view) for m in item.media.all()],
        "hidden_fields": view.hidden_fields,
        "redactions_withheld": view.redaction_count,
        "is_withdrawn": item.is_withdrawn,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


class _Page:
    """A queryset that LimitOffset can count and slice, converting only the page it takes.

    (A plain list would be converted whole, and `list.count` is not a row count.)
    """

    def __init__(self, records: QuerySet, convert: Callable[[Any], dict[str, Any]]) -> None:
        self.records, self.convert = records, convert

    def count(self) -> int:
        return self.records.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [self.convert(record) for record in self.records[window]]


def _visible_item(user: Any, item_id: int) -> Item:
    return get_object_or_404(items_for_export(user), pk=item_id)


def _references(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn slugs and ids of an item payload into records and model field names."""
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "date":
            values["date_text"] = value or ""
        elif name == "hidden_fields":
            if value is not None:
                values["restricted_fields"] = sorted(set(value))
        elif name == "collection":
            values["collection"] = (
                _found(Collection.objects.visible_to(user), "collection", slug=value)
                if value
                else None
            )
        elif name == "place_id":
            values["place"] = (
                _found(Place.objects.visible_to(user), "place_id", pk=value) if value else None
            )
        elif name == "narrator_id":
            values["narrator"] = (
                _found(Person.objects.visible_to(user), "narrator_id", pk=value) if value else None
            )
        elif name in ("event_ids", "place_ids"):
            model_field = "events" if name == "event_ids" else "places"
            source = (Event if name == "event_ids" else Place).objects.visible_to(user)
            found = list(source.filter(pk__in=value or []))
            if len(found) != len(set(value or [])):
                raise ValidationError({name: _("Some of these records do not exist.")})
            values[model_field] = found
        elif name == "allowed_users":
            users = list(get_user_model().objects.filter(username__in=value or []))
            if len(users) != len(set(value or [])):
                raise ValidationError({name: _("Some of these users do not exist.")})
            values[name] = users
        elif name == "allowed_organisations":
            organisations = list(Organisation.objects.filter(slug__in=value or []))
            if len(organisations) != len(set(value or [])):
                raise ValidationError({name: _("Some of these organisations do not exist.")})
            values[name] = organisations
        elif name in ("kind", "access", "after_embargo") and value is not None:
            values[name] = str(value.value if hasattr(value, "value") else value)
        else:
            values[name] = value
    return values


def create_owned(model: type, user: Any, data: dict[str, Any]) -> Any:
    """Create a record of the city or organisation whose slugs `data` carries."""
    owner = owner_by_slugs(data.pop("city"), data.pop("organisation"))
    return services.create_archive_record(model, by=user, **owner, **data)


def _found(queryset: QuerySet, field: str, **lookup: Any) -> Any:
    record = queryset.filter(**lookup).first()
    if record is None:
        raise ValidationError({field: _("There is no such record you may see.")})
    return record


def _events(user: Any) -> QuerySet[Event]:
    return (
        Event.objects.visible_to(user)
        .select_related("city", "organisation")
        .prefetch_related("places")
    )


def _event_out(event: Event, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "titles": event.titles,
        "descriptions": event.descriptions,
        "original_language": event.original_language,
        "date": event.date_text,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "city": _slug(event.city),
        "organisation": _slug(event.organisation),
        "places": [p.pk for p in event.places.all()],
        "access": event.access,
        "publication": event.publication,
        "version": event.version,
        "url": _url(request, event.get_absolute_url()),
        "is_demo": event.is_demo,
    }


def _place_out(place: Place, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": place.pk,
        "title": place.title,
        "titles": place.titles,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geonames_id": place.geonames_place_id,
        "address": place.address,
        "url": _url(request, place.get_absolute_url()),
        "version": place.version,
    }


def _person_out(person: Person, user: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person_name(person, user),
        "url": _url(request, person.get_absolute_url()),
        "version": person.version,
    }


def _collection_out(collection: Collection, user: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "slug": collection.slug,
        "title": collection.title,
        "titles": collection.titles,
        "descriptions": collection.descriptions,
        "city": _slug(collection.city),
        "organisation": _slug(collection.organisation),
        "access": collection.access,
        "items": Item.objects.visible_to(user).filter(collection=collection).count(),
        "url": _url(request, collection.get_absolute_url()),
        "version": collection.version,
        "publication": collection.publication,
    }


RELATABLE = {"item": Item, "event": Event, "place": Place}


def _relatable(kind: str, pk: int, user: Any, field: str) -> Any:
    model = RELATABLE.get(kind)
    if model is None:
        raise ValidationError({field: _("Choose item, event or place.")})
    records = (
        model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else model.objects
    )
    record = records.filter(pk=pk).first()
    if record is None:
        raise ValidationError(
            {field: _("There is no %(kind)s %(id)s that you may see.") % {"kind": kind, "id": pk}}
        )
    return record
