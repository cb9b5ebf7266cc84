"""Pages of the memory archive: items, consent, redaction, media, collections, events,
places and people.

Every list and page starts from `visible_to(request.user)`; a record the reader may not
see answers 404, so its existence is not revealed. What is shown of an item comes from
`presenting.present_item`, which has already dropped hidden fields and redacted spans.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import IContains
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.accounts.permissions import (
    CONTRIBUTE_ROLES,
    REVIEW_ROLES,
    is_network_admin,
    require_network_admin,
)
from hrcities.commitments.forms import owner_value
from hrcities.core.forms import add_model_errors
from hrcities.core.models import AuditEntry
from hrcities.core.services import EditConflict, audit
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.views import tag_context

from . import services
from .forms import (
    ConsentForm,
    EventForm,
    ItemForm,
    MediaForm,
    PurgeForm,
    RecordForm,
    RedactionForm,
    WithdrawForm,
)
from .models import (
    Access,
    Collection,
    Consent,
    Event,
    Item,
    ItemKind,
    MediaFile,
    Person,
    Place,
    Publication,
    Redaction,
    Relation,
)
from .presenting import ItemView, hidden_field_note, manages, person_name, present_item

PAGE_SIZE = 25
LONG_TRANSCRIPT = 1200
INLINE_TYPES = ("image/", "audio/", "video/", "application/pdf")
# Model errors arrive on model fields; show them at the form field that set them.
FIELD_FOR = {
    "titles": "title_en",
    "descriptions": "description_en",
    "city": "owner",
    "organisation": "owner",
    "pseudonym": "new_narrator_pseudonym",
    "real_name": "new_narrator_real_name",
}


# --- helpers --------------------------------------------------------------------------


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def language_name(code: str) -> str:
    """Return a language's name in the active language, or the code if Django has none."""
    for candidate in (code, code.split("-")[0]):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


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


def manages_anything(user: Any) -> bool:
    return is_network_admin(user) or (
        getattr(user, "is_authenticated", False)
        and user.roles.filter(role__in=REVIEW_ROLES).exists()
    )


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
    services.require_review(user, item)
    return item


def get_event_for_user(user: Any, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(user).select_related("city", "organisation"), pk=pk
    )


def may_edit(user: Any, record: Any) -> bool:
    """Reviewers change any record they keep; contributors only drafts (as the service says)."""
    if services.can_review(user, record):
        return True
    city, organisation = record.scope()
    return record.publication == Publication.DRAFT and services.can_contribute(
        user, city=city, organisation=organisation
    )


def is_public(item: Item) -> bool:
    return Item.objects.visible_to(AnonymousUser()).filter(pk=item.pk).exists()


def present_items(items: Any, user: Any) -> list[ItemView]:
    """Return each item as this reader may see it (lists show titles and descriptions)."""
    views = []
    for item in items.select_related("city", "organisation").prefetch_related("redactions"):
        view = present_item(item, user, redactions=list(item.redactions.all()))
        # Lists mark the language of each title and summary for screen readers.
        view.title_language = lang_attribute(
            pick_with_language(view.titles, item.original_language)[1]
        )
        view.description_language = lang_attribute(
            pick_with_language(view.descriptions, item.original_language)[1]
        )
        views.append(view)
    return views


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
                    "other_kind": other._meta.verbose_name,
                    "note": relation.note,
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
        manages(user, place)
        or Item.objects.visible_to(user).filter(place=place).exists()
        or Event.objects.visible_to(user).filter(places=place).exists()
    )


def _page(request: HttpRequest, records: Any) -> Any:
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))


# --- items: lists ---------------------------------------------------------------------


def _title_order() -> Any:
    return Lower(
        Coalesce(
            KeyTextTransform(_language(), "titles"),
            KeyTextTransform("en", "titles"),
            KeyTextTransform("ko", "titles"),
        )
    )


ITEM_SORTS = {
    "date": lambda: [F("date_start").asc(nulls_last=True), "id"],
    "title": lambda: [_title_order(), "id"],
    "newest": lambda: ["-created_at", "-id"],
}


def _title_search(items: Any, q: str) -> Any:
    """Filter by words in a title, in any language the visible items are written in."""
    languages = {_language(), "en", "ko", *items.values_list("original_language", flat=True)}
    match = Q()
    for code in sorted(languages):
        # The code is a key, never a lookup path: a stored code such as "x__in" (kept
        # before codes were checked) cannot turn into a lookup that fails the page.
        match |= Q(IContains(KeyTextTransform(code, "titles"), q))
    return items.filter(match)


