"""Demo education programmes: a memory walk that travelled from Gwangju to Seoul, Graz and
Rosario, an online course for journalists, and a Seoul draft only its keepers see.

The programmes, sessions, counts and evaluation findings are invented to show the
platform, and each says so. Loading again adds nothing: programmes are matched by slug,
sessions by programme and first day. Rows are written directly (no revisions), as the
other demo loaders do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from hrcities.access.tiers import Publication
from hrcities.archive.models import Item
from hrcities.indicators.models import Dimension
from hrcities.network.models import City

from .loaders import load_wphre
from .models import Audience, Licence, Material, Method, ParticipantCount, Programme, Session

NOTE = {
    "en": "Demo programme with invented details, to show the platform.",
    "ko": "플랫폼을 보여 주기 위한 가상의 예시 프로그램입니다.",
}

PROGRAMMES: list[dict[str, Any]] = [
    {
        "slug": "demo-may-18-memory-walk",
        "city": "gwangju",
        "titles": {
            "en": "May 18 memory walk for civil servants",
            "ko": "공무원을 위한 5·18 기억 걷기",
        },
        "summaries": {
            "en": "Civil servants walk the sites of the May 1980 uprising with a survivor "
            "and discuss what the city owes to the right to life and to the truth.",
            "ko": "공무원이 5·18 생존자와 함께 1980년 5월 항쟁의 현장을 걷고, 생명권과 "
            "진실에 대한 도시의 책임을 토론합니다.",
        },
        "original_language": "ko",
        "languages": ["ko"],
        "audiences": ["civil-servants"],
        "methods": ["site-of-memory-visit", "participatory"],
        "format": "in-person",
        "hours": 6,
        "outcomes": {
            "en": "Participants can explain what happened in May 1980 and relate it to "
            "their own duties under the city's human rights ordinance.",
            "ko": "참여자는 1980년 5월의 사실을 설명하고 이를 시 인권조례에 따른 자신의 "
            "직무와 연결할 수 있습니다.",
        },
        "items": ["The former South Jeolla Provincial Office as a site of memory"],
        "materials": [
            ("Walk guide", "걷기 안내서", "https://example.org/demo/may-18-walk-guide", "CC-BY-4.0")
        ],
        "sessions": [
            (date(2021, 5, 14), 24, {"sex": {"Female": 13, "Male": 11}}),
            (date(2022, 5, 13), 30, {"sex": {"Female": 17, "Male": 13}}),
            (date(2023, 5, 12), 36, {"sex": {"Female": 20, "Male": 16}, "age": {"30-49": 22}}),
            (date(2024, 5, 17), 40, {"sex": {"Female": 21, "Male": 19}}),
        ],
    },
    {
        "slug": "demo-namyeong-dong-memory-walk",
        "city": "seoul",
        "adapted_from": "demo-may-18-memory-walk",
        "adaptation_kinds": ["local-history"],
        "adaptation_note": {
            "en": "The walk follows Seoul's own site of memory, the former Namyeong-dong "
            "investigation office, instead of Gwangju's.",
            "ko": "광주의 현장 대신 서울의 기억의 장소인 옛 남영동 대공분실을 걷습니다.",
        },
        "titles": {
            "en": "Namyeong-dong memory walk for civil servants",
            "ko": "공무원을 위한 남영동 기억 걷기",
        },
        "summaries": {
            "en": "Seoul's adaptation of Gwangju's memory walk, at the former "
            "Namyeong-dong anti-communist investigation office.",
            "ko": "광주 기억 걷기를 서울의 옛 남영동 대공분실에 맞게 바꾼 프로그램입니다.",
        },
        "original_language": "ko",
        "languages": ["ko"],
        "audiences": ["civil-servants"],
        "methods": ["site-of-memory-visit", "participatory"],
        "format": "in-person",
        "hours": 4,
        "items": [
            "The former Namyeong-dong anti-communist investigation office as a site of memory"
        ],
        "sessions": [
            (
                date(2023, 6, 10),
                28,
                {"sex": {"Female": 15, "Male": 13}, "disability": {"With disability": 3}},
            ),
            (date(2024, 6, 8), 32, {"sex": {"Female": 18, "Male": 14}}),
        ],
        "evaluation": {
            "method": "Pre- and post-walk questionnaire",
            "instrument": "Ten-question knowledge and attitude survey",
            "findings": {
                "en": "Correct answers on the history of the site rose from 41% to 83%; "
                "most participants asked for a second visit with their teams.",
                "ko": "현장 역사에 대한 정답률이 41%에서 83%로 올랐고, 대부분이 팀과 함께 "
                "다시 방문하기를 원했습니다.",
            },
        },
    },
    {
        "slug": "demo-graz-youth-memory-walk",
        "city": "graz",
        "adapted_from": "demo-namyeong-dong-memory-walk",
        "adaptation_kinds": ["language", "audience", "local-history"],
        "titles": {"en": "Human rights city walk for young people", "ko": "청년 인권도시 걷기"},
        "summaries": {
            "en": "Graz adapted the walk for secondary school students, in German and "
            "English, at the city's places of remembrance.",
            "ko": "그라츠는 이 걷기를 중등학생을 위해 독일어와 영어로, 도시의 기억 장소에서 "
            "진행하도록 바꾸었습니다.",
        },
        "original_language": "en",
        "languages": ["de", "en"],
        "audiences": ["youth", "school-education"],
        "methods": ["site-of-memory-visit", "peer-education"],
        "format": "in-person",
        "hours": 3,
        "sessions": [(date(2024, 10, 2), 45, {"age": {"15-19": 45}})],
    },
    {
        "slug": "demo-rosario-memory-walk",
        "city": "rosario",
        "adapted_from": "demo-graz-youth-memory-walk",
        "adaptation_kinds": ["language", "length"],
        "titles": {"en": "Memory walk for youth in Rosario", "ko": "로사리오 청년 기억 걷기"},
        "summaries": {
            "en": "Rosario's Spanish version of the youth walk, in two afternoons.",
            "ko": "두 번의 오후로 나눈 로사리오의 스페인어판 청년 걷기입니다.",
        },
        "original_language": "en",
        "languages": ["es"],
        "audiences": ["youth"],
        "methods": ["site-of-memory-visit", "arts-based"],
        "format": "in-person",
        "hours": 5,
        "sessions": [(date(2025, 3, 24), 22, {})],
    },
    {
        "slug": "demo-reporting-on-human-rights-online",
        "city": "gwangju",
        "titles": {
            "en": "Reporting on human rights: an online course for journalists",
            "ko": "인권 보도: 언론인을 위한 온라인 강좌",
        },
        "summaries": {
            "en": "Four online modules on reporting without discrimination and on the "
            "city's human rights indicators.",
            "ko": "차별 없는 보도와 도시 인권지표에 관한 네 개의 온라인 모듈입니다.",
        },
        "original_language": "en",
        "languages": ["en", "ko"],
        "audiences": ["media-professionals"],
        "methods": ["online-course", "lecture"],
        "format": "online",
        "hours": 8,
        "sessions": [
            (date(2022, 9, 1), 60, {"sex": {"Female": 34, "Male": 26}}),
            (date(2023, 9, 1), 75, {"sex": {"Female": 41, "Male": 34}, "migrant": {"Migrant": 6}}),
        ],
        "online": True,
    },
    {
        "slug": "demo-seoul-draft-workshop",
        "city": "seoul",
        "publication": Publication.DRAFT,
        "titles": {
            "en": "Draft: workshop on the right to housing",
            "ko": "초안: 주거권 워크숍",
        },
        "summaries": {
            "en": "Not published yet: only Seoul's editors and reviewers see it.",
            "ko": "아직 공개되지 않았습니다. 서울의 편집자와 검토자만 볼 수 있습니다.",
        },
        "original_language": "ko",
        "languages": ["ko"],
        "audiences": ["civil-servants"],
        "methods": ["workshop"],
        "format": "blended",
        "sessions": [],
    },
]


def _with_note(texts: dict[str, str]) -> dict[str, str]:
    return {code: f"{text} {NOTE[code]}" if code in NOTE else text for code, text in texts.items()}


@transaction.atomic
def load_demo_education() -> dict[str, int]:
    """Load the demo programmes and their sessions; return how many were new."""
    load_wphre()
    created = dict.fromkeys(
        [gettext_noop("education programmes"), gettext_noop("education sessions")], 0
    )
    cities = {c.slug: c for c in City.objects.filter(slug__in={p["city"] for p in PROGRAMMES})}
    dimensions = {d.slug: d for d in Dimension.objects.filter(city__isnull=True)}
    programmes: dict[str, Programme] = {}
    for spec in PROGRAMMES:
        city = cities.get(spec["city"])
        if city is None:
            continue
        values = {
            "city": city,
            "titles": spec["titles"],
            "summaries": _with_note(spec["summaries"]),
            "original_language": spec["original_language"],
            "languages": spec["languages"],
            "format": spec["format"],
            "duration_hours": spec.get("hours"),
            "outcomes": spec.get("outcomes", {}),
            "publication": spec.get("publication", Publication.PUBLISHED),
            "adapted_from": programmes.get(spec.get("adapted_from", "")),
            "adaptation_kinds": spec.get("adaptation_kinds", []),
            "adaptation_note": spec.get("adaptation_note", {}),
            "contact": f"education@{spec['city']}.example.org",
            "is_demo": True,
        }
        programme, new = Programme.objects.update_or_create(slug=spec["slug"], defaults=values)
        created["education programmes"] += new
        programmes[spec["slug"]] = programme
        programme.provider_cities.set([city])
        programme.audiences.set(Audience.objects.filter(slug__in=spec["audiences"]))
        programme.methods.set(Method.objects.filter(city__isnull=True, slug__in=spec["methods"]))
        programme.items.set(Item.objects.filter(is_demo=True, titles__en__in=spec.get("items", [])))
        for en, ko, url, licence in spec.get("materials", []):
            Material.objects.get_or_create(
                programme=programme,
                url=url,
                defaults={"titles": {"en": en, "ko": ko}, "licence": Licence(licence)},
            )
        created["education sessions"] += _load_sessions(programme, spec, city, dimensions)
    return created


def _load_sessions(
    programme: Programme, spec: dict[str, Any], city: City, dimensions: dict[str, Dimension]
) -> int:
    new_sessions = 0
    evaluation = spec.get("evaluation")
    for number, (day, participants, counts) in enumerate(spec["sessions"]):
        is_last = number == len(spec["sessions"]) - 1
        values: dict[str, Any] = {
            "participants": participants,
            "is_online": spec.get("online", False),
            "city": None if spec.get("online") else city,
            "facilitator": "Demo facilitator",
            "is_demo": True,
        }
        if evaluation and is_last:
            values.update(
                evaluation_method=evaluation["method"],
                evaluation_instrument=evaluation["instrument"],
                findings=_with_note(evaluation["findings"]),
            )
        session, new = Session.objects.update_or_create(
            programme=programme, starts_on=day, defaults=values
        )
        new_sessions += new
        for slug, groups in counts.items():
            for value, count in groups.items():
                ParticipantCount.objects.update_or_create(
                    session=session,
                    dimension=dimensions[slug],
                    value=value,
                    defaults={"count": count},
                )
    return new_sessions
