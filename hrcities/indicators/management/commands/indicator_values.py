from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, read_bytes, refusal, user_named
from hrcities.indicators import opensdg
from hrcities.indicators.exchange import ImportRefused, export_csv, import_csv
from hrcities.indicators.models import Indicator
from hrcities.network.models import City


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Import or export a city's indicator values as tidy CSV in the platform's own format "
        "(Year, disaggregation columns, Units, Value, Source, Note). With --indicator the file "
        "holds that one "
        "indicator (no Indicator column); without it, an Indicator column names each row's "
        "indicator. Import also reads an Open SDG data folder, or its ZIP "
        "(data/indicator_<code>.csv with meta/<code>.yml beside it). Import is all rows or "
        "none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument(
            "file",
            help=gettext_lazy(
                "The CSV file to read, or to write ('-': standard output); to import, also an "
                "Open SDG data folder or its ZIP."
            ),
        )
        parser.add_argument(
            "--city", required=True, help=gettext_lazy("The city's slug, e.g. gwangju.")
        )
        parser.add_argument(
            "--indicator", help=gettext_lazy("The code of the indicator the file is for.")
        )
        parser.add_argument(
            "--as",
            dest="username",
            help=gettext_lazy("Import as this user (username); required to import."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = City.objects.filter(slug=options["city"]).first()
        if city is None:
            raise CommandError(_("There is no city “%(slug)s”.") % {"slug": options["city"]})
        indicator = None
        if options["indicator"]:
            indicator = Indicator.objects.filter(city=city, code=options["indicator"]).first()
            if indicator is None:
                raise CommandError(
                    _("%(city)s has no indicator “%(code)s”.")
                    % {"city": city, "code": options["indicator"]}
                )
        if options["action"] == "export":
            self._export(city, indicator, options["file"])
        else:
            self._import(city, indicator, options["file"], options["username"])

    def _export(self, city: City, indicator: Indicator | None, path: str) -> None:
        if indicator is not None:
            text = export_csv([indicator])
        else:
            text = export_csv(
                Indicator.objects.filter(city=city).order_by("code"), with_indicator_column=True
            )
        if path == "-":
            self.stdout.write(text, ending="")
            return
        Path(path).write_text(text, encoding="utf-8", newline="")
        rows = max(text.count("\r\n") - 1, 0)
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(rows)s value(s) to %(path)s.") % {"rows": rows, "path": path}
            )
        )

    def _import(self, city: City, indicator: Indicator | None, path: str, username: str) -> None:
        if not username:
            raise CommandError(_("Say who imports: --as USERNAME (an editor of the city)."))
        user = user_named(username)
        folder = Path(path)
        try:
            if folder.is_dir():
                report = opensdg.import_folder(opensdg.read_folder(folder), city=city, by=user)
            elif opensdg.is_zip(data := read_bytes(path)):
                report = opensdg.import_zip(data, city=city, by=user)
            else:
                report = import_csv(data, city=city, by=user, indicator=indicator)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except ImportRefused as refused:
            raise refusal(refused, self.stderr) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported: %(created)s value(s) added, %(updated)s changed, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )
