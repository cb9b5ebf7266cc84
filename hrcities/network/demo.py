"""Demo content for the network registry, all marked `is_demo`.

The cities are real places associated with the human rights cities movement, located
through GeoNames (id, coordinates, population, Hangul names). Only facts that are well
established are stated: the year a city declared itself a human rights city is given for
Gwangju (2011), Rosario (1997) and Graz (2001) and left empty for the others. Memberships,
focal points and partnerships are samples for trying the platform, and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_noop

from hrcities.core.services import create_record, update_record

from .models import (
    City,
    Country,
    FocalPoint,
    GeoNamesPlace,
    Membership,
    Network,
    Organisation,
    OrganisationKind,
    Partnership,
)

CITY_NOTE = (
    "Demo content: a sample entry for a city associated with the human rights cities "
    "movement. Location and population come from GeoNames; nothing else here is verified."
)
SAMPLE_NOTE = "Demo content: a sample for trying the platform, not a verified fact."


@dataclass(frozen=True)
class DemoCity:
    slug: str
    geonames_id: int
    korean_name: str = ""  # one of GeoNames' Hangul names; empty: none known
    year_declared: int | None = None
    declaration_note: str = ""


DEMO_CITIES = [
    DemoCity(
        "gwangju",
        1841811,
        "광주",
        2011,
        "Gwangju adopted the Gwangju Declaration on Human Rights City at the first World "
        "Human Rights Cities Forum, held in Gwangju in 2011.",
    ),
    DemoCity(
        "rosario",
        3838583,
        "로사리오",
        1997,
        "Rosario declared itself a human rights city in 1997, with the People's Movement "
        "for Human Rights Learning (PDHRE); it is often cited as the first.",
    ),
    DemoCity(
        "graz",
        2778067,
        "그라츠",
        2001,
        "Graz declared itself a human rights city in 2001, the first in Europe.",
    ),
    DemoCity("seoul", 1835848, "서울"),
    DemoCity("vienna", 2761369, "빈"),
    DemoCity("salzburg", 2766824, "잘츠부르크"),
    DemoCity("barcelona", 3128760, "바르셀로나"),
    DemoCity("utrecht", 2745912, "위트레흐트"),
    DemoCity("middelburg", 2750896, "미델뷔르흐"),
    DemoCity("york", 2633352, "요크"),
    DemoCity("lund", 2693678, "룬드"),
    DemoCity("nuremberg", 2861650, "뉘른베르크"),
    DemoCity("saint-denis", 2980916, "생드니"),
    DemoCity("montreal", 6077243, "몬트리올"),
    DemoCity("washington-dc", 4140963, "워싱턴 D.C."),
    DemoCity("eugene", 5725846, "유진"),
    DemoCity("pittsburgh", 5206379, "피츠버그"),
    DemoCity("mexico-city", 3530597, "멕시코시티"),
    DemoCity("porto-alegre", 3452925, "포르투알레그리"),
    DemoCity("wonosobo", 1621395),
    DemoCity("kaolack", 2250805),
    DemoCity("thies", 2244802),
    DemoCity("nagpur", 1262180, "나그푸르"),
]

DEMO_NETWORKS: list[dict[str, Any]] = [
    {
        "slug": "whrcf",
        "names": {"en": "World Human Rights Cities Forum", "ko": "세계인권도시포럼"},
        "description": (
            "Demo content. The forum where human rights cities meet in Gwangju, held since "
            "2011. The members listed here are demo samples, not the forum's participant list."
        ),
    },
    {
        "slug": "iccar",
        "names": {"en": "International Coalition of Inclusive and Sustainable Cities (ICCAR)"},
        "description": (
            "Demo content. UNESCO's coalition of cities working against racism and "
            "discrimination. The members listed here are demo samples, not verified."
        ),
    },
]

DEMO_ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "ohchr",
        "names": {
            "en": "Office of the United Nations High Commissioner for Human Rights",
            "ko": "유엔 인권최고대표사무소",
        },
        "acronym": "OHCHR",
        "kind": OrganisationKind.UN_BODY,
        "country": "CH",
        "website": "https://www.ohchr.org",
    },
    {
        "slug": "unesco",
        "names": {
            "en": "United Nations Educational, Scientific and Cultural Organization",
            "ko": "유네스코",
        },
        "acronym": "UNESCO",
        "kind": OrganisationKind.UN_BODY,
        "country": "FR",
        "website": "https://www.unesco.org",
    },
    {
        "slug": "may-18-memorial-foundation",
        "names": {"en": "The May 18 Memorial Foundation", "ko": "5·18기념재단"},
        "kind": OrganisationKind.MEMORIAL,
        "city": "gwangju",
    },
    {
        "slug": "gwangju-international-center",
        "names": {"en": "Gwangju International Center", "ko": "광주국제교류센터"},
        "acronym": "GIC",
        "kind": OrganisationKind.CIVIL_SOCIETY,
        "city": "gwangju",
    },
    {
        "slug": "gwangju-human-rights-office",
        "names": {
            "en": "Human Rights Office, Gwangju Metropolitan City (demo)",
            "ko": "광주광역시 인권 담당 부서 (데모)",
        },
        "kind": OrganisationKind.GOVERNMENT_DEPARTMENT,
        "city": "gwangju",
        "description": SAMPLE_NOTE + " A stand-in for the city's human rights office.",
    },
]

# (network, city or organisation slug, focal point?) — demo samples, see module docstring.
DEMO_MEMBERSHIPS = [
    ("whrcf", "city", "gwangju", True),
    ("whrcf", "city", "seoul", True),
    ("whrcf", "city", "rosario", True),
    ("whrcf", "city", "graz", False),
    ("whrcf", "city", "vienna", False),
    ("whrcf", "city", "utrecht", False),
    ("whrcf", "city", "wonosobo", False),
    ("whrcf", "city", "montreal", False),
    ("whrcf", "organisation", "gwangju-international-center", False),
    ("iccar", "city", "gwangju", False),
    ("iccar", "city", "barcelona", True),
    ("iccar", "city", "graz", False),
    ("iccar", "city", "montreal", False),
]

DEMO_PARTNERSHIPS = [
    ("gwangju", "rosario", Partnership.Kind.EXCHANGE),
    ("gwangju", "graz", Partnership.Kind.EXCHANGE),
    ("graz", "vienna", Partnership.Kind.JOINT_PROGRAMME),
]


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> bool:
    """Create the record or bring it up to date (keeping revisions); return whether created."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        create_record(model, by=None, **lookup, **values)  # type: ignore[type-var]
        return True
    update_record(record, values, by=None, based_on_version=None)  # type: ignore[type-var]
    return False


