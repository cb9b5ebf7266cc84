"""Places: the list, a place and what happened there, adding, changing and deleting."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_review, require_review
from hrcities.core.editing import confirm_page

from .. import curation
from ..curation_forms import PlaceForm
from ..models import Event, Item, Place
from .common import (
    ARCHIVE_PAGE,
    _item_rows,
    _page,
    _title_search,
    contribute_owners,
    lang_attribute,
    may_edit,
    pick_with_language,
    place_is_visible,
)
from .editing import edit_page, record_create_page


def get_place_for_user(user: Any, pk: int) -> Place:
    """Return the place if the user may see it; 404 otherwise."""
    place = get_object_or_404(
        Place.objects.select_related("geonames_place", "city", "organisation"), pk=pk
    )
    if not place_is_visible(place, user):
        raise Http404(_("No such place."))
    return place


def place_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    places = Place.objects.visible_to(user).select_related("city", "organisation")
    q = request.GET.get("q", "").strip()
    if q:
        places = _title_search(places, q, user)
    cities, organisations = contribute_owners(user)
    context = {
        "page": _page(request, places.order_by("id")),
        "q": q,
        "may_add": cities.exists() or organisations.exists(),
    }
    return render(request, "archive/place_list.html", context)


def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    place = get_place_for_user(user, pk)
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
        "may_edit": may_edit(user, place),
        "may_delete": can_review(user, place),
    }
    return render(request, "archive/place_detail.html", context)


def _options(user: Any, place: Place | None = None) -> dict[str, Any]:
    cities, organisations = contribute_owners(user)
    return {"cities": cities, "organisations": organisations, "record": place}


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request: HttpRequest) -> HttpResponse:
    return record_create_page(
        request,
        Place,
        form_class=PlaceForm,
        options=_options(request.user),
        template="archive/place_form.html",
        refusal=_("You may add places only for a city or organisation you contribute to."),
        list_url="archive:place-list",
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    place = get_place_for_user(user, pk)
    return edit_page(
        request,
        place,
        form_class=PlaceForm,
        options=_options(user, place),
        template="archive/place_form.html",
        context={"place": place},
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    place = get_place_for_user(user, pk)
    require_review(user, place)
    return confirm_page(
        request,
        title=_("Delete “%(place)s”") % {"place": place},
        consequences=[
            _("The place is deleted; its last version stays in its history."),
            _("A place that items or events still name is not deleted: change them first."),
        ],
        button=_("Delete the place"),
        action=lambda: curation.delete_place(place, by=user),
        done=_("“%(place)s” was deleted.") % {"place": place},
        back=place.get_absolute_url(),
        next_url=reverse("archive:place-list"),
        context=ARCHIVE_PAGE,
    )
