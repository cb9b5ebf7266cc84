from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from hrcities.archive.exchange import export_csv_chunks
from hrcities.archive.jsonld import dump_chunks
from hrcities.core.commands import TranslatedCommand, write_chunks


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write the archive as the public sees it (only public items, hidden fields and "
        "redacted words left out) as a JSON-LD graph or a CSV file."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["jsonld", "csv"], default="jsonld")
        parser.add_argument(
            "--output", default="-", help=gettext_lazy("The file to write; - for stdout.")
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000",
            help=gettext_lazy("The site's address, for the links in the export."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The public's view: an anonymous reader, whatever account runs the command.
        public = AnonymousUser()
        base = options["base_url"].rstrip("/")
        if options["format"] == "jsonld":
            chunks = dump_chunks(public, None, base=base)
        else:
            chunks = export_csv_chunks(public, None, base=base)
        write_chunks(chunks, options["output"], self.stderr)
