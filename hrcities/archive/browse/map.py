"""The map of places: the located places with records a reader may see, as a page and as
GeoJSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hrcities.network.models import City

from ..models import Event, Item, ItemKind, Place


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


def mapped_places(user: Any, *, city: Any = None, kind: str = "") -> list[MapPlace]:
    """Return the located places with at least one record this reader may see, and counts.

    `city` keeps the records of one city, `kind` the items of one kind (events, which
    have no kind, are then left out).

    Only a place's own (public-level) coordinates are used: an item's exact location is a
    field of the item and may be hidden, so it never reaches the map.
    """
    items = Item.objects.visible_to(user).filter(place__isnull=False)
    events = Event.objects.visible_to(user)
    if city is not None:
        items, events = items.filter(city=city), events.filter(city=city)
    if kind:
        items, events = items.filter(kind=kind), events.none()
    item_counts = dict(
        items.order_by().values("place").annotate(n=Count("pk")).values_list("place", "n")
    )
    links = Event.places.through.objects.filter(event__in=events)
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
    """Return the mapped places as a GeoJSON FeatureCollection, named in the active language.

    `?city=<slug>` keeps one city's records, `?kind=<item kind>` the items of one kind.
    """
    slug, kind = request.GET.get("city", ""), request.GET.get("kind", "")
    if kind and kind not in ItemKind.values:
        return _bad_request(
            _("Unknown kind “%(kind)s”: use one of %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(ItemKind.values)}
        )
    city = City.objects.filter(slug=slug).first() if slug else None
    if slug and city is None:
        return _bad_request(_("There is no city “%(slug)s”.") % {"slug": slug})
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
        for mapped in mapped_places(request.user, city=city, kind=kind)
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


def _bad_request(detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=400, json_dumps_params={"ensure_ascii": False})
