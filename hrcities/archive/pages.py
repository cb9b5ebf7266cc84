"""What the memory archive adds to other apps' pages: a city's records and sites of memory."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest

from .browse.map import mapped_places
from .models import Item, ItemKind
from .views.common import present_items
from .views.items import title_order

# The city page shows the first records and sites; the archive's list shows them all.
SHOWN = 5


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]]:
    """Return the city page's section: how many of the city's records the reader may see,
    the newest of them, and its sites of memory on a map and in a list.

    Titles are shown as the reader may read them (withheld words and names cut), and
    sites are placed where their place lies, never at an item's exact location.
    """
    user = request.user
    visible = Item.objects.visible_to(user).filter(city=city)
    by_kind = dict(
        visible.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    newest = visible.exclude(kind=ItemKind.SITE).order_by("-created_at", "-id")[:SHOWN]
    sites = (
        visible.filter(kind=ItemKind.SITE).select_related("place").order_by(title_order(), "id")
    )[:SHOWN]
    site_count = by_kind.get(ItemKind.SITE, 0)
    return (
        "archive/_city_archive.html",
        {
            "city": city,
            "count": sum(by_kind.values()),
            "site_count": site_count,
            "newest": present_items(newest, user),
            "sites": present_items(sites, user) if site_count else [],
            "mapped": mapped_places(user, city=city, kind=ItemKind.SITE) if site_count else [],
        },
    )
