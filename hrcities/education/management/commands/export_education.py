from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, write_chunks
from hrcities.education.exchange import export_programmes_chunks, export_sessions_chunks
from hrcities.education.jsonld import dump_chunks


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write the education network as the public sees it (published programmes only): "
        "programmes or sessions as CSV (the format the import reads back), or the "
        "programmes with their sessions and materials as a schema.org JSON-LD graph."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--format", choices=["programmes", "sessions", "jsonld"], default="programmes"
        )
        parser.add_argument(
            "--city", help=gettext_lazy("Only this city's programmes (slug; CSV only).")
        )
        parser.add_argument(
            "--output", default="-", help=gettext_lazy("The file to write; - for stdout.")
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000",
            help=gettext_lazy("The site's address, for the links in the JSON-LD."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The public's view: an anonymous reader, whatever account runs the command.
        public = AnonymousUser()
        if options["format"] == "jsonld":
            chunks = dump_chunks(public, None, base=options["base_url"].rstrip("/"))
        elif options["format"] == "sessions":
            chunks = export_sessions_chunks(public, city=options["city"])
        else:
            chunks = export_programmes_chunks(public, city=options["city"])
        write_chunks(chunks, options["output"], self.stderr)
