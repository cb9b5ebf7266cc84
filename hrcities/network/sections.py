"""Sections the domains above add to a city's page (its programmes, ...).

The network sits below the domains and imports none of them: a domain registers a
function from its app's `ready()`; the city page shows what each returns, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# Each returns the template to include and its context, or None to show nothing.
Section = Callable[[HttpRequest, Any], "tuple[str, dict[str, Any]] | None"]
_sections: list[Section] = []


def register_city_section(section: Section) -> Section:
    if section not in _sections:
        _sections.append(section)
    return section


def city_sections(request: HttpRequest, city: Any) -> list[tuple[str, dict[str, Any]]]:
    """Return the registered sections of a city's page, as this reader may see them."""
    return [shown for section in _sections if (shown := section(request, city)) is not None]
