"""Demo emergency measures in Gwangju, Seoul and Graz, from COVID-19 and heat waves, with
their changes, sources and reviews of every outcome.

Every measure here is invented to show the platform, and says so: the titles echo the kind
of measures cities took, but none is a city's act, and no review is a real assessment.
Together they show a measure extended twice, one still in force past its sunset, measures
never reviewed, a review past its next review date, and a draft review only Gwangju's
keepers see. Loading again adds nothing: measures are matched by city and English title.
Rows are written directly (no revisions), as the other demo loaders do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from hrcities.access.tiers import Publication
from hrcities.network.models import City

from .checklist import CRITERIA
from .loaders import load_emergency_reference
from .models import Emergency, Issue, Measure, MeasureChange, PolicyCode, Review, ReviewAnswer

NOTE = {
    "en": "Demo record: an invented measure to show the platform, not the city's act.",
    "ko": "데모 기록: 플랫폼을 보여 주려고 지어낸 조치이며, 도시의 실제 조치가 아닙니다.",
}
d = date

# city, emergency, English and Korean title, kind, issues, policy code and level,
# introduced, in force, sunset, lifted, extensions (day, new sunset), source link.
MEASURES: list[dict[str, Any]] = [
    {
        "city": "gwangju",
        "emergency": "covid-19",
        "titles": (
            "Gatherings of ten or more banned in the city centre",
            "도심 10인 이상 집회 금지",
        ),
        "kind": "order",
        "issues": ["assembly", "expression"],
        "policy": ("C4", 4),
        "dates": (d(2020, 2, 21), d(2020, 2, 22), d(2020, 3, 7), d(2020, 5, 6)),
        "extensions": [(d(2020, 3, 6), d(2020, 4, 5)), (d(2020, 4, 4), d(2020, 5, 5))],
        "source": "https://www.gwangju.go.kr/",
    },
    {
        "city": "gwangju",
        "emergency": "covid-19",
        "titles": ("QR-code entry logs at multi-use facilities", "다중이용시설 QR코드 출입 명부"),
        "kind": "order",
        "issues": ["privacy", "movement"],
        "policy": ("H3", 2),
        "dates": (d(2020, 6, 10), d(2020, 6, 10), d(2020, 12, 31), d(2022, 3, 1)),
        "extensions": [(d(2020, 12, 28), d(2021, 12, 31))],
    },
    {
        "city": "gwangju",
        "emergency": "heat-wave",
        "titles": ("Cooling shelters open through the night", "무더위 쉼터 야간 개방"),
        "kind": "policy",
        "issues": ["health", "housing"],
        "dates": (d(2024, 7, 20), d(2024, 7, 22), d(2024, 8, 31), None),
    },
    {
        "city": "gwangju",
        "emergency": "heat-wave",
        "titles": (
            "Outdoor work halted 2 to 5 pm on heat-wave warning days",
            "폭염 경보 시 오후 2~5시 옥외 작업 중지",
        ),
        "kind": "order",
        "issues": ["work", "health"],
        "dates": (d(2024, 6, 15), d(2024, 6, 15), None, None),
    },
    {
        "city": "gwangju",
        "emergency": "covid-19",
        "titles": ("Visits to care homes suspended", "요양시설 면회 중단"),
        "kind": "order",
        "issues": ["health", "social-protection"],
        "policy": ("H8", 3),
        "dates": (d(2020, 3, 1), d(2020, 3, 1), d(2020, 6, 30), d(2021, 4, 30)),
    },
    {
        "city": "seoul",
        "emergency": "covid-19",
        "titles": ("Rallies banned in the central squares", "도심 광장 집회 금지"),
        "kind": "order",
        "issues": ["assembly", "expression", "press"],
        "policy": ("C4", 3),
        "dates": (d(2020, 2, 26), d(2020, 2, 26), d(2020, 8, 31), d(2021, 11, 1)),
        "extensions": [(d(2020, 8, 30), d(2021, 10, 31))],
    },
    {
        "city": "seoul",
        "emergency": "covid-19",
        "titles": ("Compulsory testing of foreign workers", "외국인 노동자 진단검사 의무화"),
        "kind": "order",
        "issues": ["discrimination", "health", "work"],
        "policy": ("H2", 3),
        "dates": (d(2021, 3, 17), d(2021, 3, 17), d(2021, 3, 31), d(2021, 3, 19)),
    },
    {
        "city": "seoul",
        "emergency": "covid-19",
        "titles": ("Masks required on public transport", "대중교통 마스크 착용 의무"),
        "kind": "regulation",
        "issues": ["health", "movement"],
        "policy": ("H6", 2),
        "dates": (d(2020, 5, 26), d(2020, 5, 26), d(2023, 1, 30), d(2023, 3, 20)),
    },
    {
        "city": "seoul",
        "emergency": "heat-wave",
        "titles": ("Daily check calls to older people living alone", "홀몸 어르신 매일 안부 전화"),
        "kind": "practice",
        "issues": ["health", "social-protection"],
        "dates": (d(2024, 7, 1), d(2024, 7, 1), d(2024, 9, 15), d(2024, 9, 15)),
    },
    {
        "city": "graz",
        "emergency": "covid-19",
        "titles": ("Playgrounds closed", "놀이터 폐쇄"),
        "kind": "order",
        "issues": ["movement", "education"],
        "policy": ("C6", 2),
        "dates": (d(2020, 3, 16), d(2020, 3, 16), d(2020, 4, 30), d(2020, 5, 15)),
    },
    {
        "city": "graz",
        "emergency": "covid-19",
        "titles": (
            "Contact details kept by restaurants for 28 days",
            "식당 방문자 연락처 28일 보관",
        ),
        "kind": "regulation",
        "issues": ["privacy"],
        "policy": ("H3", 1),
        "dates": (d(2020, 9, 28), d(2020, 10, 1), d(2021, 6, 30), None),
    },
    {
        "city": "graz",
        "emergency": "heat-wave",
        "titles": ("Free drinking water and cool rooms in libraries", "도서관 무료 식수와 냉방실"),
        "kind": "policy",
        "issues": ["health", "food"],
        "dates": (d(2023, 7, 10), d(2023, 7, 10), d(2023, 8, 31), d(2023, 8, 31)),
    },
]

# Reviews: (city of the measure, English title, outcome, reviewed on, next review,
# answers: one per checklist question in order, publication).
Y, P, N, U = "yes", "partly", "no", "unclear"
REVIEWS: list[tuple[str, str, str, date, date | None, list[str], str]] = [
    (
        "gwangju",
        "Gatherings of ten or more banned in the city centre",
        "concerns",
        d(2020, 4, 20),
        None,
        [Y, Y, P, Y, P, U, Y, Y, N, P],
        Publication.PUBLISHED,
    ),
    (
        "gwangju",
        "Cooling shelters open through the night",
        "compatible",
        d(2024, 8, 5),
        d(2025, 6, 1),
        [Y, Y, Y, Y, Y, Y, Y, Y, P, Y],
        Publication.PUBLISHED,
    ),
    (
        "gwangju",
        "QR-code entry logs at multi-use facilities",
        "concerns",
        d(2021, 2, 1),
        None,
        [Y, P, P, Y, P, U, Y, Y, P, U],
        Publication.DRAFT,
    ),
    (
        "seoul",
        "Compulsory testing of foreign workers",
        "incompatible",
        d(2021, 3, 18),
        None,
        [P, N, N, N, Y, U, Y, P, N, P],
        Publication.PUBLISHED,
    ),
    (
        "seoul",
        "Rallies banned in the central squares",
        "concerns",
        d(2020, 10, 5),
        d(2021, 4, 1),
        [Y, P, N, Y, P, U, Y, Y, N, P],
        Publication.PUBLISHED,
    ),
    (
        "graz",
        "Contact details kept by restaurants for 28 days",
        "incompatible",
        d(2021, 1, 15),
        d(2021, 7, 1),
        [Y, P, N, Y, P, U, Y, Y, P, N],
        Publication.PUBLISHED,
    ),
    (
        "graz",
        "Free drinking water and cool rooms in libraries",
        "compatible",
        d(2023, 8, 1),
        None,
        [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
        Publication.PUBLISHED,
    ),
]

SUMMARIES = {
    "compatible": {
        "en": "Demo review: the measure meets the checklist.",
        "ko": "데모 검토: 조치가 점검표를 충족합니다.",
    },
    "concerns": {
        "en": "Demo review: the measure raises concerns of proportionality and participation.",
        "ko": "데모 검토: 비례성과 참여 면에서 우려가 있습니다.",
    },
    "incompatible": {
        "en": "Demo review: the measure targets a group without necessity.",
        "ko": "데모 검토: 필요성 없이 특정 집단을 겨냥합니다.",
    },
}


def _measure(city: City, data: dict[str, Any]) -> tuple[Measure, bool]:
    en, ko = data["titles"]
    found = Measure.objects.filter(applies_in=city, is_demo=True, titles__en=en).first()
    if found is not None:
        return found, False
    introduced, start, sunset, lifted = data["dates"]
    extensions = data.get("extensions", [])
    if extensions:
        sunset = extensions[-1][1]  # the sunset the last extension set
    code, level = data.get("policy", (None, None))
    measure = Measure.objects.create(
        city=city,
        applies_in=city,
        titles={"en": en, "ko": ko},
        summaries=NOTE,
        original_language="ko" if city.slug != "graz" else "de",
        kind=data["kind"],
        emergency=Emergency.objects.get(slug=data["emergency"], city=None),
        policy_code=PolicyCode.objects.get(code=code) if code else None,
        policy_level=level,
        authority={"en": f"Mayor of {city.name}", "ko": f"{city.names.get('ko', city.name)} 시장"},
        introduced_on=introduced,
        in_force_from=start,
        sunset_on=sunset,
        lifted_on=lifted,
        publication=Publication.PUBLISHED,
        is_demo=True,
    )
    measure.issues.set(Issue.objects.filter(slug__in=data["issues"]))
    changes = [MeasureChange(measure=measure, kind="introduced", on=introduced)]
    changes += [
        MeasureChange(measure=measure, kind="extended", on=on, new_sunset=new_sunset, note=NOTE)
        for on, new_sunset in extensions
    ]
    if lifted:
        changes.append(MeasureChange(measure=measure, kind="lifted", on=lifted))
    MeasureChange.objects.bulk_create(changes)
    if data.get("source"):
        measure.sources.create(
            titles={"en": "City government (demo link)", "ko": "시청 누리집(데모 링크)"},
            url=data["source"],
        )
    return measure, True


@transaction.atomic
def load_demo_emergency() -> dict[str, int]:
    """Load the demo measures and reviews of the demo cities that exist; return counts."""
    load_emergency_reference()
    cities = {c.slug: c for c in City.objects.filter(slug__in=["gwangju", "seoul", "graz"])}
    created = dict.fromkeys(
        [gettext_noop("emergency measures"), gettext_noop("measure reviews")], 0
    )
    measures = {}
    for data in MEASURES:
        city = cities.get(data["city"])
        if city is None:
            continue
        measure, is_new = _measure(city, data)
        measures[(city.slug, data["titles"][0])] = measure
        created["emergency measures"] += is_new
    for slug, title, outcome, on, next_on, answers, publication in REVIEWS:
        measure = measures.get((slug, title))
        if measure is None or measure.reviews.filter(reviewed_on=on, is_demo=True).exists():
            continue
        review = Review.objects.create(
            measure=measure,
            city=measure.city,
            reviewer_name="Demo reviewer",
            reviewed_on=on,
            next_review_on=next_on,
            outcome=outcome,
            summaries=SUMMARIES[outcome],
            publication=publication,
            is_demo=True,
        )
        ReviewAnswer.objects.bulk_create(
            ReviewAnswer(
                review=review,
                criterion=criterion.slug,
                answer=answer,
                evidence={
                    "en": "Demo evidence: the text of the order.",
                    "ko": "데모 근거: 명령문.",
                },
            )
            for criterion, answer in zip(CRITERIA, answers, strict=True)
        )
        created["measure reviews"] += 1
    return created
