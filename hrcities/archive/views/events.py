"""Events: lists, pages, adding and changing them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_review, keeps_anything
from hrcities.access.tiers import Publication
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict
from hrcities.network.models import City
from hrcities.taxonomy.views import tag_context

from .. import services
from ..forms import EventForm
from ..models import Event, Item, Place
from ..presenting import person_name
from .common import (
    FIELD_FOR,
    _item_rows,
    _page,
    _relations,
    _title_search,
    contribute_owners,
    get_event_for_user,
    lang_attribute,
    may_edit,
    pick_with_language,
)
from .editing import record_create_page, record_form_options


def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    events = Event.objects.visible_to(user).select_related("city", "organisation")
    q = request.GET.get("q", "").strip()
    city = request.GET.get("city", "")
    if q:
        events = _title_search(events, q, user)
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
        "is_manager": keeps_anything(user),
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
    may_review = can_review(user, event)
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
    options = record_form_options(user, event)
    kept = Q(city__in=options["cities"]) | Q(organisation__in=options["organisations"])
    places = Place.objects.filter(kept)
    if event is not None:
        places = places | Place.objects.filter(pk__in=event.places.values("pk"))
    return {**options, "places": places.distinct().order_by("id")}


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    return record_create_page(
        request,
        Event,
        form_class=EventForm,
        options=_event_form_options(request.user),
        template="archive/event_form.html",
        refusal=_("You may add events only for a city or organisation you contribute to."),
        list_url="archive:event-list",
    )


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
            return render_edit_conflict(
                request, template, form, conflict, context, options=options, record_option="record"
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event)
    return render(request, template, {**context, "form": form}, status=400)
