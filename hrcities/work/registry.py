"""The kinds of work that wait for a person, each with the things of that kind.

    register(Kind("review", _("Waiting for your review"), ..., items=submitted_for_review))

A kind's `items(user, today)` reads the domains through their own rules (`visible_to`,
the keepers of a record), so the page shows a person only what they may already read.
Its titles are for the page alone: no email names a thing, only its kind and a count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import Frequency


@dataclass(frozen=True)
class WorkItem:
    # What a reminder of it is remembered by: one key, one reminder. A key changes when
    # the wait starts anew (a second submission, a new renewal date, a new year).
    key: str
    title: str
    url: str
    date: date
    note: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any  # lazy text, read in each reader's language
    explanation: Any
    items: Callable[[Any, date], list[WorkItem]]
    position: int  # where the page and the emails list it
    default: str = Frequency.DAILY
    # A cheaper count for the header, when listing the items costs more than counting.
    count: Callable[[Any, date], int] | None = None
    # Where the things are done one by one, when a page other than the records' own does it:
    # a URL name and the link's text.
    page: str = ""
    page_label: Any = ""

    def count_for(self, user: Any, today: date) -> int:
        return self.count(user, today) if self.count else len(self.items(user, today))


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.key] = kind
    return kind


def kinds() -> list[Kind]:
    """Return every kind, in the order the page and the emails list them.

    The kinds register when the app is ready (WorkConfig.ready imports them)."""
    return sorted(KINDS.values(), key=lambda kind: kind.position)


def kind_named(key: str) -> Kind | None:
    return {kind.key: kind for kind in kinds()}.get(key)
