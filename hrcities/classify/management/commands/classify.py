"""`hrcities classify --input FILE.csv --text-column text --output OUT.csv`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.classify import bulk
from hrcities.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Add SDG, target, theme and group probabilities and predictions to every row of a "
        "CSV or JSON Lines file, keeping its rows, their order and their other columns."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input",
            type=Path,
            required=True,
            help=gettext_lazy("CSV or .jsonl file ('-' for stdin)."),
        )
        parser.add_argument(
            "--output",
            type=Path,
            required=True,
            help=gettext_lazy("File to write ('-' for stdout)."),
        )
        parser.add_argument(
            "--text-column", default="text", help=gettext_lazy("The column that holds the text.")
        )
        parser.add_argument(
            "--format", choices=["csv", "jsonl"], help=gettext_lazy("Default: from the file name.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source_path, target_path = options["input"], options["output"]
        fmt = bulk.file_format(source_path, options["format"])
        classify = bulk.classify_jsonl if fmt == "jsonl" else bulk.classify_csv
        if str(source_path) != "-" and not source_path.is_file():
            raise CommandError(_("%(path)s: no such file.") % {"path": source_path})
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
                _("%(path)s: not UTF-8 text (byte %(byte)s); save it as UTF-8.")
                % {"path": source_path, "byte": error.start}
            ) from None
        except (bulk.BulkError, csv_error()) as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{source_path}: {error}") from None
        message = _("Classified %(rows)s rows into %(path)s.") % {
            "rows": summary.rows,
            "path": target_path,
        }
        if summary.errors:
            message += " " + _("%(count)s rows had no readable text (see classify_error).") % {
                "count": summary.errors
            }
        self.stderr.write(message)


def csv_error() -> type[Exception]:
    import csv

    return csv.Error
