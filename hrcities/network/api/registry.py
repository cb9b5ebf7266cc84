"""Cities, organisations and GeoNames place look-up.

Reads are public. Writes need a token or session; editing is limited to the caller's city
or organisation, and every change names the `version` it was based on, so that an edit
made from stale data is refused with 409 instead of overwriting someone else's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hrcities.accounts.permissions import require_edit, require_network_admin
from hrcities.core.apidoc import answers
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth

from .. import services
from ..loaders import find_places
from ..models import (
    CONTINENTS,
    City,
    Country,
    GeoNamesPlace,
    Membership,
    Organisation,
    OrganisationKind,
)

router = Router()


# --- schemas -------------------------------------------------------------------------


class CountryOut(Schema):
    iso2: str
    iso3: str
    name: str
    name_en: str
    name_ko: str
    continent: str


class CityOut(Schema):
    id: int = Field(description="Record id, as used by /api/records/network.city/{id}/revisions.")
    slug: str
    name: str = Field(description="The name in the active language (English if missing).")
    names: dict[str, str] = Field(description="Name per language code, e.g. en, ko.")
    country: CountryOut
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    population: int | None
    year_declared: int | None
    declaration_note: str
    website: str
    description: str
    networks: list[str] = Field(description="Slugs of the networks the city belongs to.")
    is_demo: bool
    version: int = Field(description="Send this back as `version` when you change the city.")
    url: str

    @staticmethod
    def resolve_networks(city: City) -> list[str]:
        return sorted(m.network.slug for m in city.memberships.all())

    @staticmethod
    def resolve_url(city: City) -> str:
        return city.get_absolute_url()


class CityCreate(InputSchema):
    geonames_id: int = Field(description="The GeoNames place the city is (see GET /places).")
    slug: str | None = Field(None, max_length=80)
    names: dict[str, str] | None = Field(
        None, description="Names to use instead of GeoNames' (merged by language)."
    )
    year_declared: int | None = None
    declaration_note: str | None = None
    website: str | None = None
    description: str | None = None
    is_demo: bool = False


class CityPatch(InputSchema):
    version: int = Field(description="The version of the city you read before changing it.")
    names: dict[str, str | None] | None = Field(
        None,
        description="Names by language, merged with the stored ones; an empty name removes one.",
    )
    year_declared: int | None = None
    declaration_note: str | None = None
    website: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None


class OrganisationOut(Schema):
    id: int = Field(
        description="Record id, as used by /api/records/network.organisation/{id}/revisions."
    )
    slug: str
    name: str
    names: dict[str, str]
    acronym: str
    kind: str
    kind_label: str
    city: str | None = Field(description="Slug of the organisation's city.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    website: str
    description: str
    is_demo: bool
    version: int
    url: str

    @staticmethod
    def resolve_kind_label(organisation: Organisation) -> str:
        return str(organisation.get_kind_display())

    @staticmethod
    def resolve_city(organisation: Organisation) -> str | None:
        return organisation.city.slug if organisation.city else None

    @staticmethod
    def resolve_country(organisation: Organisation) -> str | None:
        return organisation.country_id

    @staticmethod
    def resolve_url(organisation: Organisation) -> str:
        return organisation.get_absolute_url()


class OrganisationCreate(InputSchema):
    slug: str | None = Field(None, max_length=80)
    names: dict[str, str]
    acronym: str = ""
    kind: OrganisationKind
    city: str | None = Field(None, description="Slug of the organisation's city.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    website: str = ""
    description: str = ""
    is_demo: bool = False


class OrganisationPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    names: dict[str, str | None] | None = None
    acronym: str | None = None
    kind: OrganisationKind | None = None
    city: str | None = None
    country: str | None = None
    website: str | None = None
    description: str | None = None


class PlaceOut(Schema):
    geonames_id: int
    name: str
    korean_names: list[str]
    country_code: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    registered_city: str | None = Field(description="Slug of the city already using this place.")


# --- helpers ---------------------------------------------------------------------------


def _city_queryset() -> Any:
    return City.objects.select_related("country").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("network"))
    )


def _resolve_links(values: dict[str, Any]) -> dict[str, Any]:
    """Turn `city` and `country` codes in a payload into records (404 if unknown)."""
    if values.get("city"):
        values["city"] = get_object_or_404(City, slug=values["city"])
    elif "city" in values:
        values["city"] = None
    if values.get("country"):
        values["country"] = get_object_or_404(Country, iso2=values["country"].upper())
    elif "country" in values:
        values["country"] = None
    return values


# --- cities ----------------------------------------------------------------------------


@router.get(
    "/cities",
    response=list[CityOut],
    auth=read_auth,
    summary="List cities",
    description="Filter by `country` (ISO alpha-2), `continent` (AF, AS, EU, NA, OC, SA), "
    "`network` (slug) and `q` (text in any language).",
)
@paginate(LimitOffset)
def list_cities(
    request: HttpRequest,
    q: str = "",
    country: str = "",
    continent: str = "",
    network: str = "",
    **kwargs: Any,
) -> Any:
    cities = _city_queryset().search(q)
    if country:
        cities = cities.filter(country__iso2=country.upper())
    if continent.upper() in CONTINENTS:
        cities = cities.on_continent(continent.upper())
    if network:
        cities = cities.in_network(network)
    return cities.order_by("slug")


@router.get("/cities/{slug}", response=CityOut, auth=read_auth, summary="Get a city")
def get_city(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(_city_queryset(), slug=slug)


@router.post(
    "/cities",
    response={201: CityOut},
    auth=write_auth,
    summary="Add a city (network admins)",
    description="The city is located by a GeoNames place; names, coordinates, country and "
    "population come from GeoNames unless given.",
)
@answers(404)  # a record named in the body is unknown
def create_city(request: HttpRequest, payload: CityCreate) -> Any:
    user = api_user(request)
    require_network_admin(user)
    place = get_object_or_404(GeoNamesPlace, geonames_id=payload.geonames_id)
    values = payload.dict(exclude={"geonames_id"}, exclude_none=True)
    city = services.create_city_from_place(place, by=user, **values)
    return Status(201, _city_queryset().get(pk=city.pk))


@router.patch(
    "/cities/{slug}",
    response=CityOut,
    auth=write_auth,
    summary="Change a city (its editors and network admins)",
    description="Send only the fields to change, plus the `version` you last read. If the "
    "city changed since, nothing is saved and the answer is 409 with the current version.",
)
def update_city(request: HttpRequest, slug: str, payload: CityPatch) -> Any:
    user = api_user(request)
    city = get_object_or_404(City, slug=slug)
    require_edit(user, city)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    services.update_city(city, changes, by=user, based_on_version=payload.version)
    return _city_queryset().get(pk=city.pk)


@router.delete(
    "/cities/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Remove a city (network admins)",
    description="Refused (422, saying what kinds of records it owns or is named by, and how "
    "many) while anything belongs to it. The last state is kept as a revision and can be "
    "restored.",
)
def delete_city(request: HttpRequest, slug: str) -> Any:
    user = api_user(request)
    require_network_admin(user)
    services.delete_city(get_object_or_404(City, slug=slug), by=user)
    return Status(204, None)


# --- organisations -----------------------------------------------------------------


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    auth=read_auth,
    summary="List organisations",
    description="Filter by `kind`, `city` (slug), `country` (ISO alpha-2) and `q`.",
)
@paginate(LimitOffset)
def list_organisations(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    city: str = "",
    country: str = "",
    **kwargs: Any,
) -> Any:
    organisations = Organisation.objects.select_related("city", "country")
    if q:
        organisations = organisations.filter(
            Q(names__en__icontains=q) | Q(names__ko__icontains=q) | Q(acronym__icontains=q)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    if city:
        organisations = organisations.filter(city__slug=city)
    if country:
        organisations = organisations.filter(country__iso2=country.upper())
    return organisations.order_by("slug")


@router.get(
    "/organisations/{slug}",
    response=OrganisationOut,
    auth=read_auth,
    summary="Get an organisation",
)
def get_organisation(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(Organisation.objects.select_related("city"), slug=slug)


@router.post(
    "/organisations",
    response={201: OrganisationOut},
    auth=write_auth,
    summary="Add an organisation (network admins)",
)
def create_organisation(request: HttpRequest, payload: OrganisationCreate) -> Any:
    user = api_user(request)
    require_network_admin(user)
    values = _resolve_links(payload.dict())
    organisation = services.create_organisation(by=user, **values)
    return Status(201, organisation)


@router.patch(
    "/organisations/{slug}",
    response=OrganisationOut,
    auth=write_auth,
    summary="Change an organisation (its editors and network admins)",
    description="Send only the fields to change, plus the `version` you last read.",
)
def update_organisation(request: HttpRequest, slug: str, payload: OrganisationPatch) -> Any:
    user = api_user(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    require_edit(user, organisation)
    changes = _resolve_links(payload.dict(exclude_unset=True, exclude={"version"}))
    services.update_organisation(organisation, changes, by=user, based_on_version=payload.version)
    return Organisation.objects.select_related("city").get(pk=organisation.pk)


@router.delete(
    "/organisations/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Remove an organisation (network admins)",
)
def delete_organisation(request: HttpRequest, slug: str) -> Any:
    user = api_user(request)
    require_network_admin(user)
    services.delete_organisation(get_object_or_404(Organisation, slug=slug), by=user)
    return Status(204, None)


# --- places ------------------------------------------------------------------------


@router.get(
    "/places",
    response=list[PlaceOut],
    auth=read_auth,
    summary="Look up GeoNames places",
    description="Find populated places (GeoNames cities15000) by English or Korean name, "
    "best match first; `country` (ISO alpha-2) narrows the search.",
)
def list_places(request: HttpRequest, q: str, country: str = "", limit: int = 10) -> Any:
    places = find_places(q, country or None, limit=max(1, min(limit, 50)))
    registered = dict(
        City.objects.filter(geonames_id__in=[p.pk for p in places]).values_list(
            "geonames_id", "slug"
        )
    )
    return [
        {
            "geonames_id": p.geonames_id,
            "name": p.name,
            "korean_names": p.korean_names,
            "country_code": p.country_code,
            "admin1_code": p.admin1_code,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "population": p.population,
            "registered_city": registered.get(p.geonames_id),
        }
        for p in places
    ]
