"""Collections: those a caller may see, adding, changing and deleting them."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from .. import curation, services
from ..models import Collection
from .common import _collection_out, _found, _Page, _references, create_owned
from .curation_schemas import CollectionIn, CollectionPatch
from .schemas import CollectionOut

router = Router()


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


@router.post(
    "/collections",
    response={201: CollectionOut},
    auth=write_auth,
    summary="Add a collection as a draft of a city or organisation you contribute to",
)
def create_collection(request: HttpRequest, payload: CollectionIn) -> Any:
    user = api_user(request)
    data = payload.dict()
    slugs = {"city": data.pop("city"), "organisation": data.pop("organisation")}
    collection = create_owned(Collection, user, {**slugs, **_references(user, data)})
    return Status(201, _collection_out(collection, user, request))


@router.patch(
    "/collections/{slug}",
    response=CollectionOut,
    auth=write_auth,
    summary="Change a collection",
    description="Send the fields to change and the `version` you read; 409 if it changed since.",
)
def change_collection(request: HttpRequest, slug: str, payload: CollectionPatch) -> Any:
    user = api_user(request)
    collection = get_object_or_404(Collection.objects.visible_to(user), slug=slug)
    changes = _references(user, payload.dict(exclude_unset=True, exclude={"version"}))
    services.update_archive_record(collection, changes, by=user, based_on_version=payload.version)
    return _collection_out(collection, user, request)


@router.delete(
    "/collections/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Delete a collection (its editors and reviewers)",
    description="Refused (422, saying how many items) while it holds items, unless "
    "`move_to` names another collection you keep: its items are moved there first.",
)
def delete_collection(request: HttpRequest, slug: str, move_to: str = "") -> Any:
    user = api_user(request)
    visible = Collection.objects.visible_to(user)
    collection = get_object_or_404(visible, slug=slug)
    target = _found(visible, "move_to", slug=move_to) if move_to else None
    curation.delete_collection(collection, by=user, move_to=target)
    return Status(204, None)
