"""`hrcities restore FILE`: a backup brought into a new, empty instance, all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar
from hrcities.site.backup import BackupError, restore_backup


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Restore a backup file into this instance, which must be migrated and hold nothing "
        "else; every row is written in one transaction, or none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", metavar="FILE", help=gettext_lazy("The backup file."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore_backup(options["file"], ProgressBar(self.stderr))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(rows)s rows of %(tables)s tables and %(media)s media files.")
                % {
                    "rows": f"{summary.rows:,}",
                    "tables": summary.tables,
                    "media": summary.media,
                }
            )
        )
