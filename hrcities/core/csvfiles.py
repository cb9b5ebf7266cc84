"""What every CSV import and export of the platform shares.

An import is all or nothing: the file is read whole, every problem is collected as a
RowError (row, column, reason), and only a file without any is written. The reading
rules are the same for every kind of record: UTF-8 with or without a byte-order mark,
RFC 4180 quoting read strictly, a header row, blank rows skipped, a size and a row limit.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .validation import text_problem

MAX_BYTES = 5 * 1024 * 1024
# Spreadsheet programs run cells that start with these as formulas; the export guards
# them with an apostrophe, which the import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-5", "+2.5", "1e3") is never run: it stays a number.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _starts_a_formula(value: str) -> bool:
    # Apostrophes before a formula are guards (the export's, or the writer's own).
    return value.lstrip("'").startswith(FORMULA_STARTS)


def guard_formula(value: str) -> str:
    """Return a cell a spreadsheet shows as text, not runs as a formula.

    A cell that already starts with guards gets one more apostrophe, so that the import,
    which takes one off, gives back exactly what was written.
    """
    return "'" + value if _starts_a_formula(value) else value


def unguard_formula(value: str) -> str:
    """Return a cell as it was before `guard_formula`."""
    return value[1:] if value.startswith("'") and _starts_a_formula(value) else value


def guard_cell(value: Any) -> str:
    """Return any value as a CSV cell that a spreadsheet shows, never runs."""
    text = "" if value is None else str(value)
    return text if NUMBER.fullmatch(text) else guard_formula(text)


class GuardedWriter:
    """A CSV writer (RFC 4180, CRLF) that guards every cell of every row, header included:
    no column of any export can carry a formula into a spreadsheet."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([guard_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_chunks(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Yield rows as CSV text (UTF-8, RFC 4180, guarded cells) a few rows at a time, so a
    large export streams rather than waits."""
    out = io.StringIO()
    writer = GuardedWriter(out)
    for number, row in enumerate(rows):
        writer.writerow(row)
        if number % 100 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


@dataclass
class RowError:
    """One problem of an imported file; row 0 is the file as a whole. `file` names the
    file among several (a folder's), and is empty for a single file."""

    row: int
    column: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row} if self.row else _("the file")
        if self.file:
            where = f"{self.file}, {where}"
        if self.column:
            where += ", " + _("column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import of records that may already exist did: each row added, changed or not."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRefused(Exception):
    """Nothing was imported; the report lists every problem found."""

    def __init__(self, report: Any) -> None:
        self.report = report
        super().__init__("; ".join(str(e) for e in report.errors[:20]))


def csv_download(text: str, filename: str) -> HttpResponse:
    """Return CSV text as a UTF-8 file to download under `filename`."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def size_message(size: int, limit: int) -> str:
    return _("The file is %(size)s MB; the limit is %(limit)s MB.") % {
        "size": round(size / 1048576, 1),
        "limit": limit // 1048576,
    }


class CsvFileField(forms.FileField):
    """An upload field for a CSV file that refuses one over the import limit unread."""

    def __init__(self, *, max_bytes: int = MAX_BYTES, **kwargs: Any) -> None:
        self.max_bytes = max_bytes
        kwargs.setdefault("label", gettext_lazy("CSV file"))
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload.size > self.max_bytes:
            raise forms.ValidationError(size_message(upload.size, self.max_bytes))
        return upload


def read_csv_text(data: bytes, errors: list[RowError], *, max_bytes: int = MAX_BYTES) -> str | None:
    """Return the file as text, or None after reporting why it cannot be read as CSV."""
    if len(data) > max_bytes:
        errors.append(
            RowError(
                0,
                "",
                _("The CSV file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(len(data) / 1048576, 1), "limit": max_bytes // 1048576},
            )
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        errors.append(
            RowError(
                data[: error.start].count(b"\n") + 1,
                "",
                _("The file is not UTF-8 text (byte %(pos)s). Save it as “CSV UTF-8”.")
                % {"pos": error.start},
            )
        )
        return None
    if "\x00" in text:
        errors.append(
            RowError(
                text[: text.index("\x00")].count("\n") + 1,
                "",
                _("The file contains NUL characters: it is not a CSV file."),
            )
        )
        return None
    return text


class CsvRows:
    """The header and the rows of a CSV text, read strictly (RFC 4180), problems reported.

    `header` is None when the file has no readable header row. Iterating yields the line
    number and cells of each row that is not blank; it stops after `max_rows` such rows,
    or where the text stops being readable CSV, and reports which.
    """

    def __init__(self, text: str, errors: list[RowError], *, max_rows: int) -> None:
        self.errors, self.max_rows = errors, max_rows
        self._reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        self.header: list[str] | None = None
        try:
            self.header = [unguard_formula(cell).strip() for cell in next(self._reader)]
        except StopIteration:
            errors.append(RowError(1, "", _("The file is empty: it needs a header row.")))
        except csv.Error as error:
            errors.append(RowError(1, "", _("Not readable as CSV: %(e)s") % {"e": error}))

    def check_columns(self, known: list[str], required: list[str]) -> None:
        """Report header cells that are not known columns, required ones left out, repeats."""
        assert self.header is not None
        for column in self.header:
            if column not in known:
                self.errors.append(
                    RowError(
                        1,
                        column,
                        _("Unknown column. The columns are: %(c)s.") % {"c": ", ".join(known)},
                    )
                )
        for column in required:
            if column not in self.header:
                self.errors.append(RowError(1, column, _("This column is missing.")))
        for column in sorted({h for h in self.header if self.header.count(h) > 1}):
            self.errors.append(RowError(1, column, _("This column appears more than once.")))

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        if self.header is None:
            return
        count = 0
        try:
            for line, cells in enumerate(self._reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                if count >= self.max_rows:
                    self.errors.append(
                        RowError(
                            line,
                            "",
                            _("More than %(n)s rows: split the file.") % {"n": self.max_rows},
                        )
                    )
                    return
                count += 1
                yield line, cells
        except csv.Error as error:
            self.errors.append(
                RowError(self._reader.line_num, "", _("Not readable as CSV: %(e)s") % {"e": error})
            )

    def by_column(self, line: int, cells: list[str]) -> dict[str, str] | None:
        """Return a row's cells by column, stripped and unguarded, or None after reporting a
        wrong count or a character XML cannot carry (the rule of every other channel)."""
        assert self.header is not None
        if len(cells) != len(self.header):
            self.errors.append(
                RowError(
                    line,
                    "",
                    _("This row has %(got)s cells; the header has %(want)s.")
                    % {"got": len(cells), "want": len(self.header)},
                )
            )
            return None
        # Every cell as it was before the export guarded it (the same rule for all columns).
        stripped = (unguard_formula(cell).strip() for cell in cells)
        row = dict(zip(self.header, stripped, strict=True))
        problems = [(column, text_problem(cell)) for column, cell in row.items()]
        for column, problem in problems:
            if problem:
                self.errors.append(RowError(line, column, problem))
        return None if any(problem for _column, problem in problems) else row


# --- one import, all rows or none -----------------------------------------------------

Bad = Callable[[str, str], None]


def whole_cell(cell: str, column: str, bad: Bad, *, low: int = 0, high: int = 10**9) -> int | None:
    """Return a cell as a whole number from `low` to `high`, or None after reporting it."""
    try:
        value = int(cell)
        if not low <= value <= high:
            raise ValueError
        return value
    except ValueError:
        bad(
            column,
            _("“%(v)s” is not a whole number from %(low)s to %(high)s.")
            % {"v": cell[:40], "low": low, "high": high},
        )
        return None


def day_cell(cell: str, column: str, bad: Bad) -> date | None:
    """Return a cell as a day (2024-05-18; blank is none), or None after reporting it."""
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        bad(column, _("“%(v)s” is not a date like 2024-05-18.") % {"v": cell[:40]})
        return None


def choice_cell(cell: str, column: str, known: Iterable[str], bad: Bad) -> str:
    """Return a cell that must be one of `known`, after reporting it if it is not."""
    known = list(known)
    if cell not in known:
        bad(
            column,
            _("Unknown value “%(v)s”. Known: %(known)s.")
            % {"v": cell[:40], "known": ", ".join(known)},
        )
    return cell


def errors_of(error: ValidationError | PermissionDenied, columns: dict[str, str]) -> list:
    """Return (column, message) pairs for an error a service raised while importing a row;
    `columns` names the column of each field the service may name."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            (columns.get(name, name if name != "__all__" else ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    messages = getattr(error, "messages", None) or [str(error)]
    return [("", " ".join(str(m) for m in messages))]


def run_import(
    data: bytes,
    *,
    columns: list[str],
    required: list[str],
    check: Callable[[int, dict[str, str], Bad], Any],
    apply: Callable[[Any], str],
    field_columns: dict[str, str],
    max_rows: int = 10_000,
) -> ImportReport:
    """Read, check and write a CSV file: every row, or none if any row is bad.

    `check(line, row, bad)` reads one row (reporting problems through `bad(column,
    message)`) and returns what `apply` writes; `apply` answers "created", "updated" or
    "unchanged". Every row is read before any is written; the writes run in one
    transaction, and a problem in any row undoes them all. Raises ImportRefused with every
    problem found, in reading and in writing.
    """
    from django.db import transaction

    from .services import EditConflict

    report = ImportReport()
    text = read_csv_text(data, report.errors)
    if text is None:
        raise ImportRefused(report)
    table = CsvRows(text, report.errors, max_rows=max_rows)
    if table.header is None:
        raise ImportRefused(report)
    table.check_columns(columns, required=required)
    if report.errors:
        raise ImportRefused(report)
    checked = []
    for line, cells in table:
        row = table.by_column(line, cells)
        if row is None:
            continue
        before = len(report.errors)

        def bad(column: str, message: str, line: int = line) -> None:
            report.errors.append(RowError(line, column, message))

        value = check(line, row, bad)
        if len(report.errors) == before:
            checked.append((line, value))
    # The rows that read well are written even when others did not, and undone with them,
    # so that what the services refuse (a sunset before the start) is reported as well.
    try:
        with transaction.atomic():
            for line, value in checked:
                try:
                    outcome = apply(value)
                except EditConflict as conflict:
                    report.errors.append(
                        RowError(
                            line,
                            "version",
                            _(
                                "The record changed since this file was exported (it is now "
                                "version %(now)s)."
                            )
                            % {"now": conflict.current},
                        )
                    )
                    continue
                except (ValidationError, PermissionDenied) as error:
                    for column, message in errors_of(error, field_columns):
                        report.errors.append(RowError(line, column, str(message)))
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
            if report.errors:
                raise ImportRefused(report)
    except ImportRefused:
        report.created = report.updated = report.unchanged = 0
        report.errors.sort(key=lambda error: error.row)
        raise
    return report
