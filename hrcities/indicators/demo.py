"""Demo indicators for Gwangju, Seoul and Graz, with invented sample figures.

Gwangju's indicators sit in the five domains of the city's human rights indicators
(after its Human Rights Charter); the indicator names echo the kind of things Gwangju
measures, but every value here is invented to show the platform: it is not the city's
statistics, and each indicator and value says so. Together the samples show every
progress status, a change of definition (step-free access, measured by a stricter
checklist from 2021) and values by sex, age group, disability, migrant status and
district.

Loading again adds nothing: indicators are matched by city and code. Rows are written
directly (no revisions), as the other demo loaders do, so the demo loads fast.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from hrcities.network.models import City

from .models import (
    Domain,
    Indicator,
    IndicatorDefinition,
    Observation,
    disaggregation_key,
    pick_definition,
)

SAMPLE = "Sample figures (demo), not official statistics"
DESCRIPTION = (
    "Demo indicator with invented sample figures, to show how a city reports; "
    "not the city's statistics."
)
YEARS = [2018, 2019, 2020, 2021, 2022, 2023]

DOMAINS = {
    "gwangju": [
        ("democracy", "A democratic city of citizen participation", "시민참여의 민주도시"),
        ("wellbeing", "A happy city where lives are secure", "삶이 안정된 행복도시"),
        ("environment-safety", "A clean and safe city", "쾌적한 환경과 안전도시"),
        (
            "inclusion",
            "A tolerant city that protects people in vulnerable situations",
            "사회적 약자를 보호하는 관용도시",
        ),
        ("culture", "A city of solidarity and creative culture", "연대와 창조의 문화도시"),
    ],
    "seoul": [
        ("civil-political", "Civil and political rights", "시민적·정치적 권리"),
        ("social", "Economic, social and cultural rights", "경제적·사회적·문화적 권리"),
    ],
    "graz": [],
}


def _series(*values: float | None) -> dict[int, float]:
    return {year: v for year, v in zip(YEARS, values, strict=True) if v is not None}


# Each: city, domain, code, English and Korean names, unit, polarity, kind, baseline,
# target, formula, data owner, totals by year, groups {dimension: {value: {year: v}}},
# SDG indicator codes, tags; `versions` for a definition that changed.
INDICATORS: list[dict[str, Any]] = [
    {
        "city": "gwangju",
        "domain": "democracy",
        "code": "GJ-1-1",
        "names": {"en": "Turnout in local elections", "ko": "지방선거 투표율"},
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "baseline": (2018, 59.2),
        "target": (2026, 70.0),
        "formula": "Votes cast in the local election / registered voters × 100",
        "owner": "Autonomous Administration Division",
        "totals": {2018: 59.2, 2022: 60.5},  # elections every four years
        "sdg": ["16.7.2"],
        "tags": ["sdg-target:16.7"],
    },
    {
        "city": "gwangju",
        "domain": "democracy",
        "code": "GJ-1-2",
        "names": {
            "en": "Residents taking part in participatory budgeting",
            "ko": "주민참여예산 참여자 수",
        },
        "unit": "persons",
        "decimals": 0,
        "polarity": "higher",
        "kind": "process",
        "formula": "Residents who proposed, voted on or reviewed budget items in the year",
        "owner": "Budget Division",
        "totals": _series(1850, 2100, 1600, 2300, 2750, 3020),
        "tags": ["sdg-target:16.7"],
    },
    {
        "city": "gwangju",
        "domain": "wellbeing",
        "code": "GJ-2-1",
        "names": {"en": "Workers paid below the minimum wage", "ko": "최저임금 미달 근로자 비율"},
        "unit": "%",
        "polarity": "lower",
        "kind": "outcome",
        "baseline": (2018, 14.0),
        "target": (2026, 8.0),
        "formula": "Wage workers paid below the legal minimum wage / all wage workers × 100",
        "owner": "Labour Cooperation Division",
        "totals": _series(14.0, 13.1, 13.4, 12.2, 11.6, 11.0),
        "groups": {
            "sex": {
                "Female": _series(17.5, 16.2, 16.8, 15.1, 14.5, 13.9),
                "Male": _series(10.9, 10.3, 10.4, 9.6, 9.0, 8.4),
            }
        },
        "sdg": ["8.5.1"],
        "tags": ["sdg-target:8.5"],
    },
    {
        "city": "gwangju",
        "domain": "wellbeing",
        "code": "GJ-2-2",
        "names": {"en": "Notified infectious disease cases", "ko": "법정 감염병 신고 건수"},
        "unit": "per 100,000",
        "polarity": "lower",
        "kind": "outcome",
        "formula": "Notified cases of legally designated infectious diseases per 100,000 residents",
        "owner": "Public Health Policy Division",
        "totals": _series(210.4, 198.7, 150.2, 175.9, 260.3, 243.1),
        "tags": ["sdg-target:3.3"],
    },
    {
        "city": "gwangju",
        "domain": "environment-safety",
        "code": "GJ-3-1",
        "names": {"en": "Food samples passing safety inspection", "ko": "유통식품 안전검사 적합률"},
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "baseline": (2018, 96.0),
        "target": (2025, 99.0),
        "formula": "Samples of food on sale that pass inspection / samples inspected × 100",
        "owner": "Food Safety Division",
        "totals": _series(96.0, 96.8, 97.5, 98.1, 98.9, 99.2),
        "tags": ["sdg-target:2.1"],
    },
    {
        "city": "gwangju",
        "domain": "environment-safety",
        "code": "GJ-3-2",
        "names": {
            "en": "Days with fine dust above the standard",
            "ko": "초미세먼지 기준 초과 일수",
        },
        "unit": "days",
        "decimals": 0,
        "polarity": "lower",
        "kind": "outcome",
        "baseline": (2018, 60),
        "target": (2030, 30),
        "formula": "Days on which the daily PM2.5 mean exceeds the national standard",
        "owner": "Climate and Air Division",
        "totals": _series(60, 57, 49, 51, 47, 46),
        "groups": {
            "district": {
                "Dong-gu": {2023: 41},
                "Seo-gu": {2023: 48},
                "Nam-gu": {2023: 43},
                "Buk-gu": {2023: 47},
                "Gwangsan-gu": {2023: 52},
            }
        },
        "sdg": ["11.6.2"],
        "tags": ["sdg-target:11.6"],
    },
    {
        "city": "gwangju",
        "domain": "inclusion",
        "code": "GJ-4-1",
        "names": {
            "en": "Public buildings with step-free access",
            "ko": "공공건물 무장애 접근 비율",
        },
        "unit": "%",
        "polarity": "higher",
        "kind": "structure",
        "baseline": (2018, 62.0),
        "target": (2028, 90.0),
        "formula": "Public buildings the owning department reports step-free / public buildings",
        "versions": [
            (
                2021,
                "Public buildings certified barrier-free under the national checklist / "
                "public buildings × 100",
                "From 2021 the national barrier-free certification replaces the "
                "departments' own reports.",
            )
        ],
        "owner": "Welfare for Persons with Disabilities Division",
        "totals": _series(62.0, 64.5, 66.0, 58.0, 59.5, 61.0),
        "tags": ["group:persons-with-disabilities"],
    },
    {
        "city": "gwangju",
        "domain": "inclusion",
        "code": "GJ-4-2",
        "names": {"en": "Discrimination complaints received", "ko": "차별 관련 인권 진정 건수"},
        "unit": "complaints",
        "decimals": 0,
        "polarity": "lower",
        "kind": "outcome",
        "formula": "Complaints of discrimination received by the Human Rights Office in the year",
        "owner": "Human Rights Office",
        "totals": _series(87, 95, 80, 91, 84, 87),
        "tags": ["sdg-target:10.3"],
    },
    {
        "city": "gwangju",
        "domain": "inclusion",
        "code": "GJ-4-3",
        "names": {"en": "Employment rate of persons with disabilities", "ko": "장애인 고용률"},
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "baseline": (2018, 34.0),
        "target": (2028, 40.0),
        "formula": "Employed persons with disabilities aged 15-64 / persons with disabilities "
        "aged 15-64 × 100",
        "owner": "Welfare for Persons with Disabilities Division",
        "totals": _series(34.0, 34.6, 33.9, 35.2, 36.3, 37.1),
        "groups": {
            "sex": {"Female": {2023: 28.4}, "Male": {2023: 43.5}},
            "age": {"15-39": {2023: 39.8}, "40-64": {2023: 35.9}},
        },
        "sdg": ["8.5.2"],
        "tags": ["group:persons-with-disabilities", "sdg-target:8.5"],
    },
    {
        "city": "gwangju",
        "domain": "inclusion",
        "code": "GJ-4-4",
        "names": {
            "en": "Residents who feel their rights are respected",
            "ko": "인권이 존중된다고 느끼는 시민 비율",
        },
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "formula": "Survey respondents answering agree or strongly agree / respondents × 100",
        "owner": "Human Rights Office",
        "totals": _series(None, 61.0, None, 63.5, None, 66.2),  # a survey every two years
        "groups": {
            "migrant": {
                "Migrant": {2019: 48.2, 2021: 51.0, 2023: 55.4},
                "Non-migrant": {2019: 61.5, 2021: 63.9, 2023: 66.6},
            },
            "disability": {
                "With disability": {2023: 58.1},
                "Without disability": {2023: 66.9},
            },
        },
        "tags": ["group:migrants"],
    },
    {
        "city": "gwangju",
        "domain": "culture",
        "code": "GJ-5-1",
        "names": {"en": "Residents who took human rights education", "ko": "인권교육 이수 시민"},
        "unit": "per 1,000",
        "polarity": "higher",
        "kind": "process",
        "baseline": (2018, 42.0),
        "target": (2026, 80.0),
        "formula": "Residents who completed a human rights course of the city or its partners "
        "per 1,000 residents",
        "owner": "Human Rights Office",
        "totals": _series(42.0, 45.5, 39.0, 48.2, 53.9, 58.0),
        "groups": {
            "age": {
                "Under 20": {2022: 96.5, 2023: 101.2},
                "20-39": {2022: 41.0, 2023: 44.8},
                "40-64": {2022: 38.7, 2023: 41.9},
                "65+": {2022: 21.3, 2023: 25.0},
            }
        },
        "sdg": ["4.7.1"],
        "tags": ["sdg-target:4.7"],
    },
    {
        "city": "gwangju",
        "domain": "culture",
        "code": "GJ-5-2",
        "names": {
            "en": "Residents satisfied with access to culture",
            "ko": "문화 접근성 만족도",
        },
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "target": (2027, 75.0),
        "formula": "Survey respondents satisfied with access to cultural facilities / "
        "respondents × 100 (first surveyed in 2023)",
        "owner": "Culture Policy Division",
        "totals": {2023: 64.3},
    },
    {
        "city": "seoul",
        "domain": "civil-political",
        "code": "SE-1",
        "names": {
            "en": "Public officials trained in human rights",
            "ko": "인권교육 이수 공무원 비율",
        },
        "unit": "%",
        "polarity": "higher",
        "kind": "process",
        "baseline": (2019, 45.0),
        "target": (2024, 100.0),
        "formula": "City officials who completed the yearly human rights course / officials × 100",
        "owner": "Human Rights Policy Division",
        "totals": _series(None, 45.0, 51.0, 63.0, 74.0, 82.0),
        "sdg": ["4.7.1"],
    },
    {
        "city": "seoul",
        "domain": "social",
        "code": "SE-2",
        "names": {
            "en": "Households below the minimum housing standard",
            "ko": "최저주거기준 미달 가구 비율",
        },
        "unit": "%",
        "polarity": "lower",
        "kind": "outcome",
        "baseline": (2019, 5.6),
        "target": (2030, 3.0),
        "formula": "Households living below the minimum housing standard / households × 100",
        "owner": "Housing Policy Division",
        "totals": _series(None, 5.6, 5.3, 5.0, 4.8, 4.5),
        "sdg": ["11.1.1"],
        "tags": ["sdg-target:11.1"],
    },
    {
        "city": "seoul",
        "domain": "social",
        "code": "SE-3",
        "names": {
            "en": "People sleeping rough on a winter night",
            "ko": "동절기 거리 노숙인 수",
        },
        "unit": "persons",
        "decimals": 0,
        "polarity": "lower",
        "kind": "outcome",
        "formula": "People counted sleeping rough on the city's winter count night",
        "owner": "Self-reliance Support Division",
        "totals": _series(720, 690, 652, 610, 598, 571),
        "groups": {"sex": {"Female": {2023: 64}, "Male": {2023: 507}}},
        "tags": ["sdg-target:11.1"],
    },
    {
        "city": "graz",
        "code": "GR-1",
        "names": {"en": "Racist incidents reported", "ko": "인종차별 사건 신고 건수"},
        "unit": "reports",
        "decimals": 0,
        "polarity": "lower",
        "kind": "outcome",
        "formula": "Incidents reported to the city's anti-discrimination office in the year",
        "owner": "Anti-Discrimination Office",
        "totals": _series(301, 287, 342, 365, 388, 410),
        "tags": ["sdg-target:10.3"],
    },
    {
        "city": "graz",
        "code": "GR-2",
        "names": {
            "en": "Municipal websites meeting WCAG 2.1 AA",
            "ko": "웹 접근성 기준을 충족한 시 웹사이트",
        },
        "unit": "%",
        "polarity": "higher",
        "kind": "structure",
        "baseline": (2019, 20.0),
        "target": (2025, 100.0),
        "formula": "Municipal websites passing a WCAG 2.1 AA audit / municipal websites × 100",
        "owner": "IT Services",
        "totals": _series(None, 20.0, 22.0, 27.0, 31.0, 35.0),
        "tags": ["group:persons-with-disabilities"],
    },
    {
        "city": "graz",
        "code": "GR-3",
        "names": {"en": "Women on municipal boards", "ko": "시 위원회 여성 비율"},
        "unit": "%",
        "polarity": "higher",
        "kind": "outcome",
        "baseline": (2018, 38.0),
        "target": (2024, 50.0),
        "formula": "Women among members of municipal boards and committees / members × 100",
        "owner": "Women and Equality Office",
        "totals": _series(38.0, 40.5, 43.0, 46.0, 48.5, 50.5),
        "sdg": ["5.5.1"],
        "tags": ["sdg-target:5.5"],
    },
]


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(value))


@transaction.atomic
def load_demo_indicators() -> dict[str, int]:
    """Add the demo domains, indicators and values; return how many were new. Safe to rerun."""
    counts = {"indicator domains": 0, "indicators": 0, "indicator values": 0}
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
        unit=spec["unit"],
        decimals=spec.get("decimals", 1),
        data_owner=spec["owner"],
        polarity=spec["polarity"],
        kind=spec["kind"],
        baseline_year=baseline[0] if baseline else None,
        baseline_value=_decimal(baseline[1]) if baseline else None,
        target_year=target[0] if target else None,
        target_value=_decimal(target[1]) if target else None,
        position=position,
        is_demo=True,
    )
    IndicatorDefinition.objects.create(
        indicator=indicator, number=1, formula=spec["formula"], unit=spec["unit"]
    )
    for number, (from_year, formula, reason) in enumerate(spec.get("versions", []), start=2):
        IndicatorDefinition.objects.create(
            indicator=indicator,
            number=number,
            formula=formula,
            unit=spec["unit"],
            from_year=from_year,
            reason=reason,
        )
    _link(indicator, spec)
    return indicator


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
            disaggregation=groups,
            disaggregation_key=disaggregation_key(groups),
            is_demo=True,
        )

    rows = [row(year, value, {}) for year, value in spec["totals"].items()]
    for slug, by_value in spec.get("groups", {}).items():
        for group_value, by_year in by_value.items():
            rows.extend(row(year, v, {slug: group_value}) for year, v in by_year.items())
    return rows
