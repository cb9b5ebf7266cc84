"""What the programme and session files share: the languages with columns, how lists
are written in a cell, and how a row names the record it changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hrcities.core.csvfiles import Bad, whole_cell

LANGUAGES = ("en", "ko")
MAX_ROWS = 10_000
SLUG = re.compile(r"[-a-z0-9_]{1,120}")
YES = {"yes", "y", "true", "1", "예"}
NO = {"no", "n", "false", "0", "", "아니오"}


def joined(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values)


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


@dataclass
class Row:
    """A row read well: the record it changes (None to add one) and what it sets."""

    number: int
    record: Any
    version: int | None
    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


def texts(row: dict[str, str], prefix: str, before: dict[str, str] | None) -> dict[str, str]:
    """Return a per-language field from its columns; languages without a column stay."""
    result = dict(before or {})
    for code in LANGUAGES:
        column = f"{prefix}_{code}"
        if column in row:
            if row[column]:
                result[code] = row[column]
            else:
                result.pop(code, None)
    return result


def existing(
    row: dict[str, str],
    visible: QuerySet,
    may_change: Callable[[Any], bool],
    seen: dict[int, int],
    line: int,
    bad: Bad,
) -> tuple[Any, int | None]:
    """Return the record a row's id names (one the importer may change) and its version."""
    if not row.get("id"):
        return None, None
    pk = whole_cell(row["id"], "id", bad, low=1, high=2**62)
    if pk is None:
        return None, None
    if pk in seen:
        bad("id", _("Id %(id)s already appears in row %(row)s.") % {"id": pk, "row": seen[pk]})
    seen[pk] = line
    record = visible.filter(pk=pk).first()
    # Another city's record, and one the importer may not see, answer as if it did not exist.
    if record is None or not may_change(record):
        bad("id", _("There is no record %(id)s that you may change.") % {"id": pk})
        return None, None
    version = whole_cell(row.get("version", ""), "version", bad, low=1, high=2**31)
    return record, version


def by_slug(model: type, slugs: list[str], column: str, bad: Bad, queryset: Any = None) -> list:
    found = {r.slug: r for r in (queryset or model.objects).filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        bad(column, _("Unknown: %(v)s.") % {"v": ", ".join(unknown)[:200]})
    return [found[s] for s in slugs if s in found]
