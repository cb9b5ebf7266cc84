"""Classify a CSV or JSON Lines file, keeping every row, in order, with its own columns.

Added columns: sdg_1 ... sdg_17 (probability that the text concerns the goal),
sdg_predicted (goals at or above the recommended threshold, ";"-separated, best first),
sdg_targets_predicted, theme_<slug> and themes_predicted, group_<slug> and
groups_predicted, and classify_error (why a row's text could not be read; its scores
are then left empty).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .encoding import TextError, check_text
from .model import suggesters
from .services import Classified, _classify_checked

BATCH = 256


class BulkError(ValueError):
    """The file as a whole cannot be classified; the message says where."""


def output_columns() -> list[str]:
    model = suggesters()
    return [
        *(f"sdg_{n}" for n in range(1, 18)),
        "sdg_predicted",
        "sdg_targets_predicted",
        *(f"theme_{slug}" for slug in model.themes.labels),
        "themes_predicted",
        *(f"group_{slug}" for slug in model.groups.labels),
        "groups_predicted",
        "classify_error",
    ]


def _codes(pairs: list[tuple[str, float]]) -> str:
    return ";".join(label.split(":", 1)[1] for label, _score in pairs)


def added_values(result: Classified | None, error: str = "") -> dict[str, Any]:
    if result is None:
        return {column: "" for column in output_columns()} | {"classify_error": error}
    model = suggesters()
    p = result.probabilities
    values: dict[str, Any] = {f"sdg_{n}": round(float(p["goals"][n - 1]), 4) for n in range(1, 18)}
    values["sdg_predicted"] = _codes(result.predicted("goals"))
    values["sdg_targets_predicted"] = _codes(result.predicted("targets"))
    for family, prefix in (("themes", "theme_"), ("groups", "group_")):
        labels = getattr(model, family).labels
        values |= {
            f"{prefix}{s}": round(float(v), 4) for s, v in zip(labels, p[family], strict=True)
        }
        values[f"{family}_predicted"] = _codes(result.predicted(family))
    values["classify_error"] = ""
    return values


@dataclass
class Summary:
    rows: int = 0
    errors: int = 0


def _classified_rows(
    rows: Iterator[tuple[int, dict[str, Any]]], text_of: Callable[[dict[str, Any]], Any], where: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield (row, added values) in input order, classifying in batches."""
    batch: list[tuple[dict[str, Any], str | None, str]] = []

    def flush() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        readable = [text for _row, text, _error in batch if text is not None]
        results = iter(_classify_checked(readable))
        for row, text, error in batch:
            yield row, added_values(next(results) if text is not None else None, error)
        batch.clear()

    for number, row in rows:
        try:
            batch.append((row, check_text(text_of(row)), ""))
        except TextError as error:
            batch.append((row, None, f"{where} {number}: {error}".replace(": : ", ": ")))
        if len(batch) >= BATCH:
            yield from flush()
    yield from flush()


def classify_csv(source: IO[str], target: IO[str], text_column: str) -> Summary:
    reader = csv.DictReader(source)
    columns = reader.fieldnames or []
    if text_column not in columns:
        raise BulkError(
            _("There is no column '%(column)s'; the columns are: %(columns)s.")
            % {"column": text_column, "columns": ", ".join(columns) or _("none")}
        )
    added = output_columns()
    clashing = [c for c in added if c in columns]
    if clashing:
        raise BulkError(
            _("The input already has columns this command adds: %(columns)s.")
            % {"columns": ", ".join(clashing)}
        )
    writer = csv.DictWriter(target, fieldnames=[*columns, *added], lineterminator="\r\n")
    writer.writeheader()
    summary = Summary()

    def numbered() -> Iterator[tuple[int, dict[str, Any]]]:
        for index, row in enumerate(reader, start=2):
            if None in row:
                raise BulkError(
                    _("Row %(row)s has more cells than the header has columns.") % {"row": index}
                )
            yield index, row

    for row, values in _classified_rows(numbered(), lambda r: r[text_column] or "", "row"):
        writer.writerow({**row, **values})
        summary.rows += 1
        summary.errors += bool(values["classify_error"])
    return summary


def classify_jsonl(source: IO[str], target: IO[str], text_column: str) -> Summary:
    summary = Summary()

    def numbered() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise BulkError(
                    _("Line %(line)s is not JSON: %(reason)s.")
                    % {"line": number, "reason": error.msg}
                ) from None
            if not isinstance(row, dict):
                raise BulkError(_("Line %(line)s is not a JSON object.") % {"line": number})
            yield number, row

    def text_of(row: dict[str, Any]) -> Any:
        return row.get(text_column, "")

    for row, values in _classified_rows(numbered(), text_of, "line"):
        target.write(json.dumps({**row, **values}, ensure_ascii=False) + "\n")
        summary.rows += 1
        summary.errors += bool(values["classify_error"])
    return summary


def file_format(path: Path, given: str | None) -> str:
    if given:
        return given
    return "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv"
