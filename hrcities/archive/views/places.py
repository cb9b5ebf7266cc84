"""A place and what happened there."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ..models import Event, Item, Place
from .common import _item_rows, lang_attribute, pick_with_language, place_is_visible


def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    place = get_object_or_404(Place.objects.select_related("geonames_place"), pk=pk)
    if not place_is_visible(place, user):
        raise Http404(_("No such place."))
    page, rows = _item_rows(request, Item.objects.visible_to(user).filter(place=place))
    title, title_language = pick_with_language(place.titles, place.original_language)
    context = {
        "place": place,
        "title": title,
        "title_language": lang_attribute(title_language),
        "page": page,
        "rows": rows,
        "events": Event.objects.visible_to(user).filter(places=place),
        "geonames_url": f"https://www.geonames.org/{place.geonames_place_id}/"
        if place.geonames_place_id
        else "",
    }
    return render(request, "archive/place_detail.html", context)
