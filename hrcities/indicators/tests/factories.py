"""Plain builders for indicators and their observations."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from hrcities.indicators import groupings, services
from hrcities.indicators.models import Domain, Indicator, Observation

_seq = itertools.count(1)


def make_domain(city: Any, **overrides: Any) -> Domain:
    n = next(_seq)
    values: dict[str, Any] = {"slug": f"domain-{n}", "names": {"en": f"Domain {n}"}, "position": n}
    values.update(overrides)
    return groupings.add_domain(city, by=None, **values)


def make_indicator(city: Any, **overrides: Any) -> Indicator:
    """Define an indicator (as the platform): 'share of ...' in %, higher is better."""
    n = next(_seq)
    values: dict[str, Any] = {
        "code": f"I-{n}",
        "names": {"en": f"Indicator {n}", "ko": f"지표 {n}"},
        "unit": "%",
        "formula": f"Share of residents who ... (formula {n})",
        "polarity": "higher",
        "kind": "outcome",
    }
    values.update(overrides)
    return services.define_indicator(by=None, city=city, **values)


def observe(indicator: Indicator, year: int, value: Any, **overrides: Any) -> Observation:
    return services.record_observation(
        indicator, by=None, year=year, value=Decimal(str(value)), **overrides
    )
