"""Reading programmes: the list with its filters, a programme's page, where it travelled,
and the totals of sessions and participants."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_review, keeps, keeps_anything
from hrcities.archive.models import Item
from hrcities.archive.presenting import shown_title
from hrcities.archive.views.common import contribute_owners
from hrcities.archive.views.items import title_order
from hrcities.core.languages import language_name
from hrcities.indicators.models import Indicator
from hrcities.network.models import City
from hrcities.taxonomy.views import tag_context

from .. import queries
from ..models import Audience, Format, Method, Programme
from ..services import count_dimensions, may_record_sessions

PAGE_SIZE = 20


def _language() -> str:
    return (get_language() or "en").split("-")[0]


SORTS = {
    "title": lambda: [title_order(), "id"],
    "newest": lambda: ["-created_at", "-id"],
    "sessions": lambda: ["-session_count", title_order(), "id"],
}


def programme_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    programmes = queries.visible_programmes(user).select_related("city", "organisation")
    chosen = {
        name: request.GET.get(name, "").strip()
        for name in ("city", "audience", "format", "language", "method", "sort")
    }
    if chosen["city"]:
        programmes = programmes.filter(city__slug=chosen["city"])
    if chosen["audience"]:
        programmes = programmes.filter(audiences__slug=chosen["audience"])
    if chosen["format"] in Format.values:
        programmes = programmes.filter(format=chosen["format"])
    if chosen["method"]:
        programmes = programmes.filter(methods__slug=chosen["method"])
    if chosen["language"]:
        # Languages are a JSON list: compared here, the same way on every database.
        ids = [
            pk
            for pk, codes in programmes.values_list("pk", "languages")
            if chosen["language"] in (codes or [])
        ]
        programmes = programmes.filter(pk__in=ids)
    if chosen["sort"] not in SORTS:
        chosen["sort"] = "title"
    programmes = programmes.distinct().annotate(session_count=Count("sessions", distinct=True))
    page = Paginator(programmes.order_by(*SORTS[chosen["sort"]]()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    visible = queries.visible_programmes(user)
    languages = sorted(
        {code for codes in visible.values_list("languages", flat=True) for code in codes or []}
    )
    cities, organisations = contribute_owners(user)
    context = {
        **chosen,
        "page": page,
        "programmes": page.object_list,
        "cities": City.objects.filter(pk__in=visible.values("city")),
        "audiences": Audience.objects.all(),
        "formats": Format.choices,
        "methods": Method.objects.filter(
            Q(city__isnull=True) | Q(programmes__in=visible.values("pk"))
        ).distinct(),
        "languages": [(code, language_name(code)) for code in languages],
        "sorts": [
            ("title", _("Title")),
            ("newest", _("Newest first")),
            ("sessions", _("Most sessions first")),
        ],
        "is_filtered": any(chosen[n] for n in ("city", "audience", "format", "language", "method")),
        "show_status": keeps_anything(user),
        "may_add": cities.exists() or organisations.exists(),
    }
    return render(request, "education/programme_list.html", context)


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    sessions = programme.sessions.select_related("city").prefetch_related("counts__dimension")
    cities, organisations = contribute_owners(user)
    items = Item.objects.visible_to(user).filter(pk__in=programme.items.values("pk"))
    context = {
        "programme": programme,
        "title_language": _text_language(programme.titles, programme.original_language),
        "audiences": programme.audiences.select_related("phase"),
        "languages": [(code, language_name(code)) for code in programme.languages or []],
        "items": [(item, shown_title(item, user)) for item in items],
        "actions": programme.actions.select_related("commitment", "city", "organisation"),
        "indicators": Indicator.objects.visible_to(user).filter(
            pk__in=programme.indicators.values("pk")
        ),
        "materials": programme.materials.filter(session__isnull=True),
        "lineage": queries.lineage_for(programme, user),
        "adaptations": queries.descendants_for(programme, user),
        "sessions": sessions,
        "totals": queries.totals_of(programme.sessions.all()),
        "totals_by_year": queries.totals_by_year(programme.sessions.all()),
        "groups": _group_rows(programme, programme.sessions.all()),
        "keeps": keeps(user, programme),
        "may_review": can_review(user, programme),
        "may_record": may_record_sessions(user, programme),
        "may_adapt": cities.exists() or organisations.exists(),
        **tag_context(request, programme),
    }
    return render(request, "education/programme_detail.html", context)


def _text_language(texts: dict[str, str], original: str) -> str:
    """Return the code of the text pick_translation shows (for the lang attribute)."""
    for code in (_language(), "en"):
        if texts.get(code):
            return code
    return next((code for code, text in texts.items() if text), original)


def _group_rows(programme: Programme, sessions: Any) -> list[tuple[Any, list[tuple[str, int]]]]:
    """Return the participants counted per breakdown, in the breakdowns' order."""
    counted = queries.counts_by_group(sessions)
    rows = []
    for dimension in count_dimensions(programme):
        groups = counted.get(dimension.slug)
        if groups:
            names = dimension.value_names or {}
            rows.append(
                (
                    dimension,
                    [(names.get(v, {}).get(_language(), v), n) for v, n in sorted(groups.items())],
                )
            )
    return rows


def travels(request: HttpRequest, slug: str) -> HttpResponse:
    programme = queries.get_programme_for_user(request.user, slug)
    context = {"programme": programme, "stops": queries.travels(programme, request.user)}
    return render(request, "education/programme_travels.html", context)


def travels_data(request: HttpRequest, slug: str) -> JsonResponse:
    """Return the cities a programme travelled to as GeoJSON, named in the active language."""
    programme = queries.get_programme_for_user(request.user, slug)
    features = [
        {
            "type": "Feature",
            "id": stop.city.pk,
            "geometry": {"type": "Point", "coordinates": [stop.city.longitude, stop.city.latitude]},
            "properties": {
                "name": stop.city.name,
                "programmes": len(stop.programmes),
                "sessions": stop.sessions,
                "participants": stop.participants,
                "url": stop.programmes[0].get_absolute_url()
                if stop.programmes
                else stop.city.get_absolute_url(),
            },
        }
        for stop in queries.travels(programme, request.user)
        if stop.city.latitude is not None and stop.city.longitude is not None
    ]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False},
        content_type="application/geo+json",
    )
    response["Content-Language"] = _language()
    response["Vary"] = "Cookie, Accept-Language"
    return response


def totals(request: HttpRequest) -> HttpResponse:
    sessions = queries.visible_sessions(request.user)
    context = {
        "totals": queries.totals_of(sessions),
        "by_programme": queries.totals_by_programme(sessions),
        "by_city": queries.totals_by_city(sessions),
        "by_year": queries.totals_by_year(sessions),
    }
    return render(request, "education/totals.html", context)
