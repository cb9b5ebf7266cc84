"""The list of items and an item's page."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change, can_review, keeps_anything
from hrcities.access.tiers import Access, Publication
from hrcities.accounts.permissions import is_network_admin
from hrcities.core.languages import language_name
from hrcities.network.models import City
from hrcities.taxonomy.views import tag_context

from .. import services
from ..forms import RedactionForm
from ..marking import KeeperMarks, consent_summary, keeper_marks, marked_html
from ..models import Collection, Event, Item, ItemKind
from ..presenting import ItemView, hidden_field_note, person_name, present_item
from ..thumbnails import PDF, may_have_thumbnail
from .common import (
    _language,
    _page,
    _present_page,
    _relations,
    _title_search,
    consent_state,
    contribute_owners,
    get_item_for_user,
    is_public,
    lang_attribute,
    pick_with_language,
)

LONG_TRANSCRIPT = 1200


def title_order() -> Any:
    """Order records by their title in the active language (then English, then Korean)."""
    return Lower(
        Coalesce(
            KeyTextTransform(_language(), "titles"),
            KeyTextTransform("en", "titles"),
            KeyTextTransform("ko", "titles"),
        )
    )


ITEM_SORTS = {
    "date": lambda: [F("date_start").asc(nulls_last=True), "id"],
    "title": lambda: [title_order(), "id"],
    "newest": lambda: ["-created_at", "-id"],
}


def item_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    items = Item.objects.visible_to(user)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    city = request.GET.get("city", "")
    collection = request.GET.get("collection", "")
    access = request.GET.get("access", "")
    sort = request.GET.get("sort", "date")
    is_manager = keeps_anything(user)
    if sort not in ITEM_SORTS:
        sort = "date"
    if q:
        items = _title_search(items, q, user)
    if kind in ItemKind.values:
        items = items.filter(kind=kind)
    if city:
        items = items.filter(city__slug=city)
    if collection:
        items = items.filter(collection__slug=collection)
    if is_manager and access in Access.values:
        items = items.filter(access=access)
    page = _page(request, items.order_by(*ITEM_SORTS[sort]()))
    cities, organisations = contribute_owners(user)
    context = {
        "page": page,
        "rows": _present_page(page, user),
        "q": q,
        "kind": kind,
        "city": city,
        "collection": collection,
        "access": access,
        "sort": sort,
        "kinds": ItemKind.choices,
        "cities": City.objects.filter(pk__in=Item.objects.visible_to(user).values("city")),
        "collections": Collection.objects.visible_to(user),
        "accesses": Access.choices if is_manager else [],
        "sorts": [
            ("date", _("Date, earliest first")),
            ("title", _("Title")),
            ("newest", _("Newest additions first")),
        ],
        "is_filtered": bool(q or kind or city or collection or (is_manager and access)),
        "is_manager": is_manager,
        "may_add": cities.exists() or organisations.exists(),
    }
    template = (
        "archive/_item_results.html"
        if request.headers.get("HX-Request")
        else "archive/item_list.html"
    )
    return render(request, template, context)


def _item_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    user = request.user
    # The item's own page: a transcript its narrator did not agree to have quoted is
    # read here, and nowhere else.
    view = present_item(item, user, on_item_page=True)
    # For keepers only: what the public does not see, marked (nothing for anyone else).
    marks = keeper_marks(item, view)
    title, title_language = pick_with_language(view.titles, item.original_language)
    original_title = view.titles.get(item.original_language, "")
    description, description_language = pick_with_language(
        view.descriptions, item.original_language
    )
    other_descriptions = [
        (lang_attribute(code), code, language_name(code), marked_html(text, marks.phrases))
        for code, text in view.descriptions.items()
        if code != description_language and text
    ]
    in_other_language = title_language.split("-")[0] != _language()
    narrator = view.narrator
    if item.narrator is not None and narrator != item.narrator.pseudonym:
        if person_name(item.narrator, user) == item.narrator.pseudonym:
            narrator = item.narrator.pseudonym
    narrator_hidden = "narrator_name" in view.hidden_fields
    people = [
        (
            role,
            item.narrator.pseudonym
            if narrator_hidden and role.person_id == item.narrator_id and item.narrator
            else person_name(role.person, user),
            marks.public_names.get(role.person_id, ""),
        )
        for role in item.person_roles.select_related("person")
    ]
    collection = (
        Collection.objects.visible_to(user).filter(pk=item.collection_id).first()
        if item.collection_id
        else None
    )
    withdrawn = (
        item.consents.filter(withdrawn_on__isnull=False).order_by("-withdrawn_on").first()
        if item.is_withdrawn
        else None
    )
    may_review = can_review(user, item)
    may_change = can_change(user, item)
    is_draft = item.publication == Publication.DRAFT
    return {
        "item": item,
        "view": view,
        "marks": marks,
        "has_marks": marks.marks_anything(item),
        "title": title,
        "title_html": marked_html(title, marks.phrases, paragraphs=False),
        "title_language": lang_attribute(title_language),
        "title_language_name": language_name(title_language) if in_other_language else "",
        "original_title": original_title if original_title != title else "",
        "original_language": lang_attribute(item.original_language),
        "original_language_name": language_name(item.original_language),
        "description": description,
        "description_html": marked_html(description, marks.phrases),
        "description_language": lang_attribute(description_language),
        "description_code": description_language,
        "other_descriptions": other_descriptions,
        "transcript_html": marked_html(view.transcript, marks.phrases),
        "transcript_is_long": len(view.transcript) > LONG_TRANSCRIPT,
        "rights_html": marked_html(view.rights, marks.phrases, paragraphs=False),
        "exact_location_html": marked_html(view.exact_location, marks.phrases, paragraphs=False),
        "contact_html": marked_html(view.contact, marks.phrases, paragraphs=False),
        "narrator": narrator,
        "narrator_public_name": marks.public_names.get(item.narrator_id or 0, ""),
        "people": people,
        "collection": collection,
        "events": Event.objects.visible_to(user).filter(items=item),
        "media": media_entries(item, view, marks),
        "relations": _relations(item, user),
        "hidden_note": hidden_field_note(view),
        **consent_state(item),
        "consent": consent_summary(item, user) if view.is_manager else None,
        "withdrawn_consent": withdrawn,
        "is_public": is_public(item),
        "may_review": may_review,
        "may_edit": may_change,
        "may_submit": is_draft and may_change,
        "may_publish": may_review and item.publication != Publication.PUBLISHED,
        "may_return": may_review and item.publication == Publication.SUBMITTED,
        "may_add_media": may_change,
        "may_purge": is_network_admin(user),
        "redaction_form": RedactionForm(auto_id="redact-%s") if may_review else None,
        "jsonld_url": f"/api/archive/items/{item.pk}/jsonld",
        **tag_context(request, item),
    }


def media_entries(item: Item, view: ItemView, marks: KeeperMarks) -> list[dict[str, Any]]:
    """Return the item's files as its page shows them: each with its kind (image, PDF,
    audio, video or another document), the name and transcript this reader may read."""
    entries = []
    for media in item.media.all():
        kind = services.MEDIA_TYPES.get(media.content_type, ("document", ()))[0]
        entries.append(
            {
                "file": media,
                "kind": "pdf" if media.content_type == PDF else kind,
                "name": view.file_name(media),
                "transcript": view.file_transcript(media),
                "transcript_html": marked_html(view.file_transcript(media), marks.phrases),
                "has_thumbnail": may_have_thumbnail(media),
            }
        )
    return entries


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    return render(request, "archive/item_detail.html", _item_context(request, item))
