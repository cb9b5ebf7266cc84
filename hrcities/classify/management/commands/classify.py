"""`hrcities classify --input FILE.csv --text-column text --output OUT.csv`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hrcities.classify import bulk


class Command(BaseCommand):
    help = (
        "Add SDG, target, theme and group probabilities and predictions to every row of a "
        "CSV or JSON Lines file, keeping its rows, their order and their other columns."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input", type=Path, required=True, help="CSV or .jsonl file ('-' for stdin)."
        )
        parser.add_argument(
            "--output", type=Path, required=True, help="File to write ('-' for stdout)."
        )
        parser.add_argument("--text-column", default="text")
        parser.add_argument(
            "--format", choices=["csv", "jsonl"], help="Default: from the file name."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source_path, target_path = options["input"], options["output"]
        fmt = bulk.file_format(source_path, options["format"])
        classify = bulk.classify_jsonl if fmt == "jsonl" else bulk.classify_csv
        if str(source_path) != "-" and not source_path.is_file():
            raise CommandError(f"{source_path}: no such file.")
        partial = target_path.with_name(target_path.name + ".partial")
        try:
            source = (
                sys.stdin
                if str(source_path) == "-"
                else source_path.open(encoding="utf-8-sig", newline="")
            )
            with source:
                if str(target_path) == "-":
                    summary = classify(source, sys.stdout, options["text_column"])
                else:
                    # Written aside and renamed at the end: a failed run leaves no half file.
                    with partial.open("w", encoding="utf-8", newline="") as target:
                        summary = classify(source, target, options["text_column"])
                    partial.replace(target_path)
        except UnicodeDecodeError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                f"{source_path}: not UTF-8 text (byte {error.start}); save it as UTF-8."
            ) from None
        except (bulk.BulkError, csv_error()) as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{source_path}: {error}") from None
        message = f"Classified {summary.rows} rows into {target_path}."
        if summary.errors:
            message += f" {summary.errors} rows had no readable text (see classify_error)."
        self.stderr.write(message)


def csv_error() -> type[Exception]:
    import csv

    return csv.Error
