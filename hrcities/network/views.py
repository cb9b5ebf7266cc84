"""Pages of the network registry: cities, organisations, networks and the map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import (
    can_edit,
    is_network_admin,
    require_edit,
    require_network_admin,
)
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict

from . import services
from .forms import CityForm, OrganisationForm, PlaceSearchForm
from .loaders import find_places
from .models import (
    CONTINENTS,
    City,
    Country,
    GeoNamesPlace,
    Membership,
    Network,
    Organisation,
    OrganisationKind,
    Partnership,
)
from .sections import city_sections

PAGE_SIZE = 25
# The form field that stands for a model field of another name.
FIELD_FOR = {"names": "name_en"}


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _name_order() -> Any:
    """Order by the name in the active language, English where it is missing."""
    return Lower(Coalesce(KeyTextTransform(_language(), "names"), KeyTextTransform("en", "names")))


CITY_SORTS = {
    "name": lambda: [_name_order()],
    "country": lambda: ["country__name_en", _name_order()],
    "year": lambda: [F("year_declared").asc(nulls_last=True), _name_order()],
    "-year": lambda: [F("year_declared").desc(nulls_last=True), _name_order()],
    "population": lambda: [F("population").desc(nulls_last=True)],
}


def _city_networks() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("network").order_by("network__slug"),
    )


def city_list(request: HttpRequest) -> HttpResponse:
    cities = City.objects.select_related("country").prefetch_related(_city_networks())
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    network = request.GET.get("network", "")
    continent = request.GET.get("continent", "")
    sort = request.GET.get("sort", "name")
    if sort not in CITY_SORTS:
        sort = "name"
    cities = cities.search(q)
    if country:
        cities = cities.filter(country__iso2=country.upper())
    if network:
        cities = cities.in_network(network)
    if continent in CONTINENTS:
        cities = cities.on_continent(continent)
    page = Paginator(cities.order_by(*CITY_SORTS[sort]()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "country": country.upper(),
        "network": network,
        "continent": continent,
        "sort": sort,
        "sorts": [
            ("name", _("Name")),
            ("country", _("Country")),
            ("year", _("Year declared, earliest first")),
            ("-year", _("Year declared, latest first")),
            ("population", _("Population, largest first")),
        ],
        "countries": Country.objects.filter(cities__isnull=False).distinct(),
        "networks": Network.objects.all(),
        "continents": sorted(CONTINENTS.items(), key=lambda item: str(item[1])),
        "is_filtered": bool(q or country or network or continent),
        "may_create": bool(getattr(request.user, "is_network_admin", False)),
    }
    # htmx asks for the results alone when a filter changes; without JavaScript the
    # form submits and the whole page comes back.
    template = (
        "network/_city_results.html"
        if request.headers.get("HX-Request")
        else "network/city_list.html"
    )
    return render(request, template, context)


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City.objects.select_related("country"), slug=slug)
    memberships = (
        city.memberships.select_related("network")
        .prefetch_related("focal_points")
        .order_by("network__slug")
    )
    partnerships = Partnership.objects.filter(Q(city_a=city) | Q(city_b=city)).select_related(
        "city_a", "city_b"
    )
    partner_page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("partners_page"))
    partners = [
        (p, p.city_b if p.city_a_id == city.pk else p.city_a, can_edit(request.user, p))
        for p in partner_page
    ]
    context = {
        "city": city,
        "organisations": city.organisations.all(),
        "memberships": memberships,
        "partners": partners,
        "partner_page": partner_page,
        "may_edit": can_edit(request.user, city),
        "sections": city_sections(request, city),
    }
    return render(request, "network/city_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def city_edit(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    require_edit(request.user, city)
    if request.method == "GET":
        form = CityForm(initial=CityForm.initial_for(city))
        return render(request, "network/city_form.html", {"city": city, "form": form})

    form = CityForm(request.POST)
    if form.is_valid():
        try:
            services.update_city(
                city, form.changes(), by=request.user, based_on_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, "network/city_form.html", form, conflict, {"city": city}
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The city was saved."))
            return redirect(city)
    return render(request, "network/city_form.html", {"city": city, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def city_create(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    search = PlaceSearchForm(request.GET or None)
    places: list[GeoNamesPlace] = []
    if search.is_valid() and search.cleaned_data["q"]:
        places = find_places(search.cleaned_data["q"], search.cleaned_data["country"] or None)
    error = ""
    if request.method == "POST":
        place = GeoNamesPlace.objects.filter(pk=request.POST.get("geonames_id") or 0).first()
        if place is None:
            error = _("Choose a place from the look-up results.")
        else:
            try:
                city = services.create_city_from_place(place, by=request.user)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(
                    request, _("%(city)s was added. Check its names and facts.") % {"city": city}
                )
                return redirect("network:city-edit", slug=city.slug)
    registered = set(
        City.objects.filter(geonames_id__in=[p.pk for p in places]).values_list(
            "geonames_id", flat=True
        )
    )
    context = {"search": search, "places": places, "registered": registered, "error": error}
    return render(request, "network/city_create.html", context, status=400 if error else 200)


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.select_related("city", "country")
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if q:
        organisations = organisations.filter(
            Q(names__en__icontains=q) | Q(names__ko__icontains=q) | Q(acronym__icontains=q)
        )
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    page = Paginator(organisations.order_by(_name_order()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "kinds": OrganisationKind.choices,
        "is_filtered": bool(q or kind),
        "may_create": is_network_admin(request.user),
    }
    return render(request, "network/organisation_list.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("city", "country"), slug=slug
    )
    memberships = (
        organisation.memberships.select_related("network")
        .prefetch_related("focal_points")
        .order_by("network__slug")
    )
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "may_edit": can_edit(request.user, organisation),
        "may_delete": is_network_admin(request.user),
    }
    return render(request, "network/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require_edit(request.user, organisation)
    template = "network/organisation_form.html"
    if request.method == "GET":
        form = OrganisationForm(initial=OrganisationForm.initial_for(organisation))
        return render(request, template, {"organisation": organisation, "form": form})

    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            services.update_organisation(
                organisation,
                form.changes(),
                by=request.user,
                based_on_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, template, form, conflict, {"organisation": organisation}
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect(organisation)
    return render(request, template, {"organisation": organisation, "form": form}, status=400)


def network_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Network.objects.order_by(_name_order()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "may_create": is_network_admin(request.user)}
    return render(request, "network/network_list.html", context)


def _name_order_of(relation: str) -> Any:
    """Order by a related record's name in the active language, English where missing."""
    return Lower(
        Coalesce(
            KeyTextTransform(_language(), f"{relation}__names"),
            KeyTextTransform("en", f"{relation}__names"),
        )
    )


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    memberships = network.memberships.select_related(
        "city__country", "organisation"
    ).prefetch_related("focal_points")
    city_members = memberships.filter(city__isnull=False).order_by(_name_order_of("city"))
    organisation_members = memberships.filter(organisation__isnull=False).order_by(
        _name_order_of("organisation")
    )
    context = {
        "network": network,
        "city_members": Paginator(city_members, PAGE_SIZE).get_page(request.GET.get("cities_page")),
        "organisation_members": Paginator(organisation_members, PAGE_SIZE).get_page(
            request.GET.get("organisations_page")
        ),
        "may_edit": is_network_admin(request.user),
    }
    return render(request, "network/network_detail.html", context)


def map_view(request: HttpRequest) -> HttpResponse:
    cities = City.objects.located().select_related("country").order_by(_name_order())
    return render(request, "network/map.html", {"cities": cities})


def map_data(request: HttpRequest) -> JsonResponse:
    """Return the located cities as a GeoJSON FeatureCollection, named in the active language."""
    features = []
    for city in City.objects.located().select_related("country").order_by("slug"):
        features.append(
            {
                "type": "Feature",
                "id": city.slug,
                "geometry": {"type": "Point", "coordinates": [city.longitude, city.latitude]},
                "properties": {
                    "slug": city.slug,
                    "name": city.name,
                    "country": city.country.name,
                    "country_code": city.country_id,
                    "year_declared": city.year_declared,
                    "is_demo": city.is_demo,
                    "url": city.get_absolute_url(),
                },
            }
        )
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False},
        content_type="application/geo+json",
    )
    response["Content-Language"] = _language()
    return response
