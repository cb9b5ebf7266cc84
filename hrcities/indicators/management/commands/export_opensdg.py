from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, cannot_write
from hrcities.indicators import opensdg
from hrcities.network.models import City


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write a city's indicators as the public sees them as an Open SDG data folder: "
        "data/indicator_<code>.csv in Open SDG's data format, meta/<code>.yml with Open "
        "SDG's metadata fields (Korean in meta/ko/), and config_data.yml for sdg-build. An "
        "output ending in .zip is written as a ZIP of the folder."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--city", required=True, help=gettext_lazy("The city's slug, e.g. gwangju.")
        )
        parser.add_argument(
            "--output",
            required=True,
            help=gettext_lazy("The folder to write (created if needed), or a .zip file."),
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000",
            help=gettext_lazy("The site's address, for the links in the export."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = City.objects.filter(slug=options["city"]).first()
        if city is None:
            raise CommandError(_("There is no city “%(slug)s”.") % {"slug": options["city"]})
        # What other systems read is written in the platform's own language.
        with translation.override(settings.LANGUAGE_CODE):
            files = opensdg.city_files(city, AnonymousUser(), site=options["base_url"])
        output = Path(options["output"])
        try:
            if output.suffix.lower() == ".zip":
                output.write_bytes(opensdg.zip_bytes(files))
            else:
                opensdg.write_folder(files, output)
        except OSError as error:
            raise CommandError(cannot_write(output, error)) from None
        count = sum(1 for name in files if opensdg.DATA_FILE.match(name))
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(count)s indicator(s) of %(city)s to %(path)s.")
                % {"count": count, "city": city, "path": output}
            )
        )
