"""Plain factory functions for network records in tests."""

from __future__ import annotations

import itertools
from typing import Any

from hrcities.network.models import City, Country, Organisation, OrganisationKind

_seq = itertools.count(1)


def make_country(iso2: str = "KR", **overrides: Any) -> Country:
    defaults = {"iso3": {"KR": "KOR"}.get(iso2, iso2 + "X"), "name_en": iso2, "name_ko": ""}
    defaults.update(overrides)
    country, _ = Country.objects.get_or_create(iso2=iso2, defaults=defaults)
    return country


def make_city(**overrides: Any) -> City:
    n = next(_seq)
    values: dict[str, Any] = {
        "slug": f"city-{n}",
        "names": {"en": f"City {n}", "ko": f"도시 {n}"},
        "latitude": 35.0,
        "longitude": 126.0,
    }
    values.update(overrides)
    if "country" not in values:
        values["country"] = make_country()
    return City.objects.create(**values)


def make_organisation(**overrides: Any) -> Organisation:
    n = next(_seq)
    values: dict[str, Any] = {
        "slug": f"organisation-{n}",
        "names": {"en": f"Organisation {n}"},
        "kind": OrganisationKind.CIVIL_SOCIETY,
    }
    values.update(overrides)
    return Organisation.objects.create(**values)
