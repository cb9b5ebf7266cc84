"""An indicator's unit in the reader's language.

A unit is kept as the city wrote it in English (`unit`: also the text of tidy CSV files'
Units column, and what a change of definition compares) and, when the city gives one, in
Korean (`unit_ko`). A Korean reader gets the city's Korean unit first: the city knows its
own unit best. The units cities write most are also known to the platform, which writes
them in the reader's language even without a Korean text ("2,750 persons", "2,750명";
"per 100,000" comes first in Korean). Any other unit is shown as it was written and
marked with its own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hrcities.core.languages import ReaderText, in_reader_language, reader_language

PERCENT_UNITS = {"%", "percent", "per cent", "퍼센트"}

# The units cities write most, with how the reader's language writes a value in the unit
# and the unit alone.
KNOWN_UNITS: dict[str, tuple[Promise, Promise]] = {
    "persons": (_("%(number)s persons"), pgettext_lazy("unit", "persons")),
    "people": (_("%(number)s people"), pgettext_lazy("unit", "people")),
    "per 1,000": (_("%(number)s per 1,000"), pgettext_lazy("unit", "per 1,000")),
    "per 10,000": (_("%(number)s per 10,000"), pgettext_lazy("unit", "per 10,000")),
    "per 100,000": (_("%(number)s per 100,000"), pgettext_lazy("unit", "per 100,000")),
    "days": (_("%(number)s days"), pgettext_lazy("unit", "days")),
    "hours": (_("%(number)s hours"), pgettext_lazy("unit", "hours")),
    "cases": (_("%(number)s cases"), pgettext_lazy("unit", "cases")),
    "complaints": (_("%(number)s complaints"), pgettext_lazy("unit", "complaints")),
    "reports": (_("%(number)s reports"), pgettext_lazy("unit", "reports")),
    "households": (_("%(number)s households"), pgettext_lazy("unit", "households")),
}


@dataclass(frozen=True)
class Unit:
    """A unit in English (or as the city wrote it) and in Korean."""

    text: str = ""
    korean: str = ""

    @classmethod
    def of(cls, unit: Unit | str | None) -> Unit:
        """Return `unit` as a Unit: a text alone is a unit nobody translated."""
        if isinstance(unit, Unit):
            return unit
        return cls((unit or "").strip())

    def __str__(self) -> str:
        return self.text or self.korean

    def __bool__(self) -> bool:
        return bool(self.text or self.korean)

    @property
    def is_percent(self) -> bool:
        return any(part.strip().lower() in PERCENT_UNITS for part in (self.text, self.korean))

    @property
    def known(self) -> tuple[Promise, Promise] | None:
        """Return how the platform writes this unit, unless the reader gets the city's own
        Korean text."""
        if self.korean and reader_language() == "ko":
            return None
        return KNOWN_UNITS.get(" ".join(self.text.casefold().split()))

    def label(self) -> ReaderText:
        """Return the unit alone in the reader's language ("persons": "명")."""
        known = self.known
        if known:
            return ReaderText(str(known[1]), reader_language())
        return in_reader_language(self.text, self.korean)


def is_percent(unit: Unit | str) -> bool:
    return Unit.of(unit).is_percent


def unit_label(unit: Unit | str) -> str:
    """Return a unit in the reader's language when the city or the platform gives one."""
    return Unit.of(unit).label().text
