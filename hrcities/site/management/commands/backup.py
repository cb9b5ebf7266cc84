"""`hrcities backup --output FILE`, or `--verify FILE`: the platform's data in one file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar
from hrcities.site.backup import BackupError, verify_backup, write_backup


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write every table and media file of the platform, read at one moment, to one file "
        "with a manifest of row counts and checksums; or check such a file."
    )

    def add_arguments(self, parser: Any) -> None:
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument(
            "--output",
            metavar="FILE",
            help=gettext_lazy("The backup file to write (it appears only once complete)."),
        )
        chosen.add_argument(
            "--verify",
            metavar="FILE",
            help=gettext_lazy("Check a backup file against its manifest, restoring nothing."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = ProgressBar(self.stderr)
        try:
            if options["verify"]:
                self._verify(options["verify"], progress)
                return
            summary = write_backup(options["output"], progress)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s.")
                % {"path": options["output"], "reason": error.strerror}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Wrote %(path)s: %(rows)s rows of %(tables)s tables and %(media)s media "
                    "files, %(size)s bytes."
                )
                % {
                    "path": summary.path,
                    "rows": f"{summary.rows:,}",
                    "tables": summary.tables,
                    "media": summary.media,
                    "size": f"{summary.size:,}",
                }
            )
        )

    def _verify(self, path: str, progress: ProgressBar) -> None:
        checked = verify_backup(path, progress)
        if checked.problems:
            for problem in checked.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("%(path)s is damaged: %(count)s problem(s) found.")
                % {"path": path, "count": len(checked.problems)}
            )
        manifest = checked.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(path)s is whole: %(rows)s rows of %(tables)s tables and %(media)s media "
                    "files match the manifest (made %(created)s from %(database)s)."
                )
                % {
                    "path": path,
                    "rows": f"{checked.rows:,}",
                    "tables": len(manifest["tables"]),
                    "media": len(manifest["media"]),
                    "created": manifest.get("created", "?"),
                    "database": manifest.get("database", "?"),
                }
            )
        )
