"""What the archive's pages share: finding records for a user, languages, pages of items."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change, keeps, require_review
from hrcities.accounts.permissions import CONTRIBUTE_ROLES, is_network_admin
from hrcities.core.models import NetworkSettings
from hrcities.network.models import City, Organisation

from ..models import Event, Item, Place, Relation
from ..presenting import ItemView, filter_by_title, present_item
from ..thumbnails import PDF, may_have_thumbnail

PAGE_SIZE = 25
# What the shared confirmation page (hrcities.core.editing) shows around an archive step.
ARCHIVE_PAGE = {"subnav": "archive/_subnav.html", "extra_head": "archive/_extra_head.html"}

# Model errors arrive on model fields; show them at the form field that set them.
FIELD_FOR = {
    "titles": "title_en",
    "descriptions": "description_en",
    "city": "owner",
    "organisation": "owner",
    "pseudonym": "new_narrator_pseudonym",
    "real_name": "new_narrator_real_name",
}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def pick_with_language(values: dict[str, str], original: str) -> tuple[str, str]:
    """Return the text in the active language (else English, the original, any) and its code."""
    language = _language()
    for code in (get_language() or "en", language, "en", original):
        if code and values.get(code):
            return values[code], code
    for code, text in values.items():
        if text:
            return text, code
    return "", ""


def _owners(user: Any, roles: set[str]) -> tuple[Any, Any]:
    if is_network_admin(user):
        return City.objects.all(), Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return City.objects.none(), Organisation.objects.none()
    held = {"roles__user": user, "roles__role__in": roles}
    return City.objects.filter(**held).distinct(), Organisation.objects.filter(**held).distinct()


def contribute_owners(user: Any) -> tuple[Any, Any]:
    """Return the cities and organisations the user may add archive records for."""
    return _owners(user, CONTRIBUTE_ROLES)


def get_item_for_user(user: Any, pk: int) -> Item:
    """Return the item if the user may see it; 404 otherwise, never revealing it exists."""
    return get_object_or_404(
        Item.objects.visible_to(user).select_related(
            "city", "organisation", "collection", "place", "narrator"
        ),
        pk=pk,
    )


def get_managed_item(user: Any, pk: int) -> Item:
    """Return a visible item the user keeps (403 if they only read it)."""
    item = get_item_for_user(user, pk)
    require_review(user, item)
    return item


def get_event_for_user(user: Any, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(user).select_related("city", "organisation"), pk=pk
    )


def may_edit(user: Any, record: Any) -> bool:
    """Reviewers change any record they keep; contributors only drafts (as the service says)."""
    return can_change(user, record)


def is_public(item: Item) -> bool:
    return Item.objects.visible_to(AnonymousUser()).filter(pk=item.pk).exists()


def consent_state(item: Item) -> dict[str, Any]:
    """Return what the item's keepers are told of its consent (past its renewal date, and
    whether the network hides it until renewed)."""
    lapsed = item.consent_due is not None and item.consent_due < timezone.localdate()
    return {
        "consent_lapsed": lapsed,
        "hides_lapsed": lapsed and NetworkSettings.current().hide_records_past_renewal,
    }


def present_items(items: Any, user: Any) -> list[ItemView]:
    """Return each item as this reader may see it (lists show titles and descriptions)."""
    views = []
    related = ("redactions", "person_roles__person", "media")
    for item in items.select_related("city", "organisation", "narrator").prefetch_related(*related):
        view = present_item(item, user, redactions=list(item.redactions.all()))
        view.preview = preview(view)
        # Lists mark the language of each title and summary for screen readers.
        view.title_language = lang_attribute(
            pick_with_language(view.titles, item.original_language)[1]
        )
        view.description_language = lang_attribute(
            pick_with_language(view.descriptions, item.original_language)[1]
        )
        views.append(view)
    return views


def preview(view: ItemView) -> dict[str, str] | None:
    """Return the picture that stands for an item in lists: the thumbnail of its first
    image or PDF, with a text for those who cannot see it (None: the item has none)."""
    for media in view.item.media.all():
        if may_have_thumbnail(media):
            name = view.file_name(media)
            alt = _("First page of %(name)s") if media.content_type == PDF else _("Image %(name)s")
            return {
                "url": reverse("archive:media-thumbnail", args=[media.pk]),
                "alt": alt % {"name": name},
            }
    return None


def lang_attribute(code: str) -> str:
    """Return a code fit for a lang attribute ("und" says nothing, so it is left out)."""
    return "" if code in ("", "und") else code


def _relations(record: Any, user: Any) -> list[dict[str, Any]]:
    """Return the typed links of a record whose other end this user may see."""
    content_type = ContentType.objects.get_for_model(record)
    rows = Relation.objects.filter(
        Q(source_type=content_type, source_id=record.pk)
        | Q(target_type=content_type, target_id=record.pk)
    ).select_related("source_type", "target_type")
    found = []
    for relation in rows:
        outgoing = relation.source_type_id == content_type.pk and relation.source_id == record.pk
        other_type = relation.target_type if outgoing else relation.source_type
        other_id = relation.target_id if outgoing else relation.source_id
        other = _visible_record(other_type.model_class(), other_id, user)
        if other is not None:
            found.append(
                {
                    "outgoing": outgoing,
                    "kind": relation.get_kind_display(),
                    "other": other,
                    # An item's title may hold withheld words or a hidden name.
                    "name": present_item(other, user).title if isinstance(other, Item) else other,
                    "other_kind": other._meta.verbose_name,
                    "note": relation.note,
                    "relation": relation,
                }
            )
    return found


def _visible_record(model: Any, pk: int, user: Any) -> Any:
    if model in (Item, Event):
        return (
            model.objects.visible_to(user)
            .select_related("city", "organisation")
            .filter(pk=pk)
            .first()
        )
    if model is Place:
        place = Place.objects.filter(pk=pk).first()
        return place if place is not None and place_is_visible(place, user) else None
    return None


def place_is_visible(place: Place, user: Any) -> bool:
    """A place is shown when something visible happened there, or to those who keep it."""
    return (
        keeps(user, place)
        or Item.objects.visible_to(user).filter(place=place).exists()
        or Event.objects.visible_to(user).filter(places=place).exists()
    )


def _page(request: HttpRequest, records: Any) -> Any:
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))


def _title_search(items: Any, q: str, user: Any) -> Any:
    """Filter by words in a title, in any language the visible items are written in."""
    languages = {_language(), "en", "ko", *items.values_list("original_language", flat=True)}
    return filter_by_title(items, q, user, sorted(languages))


def _present_page(page: Any, user: Any) -> list[ItemView]:
    """Return each item of a page, in the page's order, as the reader may see it."""
    views = {v.pk: v for v in present_items(Item.objects.filter(pk__in=[i.pk for i in page]), user)}
    return [views[item.pk] for item in page]


def _item_rows(request: HttpRequest, items: Any) -> tuple[Any, list[ItemView]]:
    """Return a page of items by date and each item on it as the reader may see it."""
    page = _page(request, items.order_by(F("date_start").asc(nulls_last=True), "id"))
    return page, _present_page(page, request.user)
