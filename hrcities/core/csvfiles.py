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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django import forms
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


@dataclass
class RowError:
    """One problem of an imported file; row 0 is the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row} if self.row else _("the file")
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
