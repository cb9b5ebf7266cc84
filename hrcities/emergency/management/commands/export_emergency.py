from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, write_chunks
from hrcities.emergency.exchange import export_measures_chunks, export_reviews_chunks


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write emergency measures or their reviews as the public sees them (published "
        "only) as CSV, the format the import reads back; a review is one row with a "
        "column per checklist question."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["measures", "reviews"], default="measures")
        parser.add_argument(
            "--city", help=gettext_lazy("Only the measures that apply in this city (slug).")
        )
        parser.add_argument(
            "--output", default="-", help=gettext_lazy("The file to write; - for stdout.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The public's view: an anonymous reader, whatever account runs the command.
        export = export_reviews_chunks if options["format"] == "reviews" else export_measures_chunks
        write_chunks(export(AnonymousUser(), city=options["city"]), options["output"], self.stderr)
