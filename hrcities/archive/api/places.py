"""Places: those a caller may see, adding, changing and deleting them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.network.models import GeoNamesPlace

from .. import curation, services
from ..jsonld import place_document
from ..models import Place
from .common import LD_JSON, _found, _Page, _place_out, create_owned
from .curation_schemas import PlaceIn, PlacePatch
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


def _place_values(data: dict[str, Any]) -> dict[str, Any]:
    if "geonames_id" in data:
        key = data.pop("geonames_id")
        data["geonames_place"] = (
            _found(GeoNamesPlace.objects.all(), "geonames_id", pk=key) if key else None
        )
    return curation.with_geonames(data)


@router.post(
    "/places",
    response={201: ArchivePlaceOut},
    auth=write_auth,
    summary="Add a place of a city or organisation you contribute to",
    description="Coordinates out of range are refused (422) naming the field. With a "
    "`geonames_id` and no coordinates, the GeoNames place's coordinates are used.",
)
def create_place(request: HttpRequest, payload: PlaceIn) -> Any:
    user = api_user(request)
    place = create_owned(Place, user, _place_values(payload.dict()))
    return Status(201, _place_out(place, request))


def _kept_place(user: Any, place_id: int) -> Place:
    return get_object_or_404(
        Place.objects.visible_to(user).select_related("city", "organisation"), pk=place_id
    )


@router.patch(
    "/places/{place_id}",
    response=ArchivePlaceOut,
    auth=write_auth,
    summary="Change a place",
    description="Send the fields to change and the `version` you read; 409 if it changed since.",
)
def change_place(request: HttpRequest, place_id: int, payload: PlacePatch) -> Any:
    user = api_user(request)
    place = _kept_place(user, place_id)
    changes = _place_values(payload.dict(exclude_unset=True, exclude={"version"}))
    services.update_archive_record(place, changes, by=user, based_on_version=payload.version)
    return _place_out(place, request)


@router.delete(
    "/places/{place_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a place (its editors and reviewers)",
    description="Refused (422, naming them) while items or events name the place.",
)
def delete_place(request: HttpRequest, place_id: int) -> Any:
    user = api_user(request)
    curation.delete_place(_kept_place(user, place_id), by=user)
    return Status(204, None)
