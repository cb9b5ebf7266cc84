"""Collections a caller may see."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth

from ..models import Collection
from .common import _collection_out, _Page
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
