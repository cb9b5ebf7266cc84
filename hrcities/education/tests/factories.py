"""Plain factory functions and the personas of the education tests."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hrcities.access.tiers import Publication
from hrcities.education.models import Method, Programme, Session

_seq = itertools.count(1)


def make_method(slug: str = "participatory", city: Any = None, **overrides: Any) -> Method:
    method, _ = Method.objects.get_or_create(
        city=city, slug=slug, defaults={"names": {"en": slug.title()}, **overrides}
    )
    return method


def make_programme(city: Any, **overrides: Any) -> Programme:
    number = next(_seq)
    values: dict[str, Any] = {
        "city": city,
        "slug": f"programme-{number}",
        "titles": {"en": f"Programme {number}"},
        "summaries": {"en": "Human rights for everyone who works for the city."},
        "original_language": "en",
        "languages": ["en"],
        "publication": Publication.PUBLISHED,
    }
    values.update(overrides)
    links = {
        name: values.pop(name)
        for name in ("audiences", "methods", "items", "actions", "indicators", "target_groups")
        if name in values
    }
    programme = Programme.objects.create(**values)
    for name, value in links.items():
        getattr(programme, name).set(value)
    return programme


def make_session(programme: Programme, **overrides: Any) -> Session:
    values: dict[str, Any] = {
        "programme": programme,
        "starts_on": date(2024, 5, 18),
        "participants": 20,
        "city": programme.city,
    }
    values.update(overrides)
    return Session.objects.create(**values)
