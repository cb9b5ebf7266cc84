"""The map of places: the located places with records a reader may see, as a page and as
GeoJSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from ..models import Event, Item, Place


@dataclass
class MapPlace:
    place: Place
    latitude: float
    longitude: float
    items: int
    events: int

    @property
    def name(self) -> str:
        return self.place.title


def _coordinates(place: Place) -> tuple[float, float] | None:
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    if place.geonames_place is not None:
        return place.geonames_place.latitude, place.geonames_place.longitude
    return None


def mapped_places(user: Any) -> list[MapPlace]:
    """Return the located places with at least one record this reader may see, and counts.

    Only a place's own (public-level) coordinates are used: an item's exact location is a
    field of the item and may be hidden, so it never reaches the map.
    """
    item_counts = dict(
        Item.objects.visible_to(user)
        .filter(place__isnull=False)
        .order_by()
        .values("place")
        .annotate(n=Count("pk"))
        .values_list("place", "n")
    )
    links = Event.places.through.objects.filter(event__in=Event.objects.visible_to(user))
    event_counts = dict(
        links.order_by()
        .values("place")
        .annotate(n=Count("event", distinct=True))
        .values_list("place", "n")
    )
    places = Place.objects.filter(pk__in={*item_counts, *event_counts}).select_related(
        "geonames_place"
    )
    mapped = []
    for place in places:
        located = _coordinates(place)
        if located is None:
            continue
        mapped.append(
            MapPlace(
                place,
                located[0],
                located[1],
                item_counts.get(place.pk, 0),
                event_counts.get(place.pk, 0),
            )
        )
    return sorted(mapped, key=lambda p: p.name.casefold())


def map_view(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/map.html", {"places": mapped_places(request.user)})


def map_data(request: HttpRequest) -> JsonResponse:
    """Return the mapped places as a GeoJSON FeatureCollection, named in the active language."""
    features = [
        {
            "type": "Feature",
            "id": mapped.place.pk,
            "geometry": {"type": "Point", "coordinates": [mapped.longitude, mapped.latitude]},
            "properties": {
                "name": mapped.name,
                "items": mapped.items,
                "events": mapped.events,
                "is_demo": mapped.place.is_demo,
                "url": mapped.place.get_absolute_url(),
            },
        }
        for mapped in mapped_places(request.user)
    ]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False},
        content_type="application/geo+json",
    )
    response["Content-Language"] = (get_language() or "en").split("-")[0]
    # What a reader may see depends on who they are.
    response["Vary"] = "Cookie, Accept-Language"
    return response
