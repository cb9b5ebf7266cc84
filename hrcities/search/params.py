"""Reading search parameters from a request, the same way for the page and the API."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from .services import FACETS, Filters

YEAR_OR_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class ParameterError(ValueError):
    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field
        self.detail = detail


def parse_day(field: str, text: str | None, *, end: bool = False) -> date | None:
    """Read "1980", "1980-05" or "1980-05-18"; a bare year means its first (or last) day."""
    if not text or not text.strip():
        return None
    match = YEAR_OR_DATE.match(text)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            if not end:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, month, day)
    except ValueError:
        raise ParameterError(
            field, _("Give a year (1980) or a date (1980-05-18), not “%(v)s”.") % {"v": text[:40]}
        ) from None


def clean_values(values: list[str] | None) -> list[str]:
    """Keep facet values as given, minus blanks, repeats and anything implausibly long."""
    seen: list[str] = []
    for value in values or []:
        value = value.strip()
        if value and len(value) <= 120 and value not in seen:
            seen.append(value)
    return seen[:20]


def filters_from(
    values: dict[str, list[str]],
    date_from: str | None,
    date_to: str | None,
    *,
    include_suggested: bool = False,
) -> Filters:
    filters = Filters(**{facet: clean_values(values.get(facet)) for facet in FACETS})
    filters.include_suggested = include_suggested
    filters.date_from = parse_day("from", date_from)
    filters.date_to = parse_day("to", date_to, end=True)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ParameterError("to", _("The end of the date range is before its start."))
    return filters