def item_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    items = Item.objects.visible_to(user)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    city = request.GET.get("city", "")
    collection = request.GET.get("collection", "")
    access = request.GET.get("access", "")
    sort = request.GET.get("sort", "date")
    is_manager = manages_anything(user)
    if sort not in ITEM_SORTS:
        sort = "date"
    if q:
        items = _title_search(items, q)
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


def _present_page(page: Any, user: Any) -> list[ItemView]:
    """Return each item of a page, in the page's order, as the reader may see it."""
    views = {v.pk: v for v in present_items(Item.objects.filter(pk__in=[i.pk for i in page]), user)}
    return [views[item.pk] for item in page]


def _item_rows(request: HttpRequest, items: Any) -> tuple[Any, list[ItemView]]:
    """Return a page of items by date and each item on it as the reader may see it."""
    page = _page(request, items.order_by(F("date_start").asc(nulls_last=True), "id"))
    return page, _present_page(page, request.user)


# --- items: the record page -----------------------------------------------------------


def _item_context(request: HttpRequest, item: Item) -> dict[str, Any]:
    user = request.user
    view = present_item(item, user)
    title, title_language = pick_with_language(view.titles, item.original_language)
    original_title = view.titles.get(item.original_language, "")
    description, description_language = pick_with_language(
        view.descriptions, item.original_language
    )
    other_descriptions = [
        (lang_attribute(code), language_name(code), text)
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
    city, organisation = item.scope()
    may_review = services.can_review(user, item)
    may_contribute = services.can_contribute(user, city=city, organisation=organisation)
    is_draft = item.publication == Publication.DRAFT
    media = [
        {
            "file": m,
            "kind": services.MEDIA_TYPES.get(m.content_type, ("document", ()))[0],
            "transcript": view.cut_phrases(m.transcript),
        }
        for m in item.media.all()
    ]
    return {
        "item": item,
        "view": view,
        "title": title,
        "title_language": lang_attribute(title_language),
        "title_language_name": language_name(title_language) if in_other_language else "",
        "original_title": original_title if original_title != title else "",
        "original_language": lang_attribute(item.original_language),
        "original_language_name": language_name(item.original_language),
        "description": description,
        "description_language": lang_attribute(description_language),
        "other_descriptions": other_descriptions,
        "transcript_is_long": len(view.transcript) > LONG_TRANSCRIPT,
        "narrator": narrator,
        "people": people,
        "collection": collection,
        "events": Event.objects.visible_to(user).filter(items=item),
        "media": media,
        "relations": _relations(item, user),
        "hidden_note": hidden_field_note(view),
        "withdrawn_consent": withdrawn,
        "is_public": is_public(item),
        "may_review": may_review,
        "may_edit": may_edit(user, item),
        "may_submit": is_draft and may_contribute,
        "may_publish": may_review and item.publication != Publication.PUBLISHED,
        "may_add_media": may_review or may_contribute,
        "may_purge": is_network_admin(user),
        "jsonld_url": f"/api/archive/items/{item.pk}/jsonld",
        **tag_context(request, item),
    }


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    return render(request, "archive/item_detail.html", _item_context(request, item))


# --- items: adding and editing --------------------------------------------------------


def _item_form_options(user: Any, item: Item | None = None) -> dict[str, Any]:
    cities, organisations = contribute_owners(user)
    kept = Q(city__in=cities) | Q(organisation__in=organisations)
    places = Place.objects.filter(kept)
    narrators = Person.objects.filter(kept)
    if item is not None:
        places = places | Place.objects.filter(pk=item.place_id)
        narrators = narrators | Person.objects.filter(pk=item.narrator_id)
        may_set_access = services.can_review(user, item)
    else:
        reviewed_cities, reviewed_organisations = _owners(user, REVIEW_ROLES)
        may_set_access = reviewed_cities.exists() or reviewed_organisations.exists()
    return {
        "cities": cities,
        "organisations": organisations,
        "record": item,
        "may_set_access": may_set_access,
        "collections": Collection.objects.visible_to(user),
        "places": places.distinct().order_by("id"),
        "events": Event.objects.visible_to(user),
        "narrators": narrators.distinct().order_by("pseudonym"),
        "name_of": lambda person: person_name(person, user),
    }


def _refuse_access_from_contributor(form: RecordForm, user: Any, values: dict[str, Any]) -> bool:
    """Return True (with an error) when access was set for an owner the user only contributes to."""
    if not form.sets_access or services.can_review(user, _Scope(values)):
        return False
    chosen = (
        values["access"] != Access.PUBLIC
        or values["embargo_until"]
        or values["allowed_users"]
        or values["allowed_organisations"]
    )
    if chosen:
        form.add_error(
            "access",
            _("Only the editors and reviewers of %(owner)s decide who may see its records.")
            % {"owner": values["city"] or values["organisation"]},
        )
        return True
    for name in ("access", "embargo_until", "after_embargo", "allowed_users"):
        values.pop(name)
    values.pop("allowed_organisations")
    return False


class _Scope:
    """The owner a form chose, asked about like a record."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.city, self.organisation = values["city"], values["organisation"]

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    options = _item_form_options(user)
    if not options["cities"].exists() and not options["organisations"].exists():
        raise PermissionDenied(
            _("You may add items only for a city or organisation you contribute to.")
        )
    template = "archive/item_form.html"
    if request.method == "GET":
        initial: dict[str, Any] = {"original_language": "ko", "access": Access.PUBLIC}
        owners = [*options["cities"][:2], *options["organisations"][:2]]
        if len(owners) == 1:
            initial["owner"] = owner_value(owners[0])
        return render(request, template, {"form": ItemForm(initial=initial, **options)})

    form = ItemForm(request.POST, **options)
    if form.is_valid():
        values = form.values()
        if not _refuse_access_from_contributor(form, user, values):
            try:
                with transaction.atomic():
                    if (narrator := form.new_narrator()) is not None:
                        values["narrator"] = services.create_archive_record(
                            Person, by=user, **narrator
                        )
                    item = services.create_archive_record(Item, by=user, **values)
                    if "submit_for_review" in request.POST:
                        services.submit_for_review(item, by=user)
            except ValidationError as error:
                add_model_errors(form, error, FIELD_FOR)
            else:
                return _after_create(request, item)
    return render(request, template, {"form": form}, status=400)


def _after_create(request: HttpRequest, item: Item) -> HttpResponse:
    if item.publication == Publication.SUBMITTED:
        messages.success(
            request,
            _("“%(item)s” was sent to the reviewers of %(owner)s.")
            % {"item": item, "owner": item.owner},
        )
    else:
        messages.success(request, _("“%(item)s” was saved as a draft.") % {"item": item})
    if Item.objects.visible_to(request.user).filter(pk=item.pk).exists():
        return redirect(item)
    # Contributors do not see drafts: only the editors and reviewers who keep them do.
    messages.info(
        request,
        _("Only the editors and reviewers of %(owner)s see it until they publish it.")
        % {"owner": item.owner},
    )
    return redirect("archive:item-list")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    if not may_edit(user, item):
        raise PermissionDenied(_("You may not change “%(record)s”.") % {"record": item})
    options = _item_form_options(user, item)
    template = "archive/item_form.html"
    context: dict[str, Any] = {"item": item}
    if request.method == "GET":
        form = ItemForm(initial=ItemForm.initial_for(item), **options)
        return render(request, template, {**context, "form": form})

    form = ItemForm(request.POST, **options)
    if form.is_valid() and not _refuse_moving_redactions(form, item):
        values = form.values()
        narrator = form.new_narrator()
        try:
            with transaction.atomic():
                if narrator is not None:
                    values["narrator"] = services.create_archive_record(Person, by=user, **narrator)
                services.update_archive_record(
                    item, values, by=user, based_on_version=form.cleaned_data["version"]
                )
        except EditConflict as conflict:
            if narrator is not None:
                # The refusal was logged inside the transaction that was rolled back.
                audit(
                    AuditEntry.Action.EDIT_CONFLICT,
                    by=user,
                    target=conflict.record,
                    details={"based_on": conflict.based_on, "current": conflict.current},
                )
            return _conflict(request, template, form, conflict, options, context)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(item)
    return render(request, template, {**context, "form": form}, status=400)


def _refuse_moving_redactions(form: ItemForm, item: Item) -> bool:
    """Return True (with an error) if an edit would move text under a withheld passage.

    Redactions are kept as character spans; a change before a span would shift it onto
    other words and send the withheld ones to readers.
    """
    data = form.cleaned_data
    new_texts = {
        ("transcript", ""): data["transcript"],
        ("description", "en"): data["description_en"],
        ("description", "ko"): data["description_ko"],
    }
    old_texts = {
        ("transcript", ""): item.transcript,
        **{("description", code): text for code, text in (item.descriptions or {}).items()},
    }
    fields = {"transcript": "transcript", "en": "description_en", "ko": "description_ko"}
    refused = False
    for redaction in item.redactions.all():
        key = (redaction.field, redaction.language)
        if key not in new_texts:
            continue
        old, new = old_texts.get(key, ""), new_texts[key]
        if old[redaction.start : redaction.end] != new[redaction.start : redaction.end]:
            form.add_error(
                fields[redaction.language or "transcript"],
                _(
                    "This change moves a passage that is withheld from readers. Change only "
                    "the text after the withheld passages, or ask an admin to redact it anew."
                ),
            )
            refused = True
    return refused


def _conflict(
    request: HttpRequest,
    template: str,
    form: Any,
    conflict: EditConflict,
    options: dict[str, Any],
    context: dict[str, Any],
) -> HttpResponse:
    """Show the edit again beside what is stored now, saving nothing (as for cities)."""
    current = conflict.record
    data = form.data.copy()
    data["version"] = str(current.version)
    fresh = type(form)(data, **{**options, "record": current})
    fresh.is_valid()
    stored = type(form).initial_for(current)
    rows = [
        (
            form.fields[name].label,
            form.display(name, stored.get(name)),
            form.display(
                name,
                form.data.getlist(name)
                if isinstance(form.fields[name].widget, _MULTIPLE)
                else form.data.get(name),
            ),
        )
        for name in form.fields
        if name != "version" and not name.startswith("new_narrator")
    ]
    context = {**context, "form": fresh, "conflict": conflict, "conflict_rows": rows}
    return render(request, template, context, status=409)


def _multiple_widgets() -> tuple[type, ...]:
    from django.forms import CheckboxSelectMultiple, SelectMultiple

    return (SelectMultiple, CheckboxSelectMultiple)


_MULTIPLE = _multiple_widgets()


# --- items: publication ---------------------------------------------------------------


@login_required
@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    services.submit_for_review(item, by=request.user)
    messages.success(request, _("“%(item)s” was sent to the reviewers.") % {"item": item})
    return redirect(item)


@login_required
@require_POST
def item_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    try:
        services.publish(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(item)s” is published. Its access setting still decides who sees it.")
            % {"item": item},
        )
    return redirect(item)


# --- consent --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_consents(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_managed_item(user, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(item, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("archive:item-consents", pk=item.pk)
    consents = [
        (consent, person_name(consent.person, user), _scope_labels(consent.scopes))
        for consent in item.consents.select_related("person", "recorded_by")
    ]
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "consents": consents,
        "form": form,
        "has_consent_to_publish": services.has_consent_to_publish(item),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_consents.html", context, status=status)


def _scope_labels(scopes: list[str]) -> list[str]:
    labels = dict(Consent.Scope.choices)
    return [str(labels.get(scope, scope)) for scope in scopes]


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    consent = get_object_or_404(Consent, pk=pk)
    item = get_managed_item(user, consent.item_id)
    if consent.withdrawn_on is not None:
        messages.info(request, _("This consent was already withdrawn."))
        return redirect("archive:item-consents", pk=item.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw_consent(consent, by=user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _(
                "The consent was withdrawn. “%(item)s” is now hidden from every page, API, "
                "export and feed; the archival copy is kept."
            )
            % {"item": item},
        )
        return redirect(item)
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "consent": consent,
        "scopes": _scope_labels(consent.scopes),
        "form": form,
    }
    return render(request, "archive/consent_withdraw.html", context)


# --- redaction ------------------------------------------------------------------------


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Return the text in pieces, each marked as withheld from readers or not."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


@login_required
@require_http_methods(["GET", "POST"])
def item_redactions(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_managed_item(user, pk)
    languages = sorted((item.descriptions or {}).keys())
    form = RedactionForm(request.POST or None, languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.redact_phrase(item, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(
                request,
                _("%(n)s passage(s) are now withheld from readers.") % {"n": len(made)},
            )
            return redirect("archive:item-redactions", pk=item.pk)
    redactions = list(item.redactions.select_related("created_by"))
    texts = []
    for code in languages:
        spans = [
            (r.start, r.end) for r in redactions if r.field == "description" and r.language == code
        ]
        texts.append(
            (
                _("Description (%(language)s)") % {"language": language_name(code)},
                code,
                marked(item.descriptions[code], spans),
            )
        )
    if item.transcript:
        spans = [(r.start, r.end) for r in redactions if r.field == "transcript"]
        texts.append((_("Transcript"), item.original_language, marked(item.transcript, spans)))
    rows = [(r, _redacted_words(item, r)) for r in redactions]
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "rows": rows,
        "texts": texts,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_redactions.html", context, status=status)


def _redacted_words(item: Item, redaction: Redaction) -> str:
    text = (
        item.transcript
        if redaction.field == Redaction.Field.TRANSCRIPT
        else (item.descriptions or {}).get(redaction.language, "")
    )
    return text[redaction.start : redaction.end]


# --- media ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_media_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    city, organisation = item.scope()
    if not services.can_contribute(user, city=city, organisation=organisation):
        raise PermissionDenied(_("You may not add files to “%(item)s”.") % {"item": item})
    form = MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            media = services.add_media(
                item,
                form.cleaned_data["file"],
                by=user,
                transcript=form.cleaned_data["transcript"],
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": media.original_name})
            return redirect(item)
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "form": form,
        "media": item.media.all(),
        "limit_mb": services.max_upload_bytes() // 1048576,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_media_add.html", context, status=status)


def _media_for_user(request: HttpRequest, pk: int) -> tuple[MediaFile, bool]:
    """Return a media file whose item the user may see (404 otherwise) and if it is public."""
    media = get_object_or_404(MediaFile, pk=pk)
    if not Item.objects.visible_to(request.user).filter(pk=media.item_id).exists():
        raise Http404(_("No such file."))
    return media, Item.objects.visible_to(AnonymousUser()).filter(pk=media.item_id).exists()


def _serve(stored: Any, content_type: str, filename: str, *, public: bool) -> FileResponse:
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from the store.")) from None
    inline = content_type.startswith(INLINE_TYPES)
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A shared cache must not keep what a withdrawal or a restriction has to hide at once.
    response["Cache-Control"] = "private, max-age=300" if public else "private, no-store"
    return response


def media_file(request: HttpRequest, pk: int) -> HttpResponse:
    media, public = _media_for_user(request, pk)
    return _serve(media.file, media.content_type, media.original_name, public=public)


def media_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    media, public = _media_for_user(request, pk)
    if not media.thumbnail:
        raise Http404(_("This file has no thumbnail."))
    stem = media.original_name.rpartition(".")[0] or media.original_name
    return _serve(media.thumbnail, "image/jpeg", f"{stem}-thumbnail.jpg", public=public)


# --- purge ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_purge(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    require_network_admin(user)
    step = (
        "confirm" if request.method == "POST" or request.GET.get("step") == "confirm" else "explain"
    )
    form = PurgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = str(item)
        try:
            services.purge_item(item, by=user, confirmation=form.cleaned_data["confirmation"])
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(
                request,
                _("“%(item)s” was purged: the record and its files are gone for good.")
                % {"item": title},
            )
            return redirect("archive:item-list")
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "step": step,
        "form": form,
        "phrase": f"purge {item.pk}",
        "media_count": item.media.count(),
        "consent_count": item.consents.count(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_purge.html", context, status=status)


# --- collections ----------------------------------------------------------------------


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
        "is_manager": manages(user, collection),
    }
    return render(request, "archive/collection_detail.html", context)


# --- events ---------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    events = Event.objects.visible_to(user).select_related("city", "organisation")
    q = request.GET.get("q", "").strip()
    city = request.GET.get("city", "")
    if q:
        events = _title_search(events, q)
    if city:
        events = events.filter(city__slug=city)
    page = _page(request, events.order_by(F("date_start").asc(nulls_last=True), "id"))
    cities, organisations = contribute_owners(user)
    context = {
        "page": page,
        "q": q,
        "city": city,
        "cities": City.objects.filter(pk__in=Event.objects.visible_to(user).values("city")),
        "is_filtered": bool(q or city),
        "is_manager": manages_anything(user),
        "may_add": cities.exists() or organisations.exists(),
    }
    return render(request, "archive/event_list.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    event = get_event_for_user(user, pk)
    page, rows = _item_rows(request, Item.objects.visible_to(user).filter(events=event))
    title, title_language = pick_with_language(event.titles, event.original_language)
    description, description_language = pick_with_language(
        event.descriptions or {}, event.original_language
    )
    people = [
        (role, person_name(role.person, user))
        for role in event.person_roles.select_related("person")
    ]
    may_review = services.can_review(user, event)
    context = {
        "event": event,
        "title": title,
        "title_language": lang_attribute(title_language),
        "description": description,
        "description_language": lang_attribute(description_language),
        "places": event.places.all(),
        "people": people,
        "relations": _relations(event, user),
        "page": page,
        "rows": rows,
        "may_review": may_review,
        "may_edit": may_edit(user, event),
        "may_publish": may_review and event.publication != Publication.PUBLISHED,
        **tag_context(request, event),
    }
    return render(request, "archive/event_detail.html", context)


def _event_form_options(user: Any, event: Event | None = None) -> dict[str, Any]:
    cities, organisations = contribute_owners(user)
    places = Place.objects.filter(Q(city__in=cities) | Q(organisation__in=organisations))
    if event is not None:
        places = places | Place.objects.filter(pk__in=event.places.values("pk"))
        may_set_access = services.can_review(user, event)
    else:
        reviewed_cities, reviewed_organisations = _owners(user, REVIEW_ROLES)
        may_set_access = reviewed_cities.exists() or reviewed_organisations.exists()
    return {
        "cities": cities,
        "organisations": organisations,
        "record": event,
        "may_set_access": may_set_access,
        "places": places.distinct().order_by("id"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    options = _event_form_options(user)
    if not options["cities"].exists() and not options["organisations"].exists():
        raise PermissionDenied(
            _("You may add events only for a city or organisation you contribute to.")
        )
    template = "archive/event_form.html"
    if request.method == "GET":
        initial = {"original_language": "ko", "access": Access.PUBLIC}
        return render(request, template, {"form": EventForm(initial=initial, **options)})
    form = EventForm(request.POST, **options)
    if form.is_valid():
        values = form.values()
        if not _refuse_access_from_contributor(form, user, values):
            try:
                event = services.create_archive_record(Event, by=user, **values)
            except ValidationError as error:
                add_model_errors(form, error, FIELD_FOR)
            else:
                messages.success(request, _("“%(event)s” was saved as a draft.") % {"event": event})
                if Event.objects.visible_to(user).filter(pk=event.pk).exists():
                    return redirect(event)
                return redirect("archive:event-list")
    return render(request, template, {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event; reviewers also publish it from here (events need no consent)."""
    user = request.user
    event = get_event_for_user(user, pk)
    if request.method == "POST" and "publish" in request.POST:
        services.publish(event, by=user)
        messages.success(request, _("“%(event)s” is published.") % {"event": event})
        return redirect(event)
    if not may_edit(user, event):
        raise PermissionDenied(_("You may not change “%(record)s”.") % {"record": event})
    options = _event_form_options(user, event)
    template = "archive/event_form.html"
    context: dict[str, Any] = {"event": event}
    if request.method == "GET":
        form = EventForm(initial=EventForm.initial_for(event), **options)
        return render(request, template, {**context, "form": form})
    form = EventForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_archive_record(
                event, form.values(), by=user, based_on_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            return _conflict(request, template, form, conflict, options, context)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return render(request, template, {**context, "form": form}, status=400)


# --- places and people ----------------------------------------------------------------


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


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_object_or_404(Person.objects.select_related("city", "organisation"), pk=pk)
    items = (
        Item.objects.visible_to(user)
        .filter(Q(narrator=person) | Q(person_roles__person=person))
        .distinct()
    )
    events = Event.objects.visible_to(user).filter(person_roles__person=person).distinct()
    is_manager = manages(user, person)
    if not is_manager and not items.exists() and not events.exists():
        raise Http404(_("No such person."))
    page, rows = _item_rows(request, Item.objects.filter(pk__in=items.values("pk")))
    item_roles: dict[int, list[str]] = {}
    event_roles: dict[int, list[str]] = {}
    for role in person.roles.filter(
        Q(item__in=items.values("pk")) | Q(event__in=events.values("pk"))
    ):
        if role.item_id:
            item_roles.setdefault(role.item_id, []).append(role.get_role_display())
        else:
            event_roles.setdefault(role.event_id, []).append(role.get_role_display())
    narrated = set(items.filter(narrator=person).values_list("pk", flat=True))
    for pk in narrated:
        item_roles.setdefault(pk, []).insert(0, _("Narrator"))
    context = {
        "person": person,
        "name": person_name(person, user),
        "is_manager": is_manager,
        "page": page,
        "rows": [(view, sorted(set(item_roles.get(view.pk, [])))) for view in rows],
        "events": [(event, event_roles.get(event.pk, [])) for event in events],
    }
    return render(request, "archive/person_detail.html", context)
