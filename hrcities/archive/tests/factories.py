"""Plain factory functions for archive records in tests."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from hrcities.access.tiers import Publication
from hrcities.archive.models import Consent, Event, Item, Person

_seq = itertools.count(1)


def make_person(city: Any, **overrides: Any) -> Person:
    n = next(_seq)
    values = {"city": city, "pseudonym": f"Narrator {n}", "real_name": f"Real Name {n}"}
    values.update(overrides)
    person = Person(**values)
    person.full_clean()
    person.save()
    return person


def make_item(city: Any, **overrides: Any) -> Item:
    """A published public document of the city, unless overridden."""
    n = next(_seq)
    values: dict[str, Any] = {
        "city": city,
        "kind": "document",
        "titles": {"en": f"Item {n}"},
        "descriptions": {"en": f"Description of item {n}."},
        "original_language": "en",
        "publication": Publication.PUBLISHED,
        "access": "public",
    }
    allowed_users = overrides.pop("allowed_users", [])
    allowed_organisations = overrides.pop("allowed_organisations", [])
    values.update(overrides)
    item = Item(**values)
    item.full_clean()
    item.save()
    item.allowed_users.set(allowed_users)
    item.allowed_organisations.set(allowed_organisations)
    return item


def make_event(city: Any, **overrides: Any) -> Event:
    n = next(_seq)
    values: dict[str, Any] = {
        "city": city,
        "titles": {"en": f"Event {n}"},
        "original_language": "en",
        "publication": Publication.PUBLISHED,
        "access": "public",
    }
    values.update(overrides)
    event = Event(**values)
    event.full_clean()
    event.save()
    return event


def give_consent(item: Item, *scopes: str, **overrides: Any) -> Consent:
    values = {
        "item": item,
        "person": item.narrator,
        "scopes": list(scopes),
        "given_on": date(2020, 5, 18),
    }
    values.update(overrides)
    return Consent.objects.create(**values)
