"""A small city report: two domains, indicators that improved, worsened, hide or wait."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.indicators.tests.factories import make_domain, make_indicator, observe


@dataclass
class ReportCity:
    city: Any
    participation: Any  # domain
    safety: Any  # domain
    women: Any  # improved in 2023, has a target and a breakdown by sex
    hate: Any  # lower is better, worsened in 2023
    draft: Any  # not published: the public never sees it
    waiting: Any  # no value yet
    action: Any
    sub_action: Any
    commitment: Any


def make_report_city(city: Any) -> ReportCity:
    """Give a city indicator values for 2022 and 2023 and an action with a sub-action."""
    participation = make_domain(
        city, slug="participation", names={"en": "Participation", "ko": "참여"}, position=1
    )
    safety = make_domain(city, slug="safety", names={"en": "Safety", "ko": "안전"}, position=2)
    women = make_indicator(
        city,
        domain=participation,
        code="P-1",
        names={"en": "Women on city committees", "ko": "위원회 여성 비율"},
        baseline_year=2018,
        baseline_value=Decimal("40"),
        target_year=2030,
        target_value=Decimal("70"),
        decimals=0,
    )
    for year, value in [(2018, 40), (2022, 50), (2023, 55)]:
        observe(women, year, value)
    observe(women, 2023, 57, disaggregation={"sex": "Female"})
    observe(women, 2023, 53, disaggregation={"sex": "Male"})
    hate = make_indicator(
        city,
        domain=safety,
        code="S-1",
        names={"en": "Reported hate crimes", "ko": "신고된 혐오 범죄"},
        unit="cases",
        polarity="lower",
        decimals=0,
    )
    observe(hate, 2022, 1200)
    observe(hate, 2023, 1350)
    draft = make_indicator(
        city,
        domain=safety,
        code="S-2",
        names={"en": "Secret draft indicator", "ko": "비공개 초안 지표"},
        is_published=False,
    )
    observe(draft, 2023, 12)
    waiting = make_indicator(
        city, domain=participation, code="P-2", names={"en": "Youth council seats"}
    )
    declaration = make_declaration(promises=2, title="Gwangju Declaration 2020")
    commitment = declaration.commitments.get(number=1)
    action = make_action(commitment, city, title="Open the human rights office", progress=60)
    sub_action = make_action(
        commitment, city, title="Hire two investigators", parent=action, progress=20
    )
    women.commitments.add(commitment)
    return ReportCity(
        city, participation, safety, women, hate, draft, waiting, action, sub_action, commitment
    )
