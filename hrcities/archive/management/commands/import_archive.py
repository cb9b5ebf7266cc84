from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hrcities.archive.exchange import ImportRefused, import_archive
from hrcities.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Import new archive items (as drafts) from a CSV file and a ZIP of their files, "
        "as a user whose permissions apply per row. All rows or none: every bad row and "
        "file is reported, and nothing is created if any is bad."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--csv", required=True, help="The CSV file (UTF-8).")
        parser.add_argument("--zip", help="A ZIP with the files named in the files column.")
        parser.add_argument(
            "--as", dest="username", required=True, help="Import as this user (username)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user “{options['username']}”.")
        try:
            data = Path(options["csv"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['csv']}: {error.strerror}.") from None
        zip_file = None
        try:
            if options["zip"]:
                try:
                    zip_file = open(options["zip"], "rb")  # noqa: SIM115
                except OSError as error:
                    raise CommandError(f"Cannot read {options['zip']}: {error.strerror}.") from None
            report = import_archive(data, zip_file, by=user, progress=ProgressBar(self.stderr))
        except ImportRefused as refused:
            for error in refused.report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nothing was imported: {len(refused.report.errors)} problem(s) found."
            ) from None
        finally:
            if zip_file is not None:
                zip_file.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.created} item(s) as drafts, {report.people} narrator(s), "
                f"{report.files} file(s)."
            )
        )
        if report.item_ids:
            self.stdout.write("Items: " + ", ".join(str(pk) for pk in report.item_ids))
