"""Sections the domains above add to a city's page (its actions, indicators, records, ...).

The network sits below the domains and imports none of them: a domain registers a
function from its app's `ready()`; the city page shows what each returns, in the order
of their positions, with a link to each in the page's contents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

# Each returns the template to include and its context, or None to show nothing.
Section = Callable[[HttpRequest, Any], "tuple[str, dict[str, Any]] | None"]


@dataclass(frozen=True)
class Registered:
    section: Section
    position: int
    title: Any  # a lazy translation: the section's heading, for the page's contents
    anchor: str  # the id of the section's heading
    head: str | None  # a template for the page's <head>: the section's styles and scripts


@dataclass(frozen=True)
class Shown:
    template: str
    context: dict[str, Any]
    title: Any
    anchor: str
    head: str | None


_sections: list[Registered] = []


def register_city_section(
    section: Section, *, position: int, title: Any, anchor: str, head: str | None = None
) -> Section:
    """Add a section to every city's page, at `position` (lower first)."""
    if all(known.section is not section for known in _sections):
        _sections.append(Registered(section, position, title, anchor, head))
        _sections.sort(key=lambda known: known.position)
    return section


def city_sections(request: HttpRequest, city: Any) -> list[Shown]:
    """Return the registered sections of a city's page, as this reader may see them."""
    shown = []
    for known in _sections:
        found = known.section(request, city)
        if found is not None:
            template, context = found
            shown.append(Shown(template, context, known.title, known.anchor, known.head))
    return shown
