"""People with an address and a language, for the tests of what waits and its emails."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.work.registry import kind_named


def person(username: str, role: str = "", *, city: Any = None, language: str = "en") -> Any:
    user = make_user(username, email=f"{username}@example.org", preferred_language=language)
    if role:
        give_role(user, role, city=city)
    return user


def with_address(user: Any, language: str = "en") -> Any:
    user.email = f"{user.username}@example.org"
    user.preferred_language = language
    user.save(update_fields=["email", "preferred_language"])
    return user


def titles(kind: str, user: Any, today: Any = None) -> list[str]:
    """The titles one kind lists for the user."""
    found = kind_named(kind)
    return [item.title for item in found.items(user, today or timezone.localdate())]