def _city_values(demo: DemoCity) -> dict[str, Any]:
    place = GeoNamesPlace.objects.filter(geonames_id=demo.geonames_id).first()
    if place is None:
        raise LookupError(f"GeoNames place {demo.geonames_id} ({demo.slug}) is not loaded.")
    if demo.korean_name and demo.korean_name not in place.korean_names:
        raise ValueError(f"{demo.korean_name} is not a GeoNames Hangul name of {place.name}.")
    names = {"en": place.name}
    if demo.korean_name:
        names["ko"] = demo.korean_name
    return {
        "geonames_id": place.geonames_id,
        "names": names,
        "country": Country.objects.get(iso2=place.country_code),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "population": place.population,
        "year_declared": demo.year_declared,
        "declaration_note": demo.declaration_note,
        "description": CITY_NOTE,
        "is_demo": True,
    }


@transaction.atomic
def load_demo_network() -> dict[str, int]:
    """Load the demo cities, organisations, networks and samples; return how many were new.

    Safe to run again: records are matched by slug (or natural key) and updated.
    """
    created = dict.fromkeys(
        [
            gettext_noop("cities"),
            gettext_noop("organisations"),
            gettext_noop("networks"),
            gettext_noop("memberships"),
            gettext_noop("focal points"),
            gettext_noop("partnerships"),
        ],
        0,
    )
    for demo in DEMO_CITIES:
        created["cities"] += _upsert(City, {"slug": demo.slug}, _city_values(demo))
    demo_slugs = [demo.slug for demo in DEMO_CITIES]
    cities = {city.slug: city for city in City.objects.filter(slug__in=demo_slugs)}

    for data in DEMO_ORGANISATIONS:
        values = {key: value for key, value in data.items() if key != "slug"}
        values.setdefault("description", SAMPLE_NOTE)
        values.setdefault("acronym", "")
        values.setdefault("website", "")
        values["city"] = cities[values["city"]] if "city" in values else None
        values["country"] = (
            Country.objects.get(iso2=values["country"])
            if "country" in values
            else (values["city"].country if values["city"] else None)
        )
        values["is_demo"] = True
        created["organisations"] += _upsert(Organisation, {"slug": data["slug"]}, values)
    organisations = {org.slug: org for org in Organisation.objects.all()}

    for data in DEMO_NETWORKS:
        values = {**{k: v for k, v in data.items() if k != "slug"}, "is_demo": True}
        created["networks"] += _upsert(Network, {"slug": data["slug"]}, values)
    networks = {network.slug: network for network in Network.objects.all()}

    for network_slug, kind, slug, has_focal_point in DEMO_MEMBERSHIPS:
        member = cities[slug] if kind == "city" else organisations[slug]
        lookup = {"network": networks[network_slug], kind: member}
        created["memberships"] += _upsert(Membership, lookup, {"is_demo": True})
        if has_focal_point:
            membership = Membership.objects.get(**lookup)
            focal_point = {
                "name": f"Demo focal point ({member.names.get('en', slug)})",
                "position": "Fictitious contact person for the demo",
            }
            created["focal points"] += _upsert(
                FocalPoint,
                {"membership": membership, "name": focal_point["name"]},
                {
                    "position": focal_point["position"],
                    "email": f"demo-{slug}-{network_slug}@example.org",
                    "is_demo": True,
                },
            )

    for slug_a, slug_b, kind in DEMO_PARTNERSHIPS:
        created["partnerships"] += _upsert(
            Partnership,
            {"city_a": cities[slug_a], "city_b": cities[slug_b], "kind": kind},
            {"description": "Demo partnership: " + SAMPLE_NOTE, "is_demo": True},
        )
    return created
