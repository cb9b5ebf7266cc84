"""The pages of a list a city may extend (see citylists.py): the list, adding, renaming and
deleting an entry. Each app describes its list once (a `CityList`) and routes to these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import is_network_admin, require_create_in
from hrcities.core.editing import confirm_page, form_page

from . import citylists


@dataclass(frozen=True)
class CityList:
    """What one app's list is called, where its pages live and what uses an entry."""

    model: Any
    url_prefix: str  # e.g. "education:method": -list, -create, -edit, -delete
    texts: dict[str, Any]  # title, intro, add, added, edit, saved, delete, deleted, used_by, empty
    dependants: Callable[[Any], list[str]]
    city_model: Any  # network.City: the network sits above this floor
    extra_head: str = ""

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"{self.url_prefix}-{action}", args=args)


def _city(kind: CityList, request: HttpRequest, slug: str) -> Any:
    city = get_object_or_404(kind.city_model, slug=slug)
    require_create_in(request.user, city=city)
    return city


def _entry(kind: CityList, request: HttpRequest, city: str, pk: int) -> tuple[Any, Any]:
    place = _city(kind, request, city)
    entry = get_object_or_404(citylists.entries_for(kind.model, place), pk=pk)
    citylists.require_keeper(request.user, entry)
    return place, entry


def list_page(kind: CityList, request: HttpRequest, city: str) -> HttpResponse:
    place = _city(kind, request, city)
    entries = citylists.entries_for(kind.model, place).order_by(
        F("city").desc(nulls_last=True), "position", "slug"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "city": place,
        "kind": kind,
        "texts": kind.texts,
        "page": page,
        "entries": [
            (
                entry,
                kind.dependants(entry),
                kind.url("edit", place.slug, entry.pk),
                kind.url("delete", place.slug, entry.pk),
            )
            for entry in page
        ],
        "add_url": kind.url("create", place.slug),
        "may_change_shared": is_network_admin(request.user),
        "extra_head": kind.extra_head,
    }
    return render(request, "core/city_list.html", context)


def create_page(kind: CityList, request: HttpRequest, city: str) -> HttpResponse:
    place = _city(kind, request, city)
    back = kind.url("list", place.slug)
    return form_page(
        request,
        citylists.EntryForm(request.POST or None),
        title=kind.texts["add"] % {"city": place.name},
        intro=kind.texts["intro"],
        button=kind.texts["add_button"],
        back=back,
        save=lambda form: citylists.add_entry(kind.model, place, by=request.user, **form.changes()),
        done=kind.texts["added"],
        next_url=lambda _entry: back,
        extra_head=kind.extra_head,
    )


def edit_page(kind: CityList, request: HttpRequest, city: str, pk: int) -> HttpResponse:
    place, entry = _entry(kind, request, city, pk)
    back = kind.url("list", place.slug)
    return form_page(
        request,
        citylists.EntryForm(request.POST or None, initial=citylists.EntryForm.initial_for(entry)),
        title=kind.texts["edit"] % {"name": entry.name},
        button=kind.texts["save_button"],
        back=back,
        save=lambda form: citylists.rename_entry(entry, by=request.user, **form.changes()),
        done=kind.texts["saved"],
        next_url=lambda _entry: back,
        extra_head=kind.extra_head,
    )


def delete_page(kind: CityList, request: HttpRequest, city: str, pk: int) -> HttpResponse:
    place, entry = _entry(kind, request, city, pk)
    back = kind.url("list", place.slug)
    return confirm_page(
        request,
        title=kind.texts["delete"] % {"name": entry.name},
        consequences=[kind.texts["delete_consequence"]],
        refusal=kind.dependants(entry),
        button=kind.texts["delete_button"],
        action=lambda: citylists.delete_entry(entry, by=request.user, dependants=kind.dependants),
        done=kind.texts["deleted"] % {"name": entry.name},
        back=back,
        next_url=back,
        extra_head=kind.extra_head,
    )


def views_for(kind: CityList) -> dict[str, Callable[..., HttpResponse]]:
    """Return the four views of `kind`, signed in; the forms take GET and POST."""
    both = require_http_methods(["GET", "POST"])

    def listing(request: HttpRequest, city: str) -> HttpResponse:
        return list_page(kind, request, city)

    def create(request: HttpRequest, city: str) -> HttpResponse:
        return create_page(kind, request, city)

    def edit(request: HttpRequest, city: str, pk: int) -> HttpResponse:
        return edit_page(kind, request, city, pk)

    def delete(request: HttpRequest, city: str, pk: int) -> HttpResponse:
        return delete_page(kind, request, city, pk)

    return {
        "list": login_required(listing),
        "create": login_required(both(create)),
        "edit": login_required(both(edit)),
        "delete": login_required(both(delete)),
    }
