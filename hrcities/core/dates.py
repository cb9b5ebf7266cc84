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
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS

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


def to_edtf(text: str) -> str:
    """Return a date as written in EDTF (ISO 8601-2), the form exports carry.

    The archivists' words become EDTF's marks: "circa 1980" is "1980~" (an uncertain
    "circa 1980?" is "1980%"), "c. 1980/1985" is "1980~/1985~"; spaces are dropped. A date
    written in EDTF already is returned as it is. Raises DateError as parse_fuzzy_date does.
    """
    parse_fuzzy_date(text)
    text = (text or "").strip()
    circa = bool(CIRCA.match(text))
    text = CIRCA.sub("", text).replace(" ", "")
    if not circa:
        return text

    def approximate(part: str) -> str:
        if part in ("", ".."):
            return part
        if part.endswith(("~", "%")):
            return part
        return part[:-1] + "%" if part.endswith("?") else part + "~"

    return "/".join(approximate(part) for part in text.split("/"))


# --- writing dates out for a reader ----------------------------------------------------
#
# One format per language on every page, report and PDF: "1 March 2024" and "2024년 3월 1일";
# ranges share what they can ("18–27 May 1980", "1980년 5월 18일–27일").


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "en").split("-")[0]


def _month_name(month: int, language: str) -> str:
    with translation.override(language):
        return str(MONTHS[month])


def format_day(day: date | datetime | None, language: str | None = None) -> str:
    """Return "1 March 2024" or "2024년 3월 1일" (a datetime in the site's time zone)."""
    if day is None or day == "":
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    language = _language(language)
    if language == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {_month_name(day.month, language)} {day.year}"


def format_moment(moment: datetime | None, language: str | None = None) -> str:
    """Return "1 March 2024, 14:05" or "2024년 3월 1일 14:05" in the site's time zone."""
    if moment is None or moment == "":
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    separator = " " if _language(language) == "ko" else ", "
    return f"{format_day(local.date(), language)}{separator}{local:%H:%M}"


def format_range(start: date | None, end: date | None, language: str | None = None) -> str:
    """Return a span of days, sharing the year and month: "18–27 May 1980"."""
    if start is None:
        return format_day(end, language)
    if end is None or end == start:
        return format_day(start, language)
    language = _language(language)
    if language == "ko":
        if (start.year, start.month) == (end.year, end.month):
            return f"{format_day(start, language)}–{end.day}일"
        if start.year == end.year:
            return f"{format_day(start, language)}–{end.month}월 {end.day}일"
    else:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{format_day(end, language)}"
        if start.year == end.year:
            return f"{start.day} {_month_name(start.month, language)} – {format_day(end, language)}"
    return f"{format_day(start, language)} – {format_day(end, language)}"


def _format_part(part: str, language: str) -> tuple[str, date, date]:
    """Write out one end of a written date: "1980-05" is "May 1980" or "1980년 5월"."""
    low, high, approximate, uncertain = _bounds(part)
    match = PART.match(part)
    assert match is not None  # _bounds has read it
    year_text, month = match["year"], match["month"]
    korean = language == "ko"
    if "X" in year_text:
        digits = year_text.rstrip("X")
        if year_text.endswith("XX"):
            century = int(digits) + 1
            text = f"{century}세기" if korean else f"{century}th century"
        else:
            text = f"{digits}0년대" if korean else f"{digits}0s"
    elif month is None:
        text = f"{low.year}년" if korean else str(low.year)
    elif match["day"] is None:
        text = (
            f"{low.year}년 {low.month}월"
            if korean
            else f"{_month_name(low.month, language)} {low.year}"
        )
    else:
        text = format_day(low, language)
    if approximate:
        text = f"{text}경" if korean else f"circa {text}"
    if uncertain:
        text = f"{text}(추정)" if korean else f"{text}?"
    return text, low, high


def format_fuzzy(text: str, language: str | None = None) -> str:
    """Write out a date as the archive keeps it ("1980-05-18/1980-05-27", "circa 1980") in
    the reader's language; a text that is not such a date is returned as written."""
    language = _language(language)
    try:
        parsed = parse_fuzzy_date(text)
    except DateError:
        return text
    raw = CIRCA.sub("", parsed.text).replace(" ", "")
    circa = raw != parsed.text.replace(" ", "")
    try:
        if "/" in raw:
            first, _sep, second = raw.partition("/")
            if first in ("", ".."):
                written = _format_part(second, language)[0]
                written = f"{written}까지" if language == "ko" else f"until {written}"
            elif second in ("", ".."):
                written = _format_part(first, language)[0]
                written = f"{written}부터" if language == "ko" else f"from {written}"
            else:
                (start_text, start, _), (end_text, _, end) = (
                    _format_part(first, language),
                    _format_part(second, language),
                )
                plain_days = all(
                    (m := PART.match(p)) and m["day"] and not m["mark"] for p in (first, second)
                )
                written = (
                    format_range(start, end, language)
                    if plain_days
                    else f"{start_text} – {end_text}"
                )
        else:
            written = _format_part(raw, language)[0]
    except DateError:
        return text
    if circa:
        written = f"{written}경" if language == "ko" else f"circa {written}"
    return written
