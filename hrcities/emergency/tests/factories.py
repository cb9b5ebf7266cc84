"""Plain factory functions of the emergency measures tests."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hrcities.access.tiers import Publication
from hrcities.emergency.checklist import CRITERIA
from hrcities.emergency.models import Emergency, Measure, MeasureChange, Review, ReviewAnswer

_seq = itertools.count(1)


def make_emergency(slug: str = "covid-19") -> Emergency:
    emergency, _ = Emergency.objects.get_or_create(
        slug=slug, city=None, defaults={"names": {"en": slug, "ko": slug}}
    )
    return emergency


def make_measure(city: Any, **overrides: Any) -> Measure:
    """A published measure of `city`, in force since 2020-03-01, with its introduction."""
    number = next(_seq)
    values: dict[str, Any] = {
        "city": city,
        "applies_in": city,
        "titles": {"en": f"Measure {number}", "ko": f"조치 {number}"},
        "original_language": "en",
        "kind": "order",
        "emergency": overrides.pop("emergency", None) or make_emergency(),
        "introduced_on": date(2020, 3, 1),
        "in_force_from": date(2020, 3, 1),
        "publication": Publication.PUBLISHED,
    }
    values.update(overrides)
    links = {name: values.pop(name) for name in ("issues", "target_groups") if name in values}
    measure = Measure.objects.create(**values)
    for name, value in links.items():
        getattr(measure, name).set(value)
    MeasureChange.objects.create(measure=measure, kind="introduced", on=measure.introduced_on)
    return measure


def all_answers(answer: str = "yes") -> dict[str, dict[str, Any]]:
    return {
        c.slug: {"answer": answer, "evidence": {"en": f"Read the {c.slug} text."}} for c in CRITERIA
    }


def make_review(measure: Measure, **overrides: Any) -> Review:
    """A published review of `measure` by its city, every question answered yes."""
    values: dict[str, Any] = {
        "measure": measure,
        "city": measure.city,
        "organisation": measure.organisation,
        "reviewed_on": date(2020, 6, 1),
        "outcome": "compatible",
        "publication": Publication.PUBLISHED,
    }
    values.update(overrides)
    review = Review.objects.create(**values)
    ReviewAnswer.objects.bulk_create(
        ReviewAnswer(review=review, criterion=c.slug, answer="yes") for c in CRITERIA
    )
    return review
