"""Collections of items."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_review, keeps, kept_filter, require_review
from hrcities.access.tiers import Publication
from hrcities.core.editing import confirm_page

from .. import curation, services
from ..curation_forms import CollectionForm, MoveItemsForm
from ..models import Collection, Item
from .common import (
    ARCHIVE_PAGE,
    _item_rows,
    _page,
    contribute_owners,
    lang_attribute,
    may_edit,
    pick_with_language,
)
from .editing import edit_page, record_create_page, record_form_options


def collection_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    page = _page(
        request,
        Collection.objects.visible_to(user).select_related("city", "organisation").order_by("slug"),
    )
    counts = dict(
        Item.objects.visible_to(user)
        .filter(collection__in=[c.pk for c in page])
        .values("collection")
        .annotate(n=Count("id"))
        .values_list("collection", "n")
    )
    rows = [(collection, counts.get(collection.pk, 0)) for collection in page]
    cities, organisations = contribute_owners(user)
    context = {"page": page, "rows": rows, "may_add": cities.exists() or organisations.exists()}
    return render(request, "archive/collection_list.html", context)


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
        "may_edit": may_edit(user, collection),
        "may_publish": can_review(user, collection)
        and collection.publication != Publication.PUBLISHED,
    }
    return render(request, "archive/collection_detail.html", context)


def get_collection_for_user(user: Any, slug: str) -> Collection:
    return get_object_or_404(
        Collection.objects.visible_to(user).select_related("city", "organisation"), slug=slug
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_create(request: HttpRequest) -> HttpResponse:
    return record_create_page(
        request,
        Collection,
        form_class=CollectionForm,
        options=record_form_options(request.user),
        template="archive/collection_form.html",
        refusal=_("You may add collections only for a city or organisation you contribute to."),
        list_url="archive:collection-list",
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a collection; its reviewers also publish it from here."""
    user = request.user
    collection = get_collection_for_user(user, slug)
    if request.method == "POST" and "publish" in request.POST:
        services.publish(collection, by=user)
        messages.success(request, _("“%(record)s” is published.") % {"record": collection})
        return redirect(collection)
    return edit_page(
        request,
        collection,
        form_class=CollectionForm,
        options=record_form_options(user, collection),
        template="archive/collection_form.html",
        context={"collection": collection},
    )


@login_required
@require_http_methods(["GET", "POST"])
def collection_delete(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    collection = get_collection_for_user(user, slug)
    require_review(user, collection)
    held = Item.objects.visible_to(user).filter(collection=collection).count()
    others = (
        Collection.objects.visible_to(user)
        .filter(kept_filter(user))
        .exclude(pk=collection.pk)
        .order_by("slug")
    )
    consequences = [
        _("The collection is deleted; its last version stays in its history."),
        ngettext(
            "It holds %(n)s item you may see: choose a collection to move it to, or "
            "the collection is not deleted.",
            "It holds %(n)s items you may see: choose a collection to move them to, or "
            "the collection is not deleted.",
            held,
        )
        % {"n": held}
        if held
        else _("It holds no item you may see."),
    ]
    form = MoveItemsForm(request.POST or None, collections=others)
    return confirm_page(
        request,
        title=_("Delete “%(collection)s”") % {"collection": collection},
        consequences=consequences,
        button=_("Delete the collection"),
        action=lambda data: curation.delete_collection(
            collection, by=user, move_to=data["move_to"]
        ),
        done=_("“%(collection)s” was deleted.") % {"collection": collection},
        back=collection.get_absolute_url(),
        next_url=reverse("archive:collection-list"),
        form=form,
        context=ARCHIVE_PAGE,
    )
