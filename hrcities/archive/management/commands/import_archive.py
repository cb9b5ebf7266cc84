from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.archive.exchange import ImportRefused, import_archive
from hrcities.core.commands import (
    TranslatedCommand,
    cannot_read,
    read_bytes,
    refusal,
    user_named,
)
from hrcities.core.progress import ProgressBar


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Import new archive items (as drafts) from a CSV file and a ZIP of their files, "
        "as a user whose permissions apply per row. All rows or none: every bad row and "
        "file is reported, and nothing is created if any is bad."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--csv", required=True, help=gettext_lazy("The CSV file (UTF-8)."))
        parser.add_argument(
            "--zip", help=gettext_lazy("A ZIP with the files named in the files column.")
        )
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help=gettext_lazy("Import as this user (username)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["username"])
        data = read_bytes(options["csv"])
        zip_file = None
        try:
            if options["zip"]:
                try:
                    zip_file = open(options["zip"], "rb")  # noqa: SIM115
                except OSError as error:
                    raise CommandError(cannot_read(options["zip"], error)) from None
            report = import_archive(data, zip_file, by=user, progress=ProgressBar(self.stderr))
        except ImportRefused as refused:
            raise refusal(refused, self.stderr) from None
        finally:
            if zip_file is not None:
                zip_file.close()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(items)s item(s) as drafts, %(people)s narrator(s), "
                    "%(files)s file(s)."
                )
                % {"items": report.created, "people": report.people, "files": report.files}
            )
        )
        if report.item_ids:
            self.stdout.write(
                _("Items: %(ids)s") % {"ids": ", ".join(str(pk) for pk in report.item_ids)}
            )
