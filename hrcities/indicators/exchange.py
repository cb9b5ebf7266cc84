"""Indicator data in the platform's own tidy CSV format, both ways.

One row per value: `Year`, one column per disaggregation, `Units`, `Value`. A blank
disaggregation cell means the total (every group), as in Open SDG. This format is a
convenience of this platform, which no Open SDG tool reads as it is (Open SDG's own files,
one per indicator with its metadata beside it, are in `opensdg.py`, which imports through
the checks here). It comes in two shapes:

- one file per indicator: the indicator is chosen on the upload page (or given to the
  command), and the file has no `Indicator` column;
- one file for several indicators of a city: an extra first column `Indicator` holds each
  row's indicator code.

Optional columns the platform adds when it has something to put in them: `Period` (a part
of the year, e.g. Q1; blank is the whole year), `Source` and `Note`, and the Korean of the
unit, the source and the note (`Units_ko`, `Source_ko`, `Note_ko`; a file without one of
these keeps the Korean already stored). Any other column must be a dimension the city
knows (shared ones: Sex, Age, Disability status, Migratory status, District).

Import is all or nothing: every bad row and column is reported with the reason (unknown
indicator or dimension, a value that is not a number, a year out of range, a duplicate
row, ...) and a file with any bad row changes nothing. A row for a year and group that
already has a value replaces it; other values stay. An exported file re-imports unchanged.
Text cells that a spreadsheet would run as a formula are written with a leading
apostrophe, which the import takes off again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import require_create_in
from hrcities.core.csvfiles import (
    CsvRows,
    GuardedWriter,
    ImportRefused,
    ImportReport,
    RowError,
    read_csv_text,
)

from .models import FIRST_YEAR, Dimension, Indicator, Observation, disaggregation_key
from .services import record_observation, update_observation

MAX_ROWS = 50_000
INDICATOR, YEAR, PERIOD, UNITS, VALUE, SOURCE, NOTE = (
    "Indicator",
    "Year",
    "Period",
    "Units",
    "Value",
    "Source",
    "Note",
)
UNITS_KO, SOURCE_KO, NOTE_KO = "Units_ko", "Source_ko", "Note_ko"
FIXED = (INDICATOR, YEAR, PERIOD, UNITS, VALUE, SOURCE, NOTE, UNITS_KO, SOURCE_KO, NOTE_KO)
# Largest value the database keeps: 20 digits, 6 of them after the point.
MAX_VALUE = Decimal("1e14")

KOREAN = (UNITS_KO, SOURCE_KO, NOTE_KO)

__all__ = ["ImportRefused", "ImportReport", "export_csv", "import_csv"]


def number_text(value: Decimal) -> str:
    """Return a value as plain decimal text without trailing zeros (50, 12.5, -0.25)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


# --- export ---------------------------------------------------------------------------


def export_csv(indicators: Any, *, with_indicator_column: bool | None = None) -> str:
    """Return the indicators' observations as tidy CSV text (UTF-8, RFC 4180, header row).

    With one indicator the file has no `Indicator` column unless asked for; with several
    it always has one.
    """
    indicators = list(indicators)
    if with_indicator_column is None:
        with_indicator_column = len(indicators) != 1
    if len(indicators) > 1 and not with_indicator_column:
        raise ValueError("A file for several indicators needs the Indicator column.")
    by_pk = {indicator.pk: indicator for indicator in indicators}
    observations = list(
        Observation.objects.filter(indicator__in=list(by_pk)).order_by(
            "indicator__code", "year", "period", "disaggregation_key"
        )
    )
    cities = {indicator.city_id for indicator in indicators}
    dimensions = [
        d
        for d in Dimension.objects.filter(city__isnull=True).order_by("position", "slug")
        if any(d.slug in o.disaggregation for o in observations)
    ] + [
        d
        for d in Dimension.objects.filter(city__in=cities).order_by("position", "slug")
        if any(d.slug in o.disaggregation for o in observations)
    ]
    for observation in observations:
        observation.indicator = by_pk[observation.indicator_id]
    has_period = any(o.period for o in observations)
    has_unit_ko = any(o.shown_unit.korean for o in observations)
    has_source = any(o.source for o in observations)
    has_source_ko = any(o.source_ko for o in observations)
    has_note = any(o.note for o in observations)
    has_note_ko = any(o.note_ko for o in observations)
    header = (
        ([INDICATOR] if with_indicator_column else [])
        + [YEAR]
        + ([PERIOD] if has_period else [])
        + [d.column for d in dimensions]
        + [UNITS, VALUE]
        + ([UNITS_KO] if has_unit_ko else [])
        + ([SOURCE] if has_source else [])
        + ([SOURCE_KO] if has_source_ko else [])
        + ([NOTE] if has_note else [])
        + ([NOTE_KO] if has_note_ko else [])
    )
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(header)
    for observation in observations:
        indicator = by_pk[observation.indicator_id]
        writer.writerow(
            ([indicator.code] if with_indicator_column else [])
            + [observation.year]
            + ([observation.period] if has_period else [])
            + [observation.disaggregation.get(d.slug, "") for d in dimensions]
            + [observation.shown_unit.text, number_text(observation.value)]
            + ([observation.shown_unit.korean] if has_unit_ko else [])
            + ([observation.source] if has_source else [])
            + ([observation.source_ko] if has_source_ko else [])
            + ([observation.note] if has_note else [])
            + ([observation.note_ko] if has_note_ko else [])
        )
    return out.getvalue()


