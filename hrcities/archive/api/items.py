"""Items: lists, one item, adding, changing, publishing, returning to draft and purging."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.network.services import owner_by_slugs

from .. import services
from ..jsonld import item_document, items_for_export
from ..models import ItemKind
from ..presenting import filter_by_title, present_item
from .common import LD_JSON, _detail, _Page, _references, _summary, _visible_item
from .schemas import ItemDetail, ItemIn, ItemPatch, ItemSummary, ReturnToDraftIn

router = Router()


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
    new_narrator, submit = data.pop("new_narrator"), data.pop("submit_for_review")
    values = {**owner, **_references(user, data)}
    item = services.create_item(values, by=user, new_narrator=new_narrator, submit=submit)
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
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    new_narrator = changes.pop("new_narrator", None)
    services.update_item(
        item,
        _references(user, changes),
        by=user,
        based_on_version=payload.version,
        new_narrator=new_narrator,
    )
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


@router.post(
    "/items/{item_id}/return",
    response=ItemDetail,
    auth=write_auth,
    summary="Return a submitted item to draft, with a note to its submitter (reviewers)",
    description="Refused (422) unless the item is submitted. The submitter is told: the note "
    "on their page of work, an email (if they chose so) that only asks them to sign in.",
)
def return_item(request: HttpRequest, item_id: int, payload: ReturnToDraftIn) -> Any:
    user = api_user(request)
    services.return_to_draft(_visible_item(user, item_id), by=user, note=payload.note)
    return _detail(_visible_item(user, item_id), user, request)
