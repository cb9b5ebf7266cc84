"""The memory archive over the API: items, consent, redaction, media, events, places,
people, collections, JSON-LD, CSV and the import.

Every read goes through `visible_to(user)` and every item through `present_item`, so
the API never sends more than the item page would. A record the caller may not see
answers 404, as if it did not exist. Writes go through `services` (drafts by
contributors; publication, access, consent and redaction by the owner's reviewers);
every change names the `version` it was based on, and a stale one is refused with 409.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hrcities.core.apiutils import (
    DateText,
    InputSchema,
    LanguageCode,
    LimitOffset,
    Text,
    api_user,
    read_auth,
    write_auth,
)
from hrcities.core.problems import rows_refused
from hrcities.core.validation import check_fields
from hrcities.network.models import Organisation
from hrcities.network.services import owner_by_slugs

from . import services
from .exchange import ImportRefused, export_csv_chunks, import_archive
from .jsonld import (
    accepted_tags,
    dump_chunks,
    event_document,
    item_document,
    items_for_export,
    people_visible_to,
    place_document,
    places_visible_to,
)
from .models import (
    Access,
    AfterEmbargo,
    Collection,
    Consent,
    Event,
    Item,
    ItemKind,
    MediaFile,
    Person,
    PersonRole,
    Place,
    Relation,
)
from .presenting import ItemView, filter_by_title, person_name, places_in, present_item

router = Router(tags=["archive"])
LD_JSON = "application/ld+json"


# --- schemas --------------------------------------------------------------------------


class ItemSummary(Schema):
    id: int
    kind: str
    title: str
    titles: dict[str, str]
    original_language: str
    date: str = Field(description="As written: 1980-05, 1980-05-18/1980-05-27, circa 1980 ...")
    date_start: dt.date | None
    date_end: dt.date | None
    city: str | None
    organisation: str | None
    collection: str | None
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class MediaOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str = Field(description="The file, served only to those who may see the item.")
    thumbnail_url: str | None
    transcript: str


class ItemDetail(ItemSummary):
    descriptions: dict[str, str] = Field(description="Redacted spans are replaced by […].")
    transcript: str
    narrator: str = Field(description="The real name only where it may be shown.")
    exact_location: str
    contact: str
    place: int | None
    events: list[int]
    rights: str
    embargo_until: dt.date | None
    after_embargo: str
    tags: list[str]
    media: list[MediaOut]
    hidden_fields: list[str] = Field(description="Fields withheld from you.")
    redactions_withheld: int
    is_withdrawn: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class ItemIn(InputSchema):
    kind: ItemKind
    titles: dict[LanguageCode, Text] = Field(
        ..., description="Title per language (BCP 47), e.g. ko, en."
    )
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    date: DateText = Field("", max_length=60)
    city: str | None = Field(None, description="Slug of the owning city.")
    organisation: str | None = Field(None, description="Slug of the owning organisation.")
    collection: str | None = Field(None, description="Slug of a collection.")
    place_id: int | None = None
    event_ids: list[int] = []
    narrator_id: int | None = None
    access: Access = Access.PUBLIC
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo = AfterEmbargo.PUBLIC
    allowed_users: list[str] = Field([], description="Usernames (restricted access).")
    allowed_organisations: list[str] = Field([], description="Organisation slugs.")
    transcript: str = ""
    exact_location: str = Field("", max_length=300)
    contact: str = ""
    rights: str = Field("", max_length=300)
    hidden_fields: list[str] | None = Field(
        None,
        description="Of narrator_name, contact, exact_location; all three unless given.",
    )


class ItemPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    kind: ItemKind | None = None
    titles: dict[LanguageCode, Text] | None = None
    descriptions: dict[LanguageCode, Text] | None = None
    original_language: LanguageCode | None = Field(None, max_length=20)
    date: DateText | None = Field(None, max_length=60)
    collection: str | None = None
    place_id: int | None = None
    event_ids: list[int] | None = None
    narrator_id: int | None = None
    access: Access | None = None
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo | None = None
    allowed_users: list[str] | None = None
    allowed_organisations: list[str] | None = None
    transcript: str | None = None
    exact_location: str | None = Field(None, max_length=300)
    contact: str | None = None
    rights: str | None = Field(None, max_length=300)
    hidden_fields: list[str] | None = None


class ConsentIn(InputSchema):
    scopes: list[Literal["archive", "publish", "quote", "name", "research"]]
    given_on: dt.date
    person_id: int | None = Field(None, description="Who consented; the narrator if not given.")
    reconsent_due: dt.date | None = None
    note: str = Field("", max_length=5000)


class ConsentOut(Schema):
    id: int
    item: int
    person: int | None
    scopes: list[str]
    given_on: dt.date
    reconsent_due: dt.date | None
    withdrawn_on: dt.date | None
    note: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_item(obj: Consent) -> int:
        return obj.item_id

    @staticmethod
    def resolve_person(obj: Consent) -> int | None:
        return obj.person_id


class WithdrawalIn(InputSchema):
    on: dt.date | None = Field(None, description="The day it was withdrawn; today if not given.")
    note: str = Field("", max_length=5000)


class RedactionIn(InputSchema):
    phrase: str = Field(
        ...,
        min_length=1,
        max_length=1000,
        description="The words to withhold: wherever they stand in the item (titles, "
        "descriptions, transcript, other fields, its files), after any edit or restore.",
    )
    field: Literal["description", "transcript"] | None = Field(
        None, description="Where you found the words (checked to hold them); optional."
    )
    language: str = Field("", max_length=20, description="For a description: which language.")
    reason: str = Field("", max_length=300)


class RedactionOut(Schema):
    id: int
    phrase: str
    places: int = Field(description="How many places in the item and its files hold them now.")
    reason: str
    created_at: dt.datetime


class EventOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    original_language: str
    date: str
    date_start: dt.date | None
    date_end: dt.date | None
    city: str | None
    organisation: str | None
    places: list[int]
    access: str
    publication: str
    version: int
    url: str
    is_demo: bool


class EventIn(InputSchema):
    titles: dict[LanguageCode, Text]
    descriptions: dict[LanguageCode, Text] = {}
    original_language: LanguageCode = Field("ko", max_length=20)
    date: DateText = Field("", max_length=60)
    city: str | None = None
    organisation: str | None = None
    place_ids: list[int] = []
    access: Access = Access.PUBLIC
    embargo_until: dt.date | None = None
    after_embargo: AfterEmbargo = AfterEmbargo.PUBLIC


class ArchivePlaceOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    address: str
    url: str


class PersonOut(Schema):
    id: int
    name: str = Field(description="The pseudonym, or the real name where it may be shown.")
    url: str


class CollectionOut(Schema):
    slug: str
    title: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    city: str | None
    organisation: str | None
    access: str
    items: int = Field(description="Items in it that you may see.")
    url: str


class ArchiveImportReportOut(Schema):
    rows: int
    created: int
    people: int
    files: int
    item_ids: list[int]


# --- helpers --------------------------------------------------------------------------


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
        "transcript": view.cut_phrases(media.transcript) if view else media.transcript,
    }


def _detail(item: Item, user: Any, request: HttpRequest) -> dict[str, Any]:
    view = present_item(item, user)
    events = Event.objects.visible_to(user).filter(items=item).values_list("pk", flat=True)
    return {
        **_summary(view, request),
        "descriptions": view.descriptions,
        "transcript": view.transcript,
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
                _found(places_visible_to(user), "place_id", pk=value) if value else None
            )
        elif name == "narrator_id":
            values["narrator"] = (
                _found(people_visible_to(user), "narrator_id", pk=value) if value else None
            )
        elif name in ("event_ids", "place_ids"):
            model_field = "events" if name == "event_ids" else "places"
            source = Event.objects.visible_to(user) if name == "event_ids" else Place.objects
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
    }


def _person_out(person: Person, user: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person_name(person, user),
        "url": _url(request, person.get_absolute_url()),
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
    }


# --- items ----------------------------------------------------------------------------


@router.get(
    "/items", response=list[ItemSummary], auth=read_auth, summary="Items you may see, filtered"
)
@paginate(LimitOffset)
def list_items(
    request: HttpRequest,
    kind: ItemKind | None = None,
    city: str | None = None,
    collection: str | None = None,
    q: str | None = None,
) -> Any:
    user = api_user(request)
    items = items_for_export(user)
    if kind:
        items = items.filter(kind=kind)
    if city:
        items = items.filter(city__slug=city)
    if collection:
        items = items.filter(collection__slug=collection)
    if q:
        # Titles only: searching descriptions or transcripts would let a reader probe
        # for words that were redacted.
        items = filter_by_title(items, q, user, ["en", "ko"])
    return _Page(
        items.order_by("date_start", "pk"),
        lambda item: _summary(present_item(item, user), request),
    )


@router.get(
    "/items.csv",
    auth=read_auth,
    summary="Items you may see as CSV (as presented to you)",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def items_csv(request: HttpRequest, city: str | None = None) -> Any:
    user = api_user(request)
    items = items_for_export(user)
    if city:
        items = items.filter(city__slug=city)
    response = StreamingHttpResponse(
        export_csv_chunks(user, request, items=items), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="archive-items.csv"'
    return response


@router.get(
    "/dump.jsonld",
    auth=read_auth,
    summary="Every item, event, place and person you may see, as one JSON-LD graph",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def dump(request: HttpRequest) -> Any:
    response = StreamingHttpResponse(
        dump_chunks(api_user(request), request), content_type=f"{LD_JSON}; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="archive.jsonld"'
    return response


@router.get("/items/{item_id}", response=ItemDetail, auth=read_auth, summary="One item")
def get_item(request: HttpRequest, item_id: int) -> Any:
    user = api_user(request)
    return _detail(_visible_item(user, item_id), user, request)


@router.get(
    "/items/{item_id}/jsonld",
    auth=read_auth,
    summary="One item as schema.org JSON-LD",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_item_jsonld(request: HttpRequest, item_id: int) -> Any:
    import json

    user = api_user(request)
    view = present_item(_visible_item(user, item_id), user)
    body = json.dumps(item_document(view, request, user=user), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{LD_JSON}; charset=utf-8")


@router.post(
    "/items",
    response={201: ItemDetail},
    auth=write_auth,
    summary="Add an item as a draft of a city or organisation you contribute to",
)
def create_item(request: HttpRequest, payload: ItemIn) -> Any:
    user = api_user(request)
    data = payload.dict()
    owner = owner_by_slugs(data.pop("city"), data.pop("organisation"))
    if data.get("hidden_fields") is None:
        data.pop("hidden_fields")
    item = services.create_archive_record(Item, by=user, **owner, **_references(user, data))
    return Status(201, _detail(_visible_item(user, item.pk), user, request))


@router.patch(
    "/items/{item_id}",
    response=ItemDetail,
    auth=write_auth,
    summary="Change an item",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. Contributors change only drafts; publication and access are for reviewers.",
)
def change_item(request: HttpRequest, item_id: int, payload: ItemPatch) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    changes = _references(user, payload.dict(exclude_unset=True, exclude={"version"}))
    services.update_archive_record(item, changes, by=user, based_on_version=payload.version)
    return _detail(_visible_item(user, item_id), user, request)


@router.delete(
    "/items/{item_id}",
    response={204: None},
    auth=write_auth,
    summary="Purge an item and its files for good (network admins)",
    description="Withdrawing consent already hides an item everywhere; purging deletes the "
    "archival copy too. Confirm with `confirmation=purge <id>`.",
)
def purge_item(request: HttpRequest, item_id: int, confirmation: str = "") -> Any:
    user = api_user(request)
    services.purge_item(_visible_item(user, item_id), by=user, confirmation=confirmation)
    return Status(204, None)


@router.post(
    "/items/{item_id}/submit",
    response=ItemDetail,
    auth=write_auth,
    summary="Hand a draft to the reviewers",
)
def submit_item(request: HttpRequest, item_id: int) -> Any:
    user = api_user(request)
    services.submit_for_review(_visible_item(user, item_id), by=user)
    return _detail(_visible_item(user, item_id), user, request)


@router.post(
    "/items/{item_id}/publish",
    response=ItemDetail,
    auth=write_auth,
    summary="Publish an item (reviewers; a testimony needs a consent to publish)",
)
def publish_item(request: HttpRequest, item_id: int) -> Any:
    user = api_user(request)
    services.publish(_visible_item(user, item_id), by=user)
    return _detail(_visible_item(user, item_id), user, request)


# --- consent and redaction -----------------------------------------------------------


@router.get(
    "/items/{item_id}/consents",
    response=list[ConsentOut],
    auth=write_auth,
    summary="An item's consent records (its reviewers)",
)
def list_consents(request: HttpRequest, item_id: int) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    services.require_review(user, item)
    return list(item.consents.all())


@router.post(
    "/items/{item_id}/consents",
    response={201: ConsentOut},
    auth=write_auth,
    summary="Record what a narrator agreed to (reviewers)",
)
def record_consent(request: HttpRequest, item_id: int, payload: ConsentIn) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    services.require_review(user, item)
    person = (
        _found(
            Person.objects.filter(Q(pk=item.narrator_id) | Q(roles__item=item)),
            "person_id",
            pk=payload.person_id,
        )
        if payload.person_id
        else None
    )
    consent = services.record_consent(
        item,
        by=user,
        scopes=list(payload.scopes),
        given_on=payload.given_on,
        person=person,
        reconsent_due=payload.reconsent_due,
        note=payload.note,
    )
    return Status(201, consent)


@router.post(
    "/consents/{consent_id}/withdraw",
    response=ConsentOut,
    auth=write_auth,
    summary="Withdraw a consent: the item disappears from every channel at once (reviewers)",
)
def withdraw_consent(request: HttpRequest, consent_id: int, payload: WithdrawalIn) -> Any:
    user = api_user(request)
    consent = get_object_or_404(
        Consent.objects.filter(item__in=Item.objects.visible_to(user)), pk=consent_id
    )
    services.withdraw_consent(consent, by=user, on=payload.on, note=payload.note)
    consent.refresh_from_db()
    return consent


@router.post(
    "/items/{item_id}/redactions",
    response={201: list[RedactionOut]},
    auth=write_auth,
    summary="Withhold words wherever they stand in an item and its files (reviewers)",
)
def add_redaction(request: HttpRequest, item_id: int, payload: RedactionIn) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    services.require_review(user, item)
    made = services.redact_phrase(
        item,
        by=user,
        field=payload.field or "",
        phrase=payload.phrase,
        language=payload.language,
        reason=payload.reason,
    )
    made.places = places_in(item, made.phrase)
    return Status(201, [made])


@router.post(
    "/items/{item_id}/media",
    response={201: MediaOut},
    auth=write_auth,
    summary="Attach a file to an item",
    description="Multipart form: `file` (image, sound, video, PDF or text; the file's "
    "content decides its type, not its name; size limit ARCHIVE_MAX_UPLOAD_MB) and an "
    "optional `transcript`.",
)
def add_media(
    request: HttpRequest,
    item_id: int,
    file: File[UploadedFile],
    transcript: Form[str] = "",
) -> Any:
    check_fields(transcript=transcript)
    user = api_user(request)
    media = services.add_media(_visible_item(user, item_id), file, by=user, transcript=transcript)
    return Status(201, _media_out(media, request))


# --- events, places, people, collections ---------------------------------------------


@router.get("/events", response=list[EventOut], auth=read_auth, summary="Events you may see")
@paginate(LimitOffset)
def list_events(request: HttpRequest, city: str | None = None) -> Any:
    events = _events(api_user(request))
    if city:
        events = events.filter(city__slug=city)
    return _Page(events.order_by("date_start", "pk"), lambda e: _event_out(e, request))


@router.get("/events/{event_id}", response=EventOut, auth=read_auth, summary="One event")
def get_event(request: HttpRequest, event_id: int) -> Any:
    return _event_out(get_object_or_404(_events(api_user(request)), pk=event_id), request)


@router.get(
    "/events/{event_id}/jsonld",
    auth=read_auth,
    summary="One event as schema.org JSON-LD",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_event_jsonld(request: HttpRequest, event_id: int) -> Any:
    import json

    user = api_user(request)
    event = get_object_or_404(_events(user), pk=event_id)
    body = json.dumps(event_document(event, user, request), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{LD_JSON}; charset=utf-8")


@router.post(
    "/events",
    response={201: EventOut},
    auth=write_auth,
    summary="Add an event as a draft of a city or organisation you contribute to",
)
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    user = api_user(request)
    data = payload.dict()
    owner = owner_by_slugs(data.pop("city"), data.pop("organisation"))
    event = services.create_archive_record(Event, by=user, **owner, **_references(user, data))
    return Status(201, _event_out(_events(user).get(pk=event.pk), request))


@router.get("/places", response=list[ArchivePlaceOut], auth=read_auth, summary="Places you may see")
@paginate(LimitOffset)
def list_places(request: HttpRequest) -> Any:
    places = places_visible_to(api_user(request)).order_by("pk")
    return _Page(places, lambda place: _place_out(place, request))


@router.get(
    "/places/{place_id}",
    response=ArchivePlaceOut,
    auth=read_auth,
    summary="One place (with schema.org JSON-LD at /places/{id}/jsonld)",
)
def get_place(request: HttpRequest, place_id: int) -> Any:
    return _place_out(get_object_or_404(places_visible_to(api_user(request)), pk=place_id), request)


@router.get(
    "/places/{place_id}/jsonld",
    auth=read_auth,
    summary="One place as schema.org JSON-LD",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_place_jsonld(request: HttpRequest, place_id: int) -> Any:
    import json

    place = get_object_or_404(places_visible_to(api_user(request)), pk=place_id)
    document = {"@context": "https://schema.org", **place_document(place, request)}
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type=f"{LD_JSON}; charset=utf-8",
    )


@router.get(
    "/people",
    response=list[PersonOut],
    auth=read_auth,
    summary="People named in records you may see (pseudonyms unless names may be shown)",
)
@paginate(LimitOffset)
def list_people(request: HttpRequest) -> Any:
    user = api_user(request)
    return _Page(people_visible_to(user).order_by("pk"), lambda p: _person_out(p, user, request))


@router.get("/people/{person_id}", response=PersonOut, auth=read_auth, summary="One person")
def get_person(request: HttpRequest, person_id: int) -> Any:
    user = api_user(request)
    return _person_out(get_object_or_404(people_visible_to(user), pk=person_id), user, request)


@router.get(
    "/collections",
    response=list[CollectionOut],
    auth=read_auth,
    summary="Collections you may see",
)
@paginate(LimitOffset)
def list_collections(request: HttpRequest) -> Any:
    user = api_user(request)
    collections = Collection.objects.visible_to(user).select_related("city", "organisation")
    return _Page(collections.order_by("slug"), lambda c: _collection_out(c, user, request))


@router.get("/collections/{slug}", response=CollectionOut, auth=read_auth, summary="One collection")
def get_collection(request: HttpRequest, slug: str) -> Any:
    user = api_user(request)
    collection = get_object_or_404(Collection.objects.visible_to(user), slug=slug)
    return _collection_out(collection, user, request)


# --- import ---------------------------------------------------------------------------


@router.post(
    "/import",
    response={200: ArchiveImportReportOut},
    auth=write_auth,
    summary="Import new items from CSV with a ZIP of their files: all rows or none",
    description="Multipart form: `csv` (columns kind, title_en, title_ko, original_language, "
    "date, city, organisation, collection, access, embargo_until, after_embargo, "
    "description_en, description_ko, transcript, narrator_pseudonym, narrator_real_name, "
    "real_name_may_be_shown, exact_location, hidden_fields, files) and optionally `zip` "
    "holding the files named in the `files` column (;-separated). Items are created as "
    "drafts. If any row or file is bad nothing is created, and the answer is 422 listing "
    "every bad row and column.",
)
def import_items(
    request: HttpRequest,
    csv: File[UploadedFile],
    zip: File[UploadedFile] = None,  # type: ignore[assignment]  # noqa: A002
) -> Any:
    try:
        report = import_archive(
            csv.read(), zip.file if zip is not None else None, by=api_user(request)
        )
    except ImportRefused as refused:
        return rows_refused(request, refused.report.errors)
    return report


# --- people's roles and relations -----------------------------------------------------


class RoleIn(Schema):
    person: int = Field(description="Id of a person of the archive.")
    role: PersonRole.Role
    item: int | None = None
    event: int | None = None


class RoleOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    role: str
    item: int | None = Field(None, alias="item_id")
    event: int | None = Field(None, alias="event_id")
    real_name_shown: bool = Field(
        description="Whether this link lets the real name be shown; while any link of the "
        "person says no, only the person's keepers read the real name."
    )


class RealNameIn(Schema):
    shown: bool = Field(description="Allow (true) or stop (false) the real name on this link.")


RELATABLE = {"item": Item, "event": Event, "place": Place}


class RelationIn(InputSchema):
    source_kind: str = Field(description="item, event or place")
    source_id: int
    kind: Relation.Kind
    target_kind: str = Field(description="item, event or place")
    target_id: int
    note: str = Field("", max_length=2000)


class RelationOut(Schema):
    id: int
    kind: str
    source: str
    target: str
    note: str

    @staticmethod
    def resolve_source(obj: Relation) -> str:
        return f"{obj.source_type.model}/{obj.source_id}"

    @staticmethod
    def resolve_target(obj: Relation) -> str:
        return f"{obj.target_type.model}/{obj.target_id}"


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


@router.post(
    "/roles",
    response={201: RoleOut},
    auth=write_auth,
    summary="Link a person to an item or event with a role (reviewers)",
    description="The person must be kept by the record's city or organisation, or be "
    "shown to the public with everything there is to their name. The link shows the "
    "pseudonym unless the public already reads the real name.",
)
def add_role(request: HttpRequest, payload: RoleIn) -> Any:
    user = api_user(request)
    person = _found(people_visible_to(user), "person", pk=payload.person)
    item = _relatable("item", payload.item, user, "item") if payload.item else None
    event = _relatable("event", payload.event, user, "event") if payload.event else None
    return Status(
        201, services.link_person(person, str(payload.role), by=user, item=item, event=event)
    )


@router.put(
    "/roles/{role_id}/real-name",
    response=RoleOut,
    auth=write_auth,
    summary="Allow or stop a person's real name on one link (the person's keepers)",
    description="A new link shows the pseudonym unless the public already reads the real "
    "name. Only the editors and reviewers who keep the person may allow it; the linked "
    "record's reviewers may also stop it. Every change is written to the audit log.",
)
def set_role_real_name(request: HttpRequest, role_id: int, payload: RealNameIn) -> Any:
    user = api_user(request)
    items = Item.objects.visible_to(user).values("pk")
    events = Event.objects.visible_to(user).values("pk")
    link = get_object_or_404(
        PersonRole.objects.select_related("person", "item", "event").filter(
            Q(item__in=items) | Q(event__in=events)
        ),
        pk=role_id,
    )
    return services.show_real_name(link, payload.shown, by=user)


@router.post(
    "/relations",
    response={201: RelationOut},
    auth=write_auth,
    summary="Relate two archive records, also across cities (reviewers of the source)",
)
def add_relation(request: HttpRequest, payload: RelationIn) -> Any:
    user = api_user(request)
    source = _relatable(payload.source_kind, payload.source_id, user, "source_id")
    target = _relatable(payload.target_kind, payload.target_id, user, "target_id")
    relation = services.relate(source, str(payload.kind), target, by=user, note=payload.note)
    return Status(201, relation)
