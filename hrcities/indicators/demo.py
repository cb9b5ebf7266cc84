"""Demo indicators for Gwangju, Seoul and Graz, with invented sample figures.

Gwangju's indicators sit in the five domains of the city's human rights indicators
(after its Human Rights Charter); the indicator names echo the kind of things Gwangju
measures, but every value here is invented to show the platform: it is not the city's
statistics, and each indicator and value says so. Together the samples show every
progress status, a change of definition (step-free access, measured by a stricter
checklist from 2021) and values by sex, age group, disability, migrant status and
district.

The domains, indicators and values are in data/demo.toml; this module loads them.
Loading again adds nothing: indicators are matched by city and code, and demo indicators
loaded before their texts had Korean get the Korean where theirs is empty. Rows are
written directly (no revisions), as the other demo loaders do, so the demo loads fast.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from hrcities.core.datafiles import read_toml
from hrcities.network.models import City

from .models import (
    Domain,
    Indicator,
    IndicatorDefinition,
    Observation,
    disaggregation_key,
    pick_definition,
)

DATA = read_toml(Path(__file__).parent / "data" / "demo.toml")
SAMPLE: str = DATA["sample"]
SAMPLE_KO: str = DATA["sample_ko"]
DESCRIPTION: str = DATA["description"]
DESCRIPTION_KO: str = DATA["description_ko"]
DOMAINS: dict[str, list[list[str]]] = DATA["domains"]
INDICATORS: list[dict[str, Any]] = DATA["indicators"]


def _by_year(values: dict[str, Any]) -> dict[int, Any]:
    """Return values keyed by year: TOML keys are text."""
    return {int(year): value for year, value in values.items()}


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(value))


@transaction.atomic
def load_demo_indicators() -> dict[str, int]:
    """Add the demo domains, indicators and values; return how many were new. Safe to rerun."""
    counts = dict.fromkeys(
        [
            gettext_noop("indicator domains"),
            gettext_noop("indicators"),
            gettext_noop("indicator values"),
        ],
        0,
    )
    cities = {c.slug: c for c in City.objects.filter(slug__in=list(DOMAINS))}
    domains: dict[tuple[str, str], Domain] = {}
    for city_slug, specs in DOMAINS.items():
        city = cities.get(city_slug)
        if city is None:
            continue
        for position, (slug, en, ko) in enumerate(specs, start=1):
            domain, created = Domain.objects.get_or_create(
                city=city,
                slug=slug,
                defaults={"names": {"en": en, "ko": ko}, "position": position, "is_demo": True},
            )
            domains[(city_slug, slug)] = domain
            counts["indicator domains"] += int(created)
    existing = set(
        Indicator.objects.filter(city__in=cities.values()).values_list("city__slug", "code")
    )
    _add_korean()
    values: list[Observation] = []
    for position, spec in enumerate(INDICATORS, start=1):
        city = cities.get(spec["city"])
        if city is None or (spec["city"], spec["code"]) in existing:
            continue
        indicator = _create_indicator(spec, city, domains, position)
        counts["indicators"] += 1
        values.extend(_observations(spec, indicator))
    Observation.objects.bulk_create(values)
    counts["indicator values"] = len(values)
    return counts


def _create_indicator(
    spec: dict[str, Any], city: City, domains: dict[tuple[str, str], Domain], position: int
) -> Indicator:
    baseline = spec.get("baseline")
    target = spec.get("target")
    indicator = Indicator.objects.create(
        city=city,
        domain=domains.get((spec["city"], spec.get("domain", ""))),
        code=spec["code"],
        names=spec["names"],
        description=DESCRIPTION,
        description_ko=DESCRIPTION_KO,
        unit=spec["unit"],
        unit_ko=spec.get("unit_ko", ""),
        decimals=spec.get("decimals", 1),
        data_owner=spec["owner"],
        data_owner_ko=spec["owner_ko"],
        polarity=spec["polarity"],
        kind=spec["kind"],
        baseline_year=baseline[0] if baseline else None,
        baseline_value=_decimal(baseline[1]) if baseline else None,
        target_year=target[0] if target else None,
        target_value=_decimal(target[1]) if target else None,
        position=position,
        is_demo=True,
    )
    for number, version in enumerate(_versions(spec), start=1):
        IndicatorDefinition.objects.create(
            indicator=indicator,
            number=number,
            unit=indicator.unit,
            unit_ko=indicator.unit_ko,
            **version,
        )
    _link(indicator, spec)
    return indicator


def _versions(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the texts of each definition version, the first one first."""
    first = {"formula": spec["formula"], "formula_ko": spec["formula_ko"]}
    names = ("formula", "formula_ko", "from_year", "reason", "reason_ko")
    return [first] + [{name: v[name] for name in names} for v in spec.get("versions", [])]


def _add_korean() -> None:
    """Give demo indicators loaded before their texts had Korean the Korean of the demo."""
    specs = {(spec["city"], spec["code"]): spec for spec in INDICATORS}
    indicators = Indicator.objects.filter(is_demo=True, data_owner_ko="").select_related("city")
    for indicator in indicators:
        spec = specs.get((indicator.city.slug, indicator.code))
        if spec is None:
            continue
        indicator.data_owner_ko = spec["owner_ko"]
        indicator.description_ko = indicator.description_ko or DESCRIPTION_KO
        indicator.save(update_fields=["data_owner_ko", "description_ko"])
        versions = _versions(spec)
        for definition in indicator.definitions.filter(formula_ko="").order_by("number"):
            if definition.number <= len(versions):
                version = versions[definition.number - 1]
                definition.formula_ko = version["formula_ko"]
                definition.reason_ko = version.get("reason_ko", "")
                definition.save(update_fields=["formula_ko", "reason_ko"])
        indicator.observations.filter(is_demo=True, source=SAMPLE, source_ko="").update(
            source_ko=SAMPLE_KO
        )


def _link(indicator: Indicator, spec: dict[str, Any]) -> None:
    from hrcities.taxonomy.models import SdgIndicator
    from hrcities.taxonomy.tags import describe, set_accepted_tags

    if spec.get("sdg"):
        indicator.sdg_indicators.set(SdgIndicator.objects.filter(code__in=spec["sdg"]))
    known = describe(spec.get("tags", []))
    if known:
        set_accepted_tags(indicator, list(known), by=None)


def _observations(spec: dict[str, Any], indicator: Indicator) -> list[Observation]:
    definitions = list(indicator.definitions.order_by("number"))

    def row(year: int, value: float, groups: dict[str, str]) -> Observation:
        return Observation(
            indicator=indicator,
            definition=pick_definition(definitions, year),
            year=year,
            value=_decimal(value),
            source=SAMPLE,
            source_ko=SAMPLE_KO,
            disaggregation=groups,
            disaggregation_key=disaggregation_key(groups),
            is_demo=True,
        )

    rows = [row(year, value, {}) for year, value in _by_year(spec["totals"]).items()]
    for slug, by_value in spec.get("groups", {}).items():
        for group_value, by_year in by_value.items():
            rows.extend(row(year, v, {slug: group_value}) for year, v in _by_year(by_year).items())
    return rows
