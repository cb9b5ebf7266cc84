"""Uncertain and partial dates, kept exactly as written and made sortable.

Accepted (a subset of EDTF, ISO 8601-2, plus the plain words archivists write):
"1980", "1980-05", "1980-05-18", intervals "1980-05-18/1980-05-27" (either end may be
open: "../1980", "1980/.."), uncertain "1980?" or approximate "1980~" or "circa 1980",
"c. 1980", "ca. 1980", decades and centuries "198X", "19XX", and seasons are not.
Each date gives its earliest and latest possible day; lists sort by the earliest.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

CIRCA = re.compile(r"^\s*(?:circa|ca\.?|c\.|about|approximately|약|경)\s*", re.IGNORECASE)
PART = re.compile(
    r"^(?P<year>-?\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<mark>[?~%]?)$"
)


class DateError(ValueError):
    """A date that cannot be read; the message says what is accepted."""


@dataclass(frozen=True)
class FuzzyDate:
    text: str
    start: date | None
    end: date | None
    is_approximate: bool = False
    is_uncertain: bool = False


def _bounds(part: str) -> tuple[date, date, bool, bool]:
    match = PART.match(part)
    if not match:
        raise DateError(part)
    year_text, month, day, mark = match["year"], match["month"], match["day"], match["mark"]
    approximate = mark in ("~", "%")
    uncertain = mark in ("?", "%")
    if "X" in year_text:
        if month or day:
            raise DateError(part)
        low = int(year_text.replace("X", "0"))
        high = int(year_text.replace("X", "9"))
        return date(max(low, 1), 1, 1), date(high, 12, 31), approximate, uncertain
    year = int(year_text)
    if year < 1:
        raise DateError(part)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), approximate, uncertain
    m = int(month)
    if not 1 <= m <= 12:
        raise DateError(part)
    last = calendar.monthrange(year, m)[1]
    if day is None:
        return date(year, m, 1), date(year, m, last), approximate, uncertain
    d = int(day)
    if not 1 <= d <= last:
        raise DateError(part)
    return date(year, m, d), date(year, m, d), approximate, uncertain


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read a written date; raise DateError saying what forms are accepted."""
    original = text
    text = (text or "").strip()
    if not text:
        return FuzzyDate("", None, None)
    approximate = False
    if CIRCA.match(text):
        text = CIRCA.sub("", text)
        approximate = True
    text = text.replace(" ", "")
    try:
        if "/" in text:
            first, _sep, second = text.partition("/")
            start = None if first in ("", "..") else _bounds(first)
            end = None if second in ("", "..") else _bounds(second)
            if start is None and end is None:
                raise DateError(text)
            if start and end and end[1] < start[0]:
                raise DateError(text)
            return FuzzyDate(
                original.strip(),
                start[0] if start else None,
                end[1] if end else None,
                approximate or bool(start and start[2]) or bool(end and end[2]),
                bool(start and start[3]) or bool(end and end[3]),
            )
        low, high, approx, uncertain = _bounds(text)
    except DateError:
        raise DateError(
            f"“{original.strip()[:60]}” is not a date this archive can read. Write for example "
            "1980, 1980-05, 1980-05-18, 1980-05-18/1980-05-27, circa 1980, 1980?, 198X."
        ) from None
    return FuzzyDate(original.strip(), low, high, approximate or approx, uncertain)
