from typing import Any

from django.core.management.base import BaseCommand

from hrcities.core.commands import read_bytes, refusal, user_named
from hrcities.core.csvfiles import ImportRefused
from hrcities.emergency.exchange import import_measures_csv, import_reviews_csv


class Command(BaseCommand):
    help = (
        "Add and change emergency measures or reviews from a CSV file (the export's "
        "format), as a user whose permissions apply per row. All rows or none: every bad "
        "row is reported, and nothing changes if any is bad."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=["measures", "reviews"])
        parser.add_argument("--csv", required=True, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--as", dest="username", required=True, help="Import as this user (username)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["username"])
        data = read_bytes(options["csv"])
        run = import_measures_csv if options["kind"] == "measures" else import_reviews_csv
        try:
            report = run(data, by=user)
        except ImportRefused as refused:
            raise refusal(refused, self.stderr) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['kind'].capitalize()}: {report.created} added, "
                f"{report.updated} changed, {report.unchanged} unchanged."
            )
        )