# --- import ---------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    indicator: Indicator
    values: dict[str, Any]

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (
            self.indicator.pk,
            self.values["year"],
            self.values["period"],
            disaggregation_key(self.values["disaggregation"]),
        )


def import_csv(
    data: bytes, *, city: Any, by: Any, indicator: Indicator | None = None
) -> ImportReport:
    """Import tidy CSV bytes into a city's indicators: all rows, or none if any is bad.

    `indicator` chooses the indicator of a one-indicator file; without it, the file needs
    an `Indicator` column. Raise PermissionDenied when the user does not edit the city.
    """
    require_create_in(by, city=city)
    if indicator is not None and indicator.city_id != city.pk:
        raise ValidationError(_("This indicator belongs to another city."))
    report = ImportReport()
    text = read_csv_text(data, report.errors)
    if text is None:
        raise ImportRefused(report)
    rows = check_rows(text, city, indicator, report)
    if report.errors:
        raise ImportRefused(report)
    apply_rows(rows, by, report)
    return report


def apply_rows(rows: list[_Row], by: Any, report: ImportReport, **defaults: str) -> None:
    """Write checked rows in one transaction; `defaults` fill a new value's absent texts."""
    with transaction.atomic():
        for row in rows:
            _apply(row, by, report, defaults)


def _check_header(
    header: list[str], city: Any, indicator: Indicator | None, report: ImportReport
) -> dict[str, Dimension]:
    """Return the dimension of each dimension column; report every bad column."""

    def bad(column: str, message: str) -> None:
        report.errors.append(RowError(1, column, message))

    known = list(Dimension.objects.for_city(city))
    by_name = {d.column.casefold(): d for d in known} | {d.slug.casefold(): d for d in known}
    dimensions: dict[str, Dimension] = {}
    seen: set[str] = set()
    for column in header:
        if not column:
            bad("", _("A column has no header."))
            continue
        if column.casefold() in seen:
            bad(column, _("This column appears more than once."))
            continue
        seen.add(column.casefold())
        if column in FIXED:
            continue
        dimension = by_name.get(column.casefold())
        if dimension is None:
            bad(
                column,
                _("Unknown dimension. The dimensions of %(city)s are: %(known)s.")
                % {"city": city, "known": ", ".join(d.column for d in known)},
            )
        elif dimension.slug in {d.slug for d in dimensions.values()}:
            bad(column, _("Another column already stands for this dimension."))
        else:
            dimensions[column] = dimension
    for required in (YEAR, VALUE):
        if required not in header:
            bad(required, _("This column is missing."))
    if indicator is None and INDICATOR not in header:
        bad(
            INDICATOR,
            _(
                "This column is missing: choose the indicator for a one-indicator file, or "
                "give each row's indicator code in an Indicator column."
            ),
        )
    return dimensions


def check_rows(
    text: str,
    city: Any,
    indicator: Indicator | None,
    report: ImportReport,
    *,
    keep_absent: bool = False,
) -> list[_Row]:
    """Return a file's rows checked, every problem added to `report`.

    With `keep_absent`, a text column the file does not have (Units, Source, Note) keeps
    what is stored, as the Korean columns always do.
    """
    table = CsvRows(text, report.errors, max_rows=MAX_ROWS)
    if table.header is None:
        return []
    dimensions = _check_header(table.header, city, indicator, report)
    if report.errors:
        return []

    indicators = {i.code: i for i in Indicator.objects.filter(city=city).select_related("city")}
    rows: list[_Row] = []
    seen: dict[tuple[int, int, str, str], int] = {}
    last_year = timezone.localdate().year
    for line, cells in table:
        cells_by_column = table.by_column(line, cells)
        if cells_by_column is None:
            continue
        checked = _check_row(
            line, cells_by_column, city, indicator, indicators, dimensions, last_year, report
        )
        if checked is not None and keep_absent:
            for column, name in ((UNITS, "unit"), (SOURCE, "source"), (NOTE, "note")):
                if column not in cells_by_column:
                    checked.values.pop(name, None)
        if checked is None:
            continue
        if checked.key in seen:
            report.errors.append(
                RowError(
                    line,
                    "",
                    _(
                        "Duplicate row: row %(row)s already gives this indicator's value "
                        "for the same year and group."
                    )
                    % {"row": seen[checked.key]},
                )
            )
            continue
        seen[checked.key] = line
        rows.append(checked)
    return rows


