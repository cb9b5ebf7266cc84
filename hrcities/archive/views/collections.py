"""Collections of items."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hrcities.access.keepers import keeps

from ..models import Collection, Item
from .common import _item_rows, _page, lang_attribute, pick_with_language


def collection_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    page = _page(
        request, Collection.objects.visible_to(user).select_related("city", "organisation")
    )
    counts = dict(
        Item.objects.visible_to(user)
        .filter(collection__in=[c.pk for c in page])
        .values("collection")
        .annotate(n=Count("id"))
        .values_list("collection", "n")
    )
    rows = [(collection, counts.get(collection.pk, 0)) for collection in page]
    return render(request, "archive/collection_list.html", {"page": page, "rows": rows})


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    collection = get_object_or_404(
        Collection.objects.visible_to(user).select_related("city", "organisation"), slug=slug
    )
    page, rows = _item_rows(request, Item.objects.visible_to(user).filter(collection=collection))
    description, description_language = pick_with_language(
        collection.descriptions or {}, collection.original_language
    )
    context = {
        "collection": collection,
        "description": description,
        "description_language": lang_attribute(description_language),
        "page": page,
        "rows": rows,
        "is_manager": keeps(user, collection),
    }
    return render(request, "archive/collection_detail.html", context)
