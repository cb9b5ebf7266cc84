"""Places a caller may see."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth

from ..jsonld import place_document
from ..models import Place
from .common import LD_JSON, _Page, _place_out
from .schemas import ArchivePlaceOut

router = Router()


@router.get("/places", response=list[ArchivePlaceOut], auth=read_auth, summary="Places you may see")
@paginate(LimitOffset)
def list_places(request: HttpRequest) -> Any:
    places = (
        Place.objects.visible_to(api_user(request)).select_related("geonames_place").order_by("pk")
    )
    return _Page(places, lambda place: _place_out(place, request))


@router.get(
    "/places/{place_id}",
    response=ArchivePlaceOut,
    auth=read_auth,
    summary="One place (with schema.org JSON-LD at /places/{id}/jsonld)",
)
def get_place(request: HttpRequest, place_id: int) -> Any:
    return _place_out(
        get_object_or_404(Place.objects.visible_to(api_user(request)), pk=place_id), request
    )


@router.get(
    "/places/{place_id}/jsonld",
    auth=read_auth,
    summary="One place as schema.org JSON-LD",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_place_jsonld(request: HttpRequest, place_id: int) -> Any:
    import json

    place = get_object_or_404(Place.objects.visible_to(api_user(request)), pk=place_id)
    document = {"@context": "https://schema.org", **place_document(place, request)}
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type=f"{LD_JSON}; charset=utf-8",
    )