def _check_row(
    line: int,
    row: dict[str, str],
    city: Any,
    chosen: Indicator | None,
    indicators: dict[str, Indicator],
    dimensions: dict[str, Dimension],
    last_year: int,
    report: ImportReport,
) -> _Row | None:
    errors_before = len(report.errors)

    def bad(column: str, message: str) -> None:
        report.errors.append(RowError(line, column, message))

    indicator = chosen
    if INDICATOR in row:
        code = row[INDICATOR]
        if chosen is not None:
            if code and code != chosen.code:
                bad(
                    INDICATOR,
                    _("This file is for indicator %(chosen)s, not “%(code)s”.")
                    % {"chosen": chosen.code, "code": code[:40]},
                )
        else:
            indicator = indicators.get(code)
            if indicator is None:
                bad(
                    INDICATOR,
                    _("Unknown indicator “%(code)s”: %(city)s has no indicator with this code.")
                    % {"code": code[:40], "city": city},
                )

    values: dict[str, Any] = {}
    raw_year = row[YEAR]
    try:
        year = int(raw_year)
    except ValueError:
        bad(YEAR, _("“%(v)s” is not a year like 2023.") % {"v": raw_year[:40]})
    else:
        if not FIRST_YEAR <= year <= last_year:
            bad(
                YEAR,
                _("The year %(year)s is out of range: give a year from %(first)s to %(last)s.")
                % {"year": year, "first": FIRST_YEAR, "last": last_year},
            )
        values["year"] = year

    period = row.get(PERIOD, "")
    if len(period) > 20:
        bad(PERIOD, _("At most 20 characters (this one has %(n)s).") % {"n": len(period)})
    values["period"] = period

    raw_value = row[VALUE]
    try:
        value = Decimal(raw_value)
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        message = (
            _("The value is empty: give a number, or leave the row out.")
            if not raw_value
            else _("“%(v)s” is not a number (write 1234.5, with no thousands separator).")
            % {"v": raw_value[:40]}
        )
        bad(VALUE, message)
    else:
        exponent = value.normalize().as_tuple().exponent
        if abs(value) >= MAX_VALUE or (isinstance(exponent, int) and exponent < -6):
            bad(VALUE, _("Give at most 14 digits before the point and 6 after it."))
        values["value"] = value

    for column, name, limit in (
        (UNITS, "unit", 60),
        (UNITS_KO, "unit_ko", 60),
        (SOURCE, "source", 300),
        (SOURCE_KO, "source_ko", 300),
        (NOTE, "note", None),
        (NOTE_KO, "note_ko", None),
    ):
        text = row.get(column, "")
        if limit and len(text) > limit:
            too_long = _("At most %(limit)s characters (this one has %(n)s).")
            bad(column, too_long % {"limit": limit, "n": len(text)})
        # A file without a Korean column keeps the Korean already stored.
        if column in row or column not in KOREAN:
            values[name] = text

    disaggregation: dict[str, str] = {}
    for column, dimension in dimensions.items():
        cell = row[column]
        if not cell:
            continue
        if dimension.values and cell not in dimension.values:
            bad(
                column,
                _("“%(v)s” is not a value of this dimension (use %(known)s, or leave it empty).")
                % {"v": cell[:40], "known": ", ".join(dimension.values)},
            )
        disaggregation[dimension.slug] = cell
    values["disaggregation"] = disaggregation

    if len(report.errors) > errors_before or indicator is None:
        return None
    return _Row(line, indicator, values)


def _apply(row: _Row, by: Any, report: ImportReport, defaults: dict[str, str]) -> None:
    values = row.values
    existing = Observation.objects.filter(
        indicator=row.indicator,
        year=values["year"],
        period=values["period"],
        disaggregation_key=disaggregation_key(values["disaggregation"]),
    ).first()
    if existing is None:
        record_observation(row.indicator, by=by, **(defaults | values))
        report.created += 1
        return
    texts = ("unit", "unit_ko", "source", "source_ko", "note", "note_ko")
    changes = {name: values[name] for name in ("value", *texts) if name in values}
    before = existing.version
    updated = update_observation(existing, changes, by=by, based_on_version=None)
    if updated.version != before:
        report.updated += 1
    else:
        report.unchanged += 1
