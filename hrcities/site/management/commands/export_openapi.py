import json
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write the API's OpenAPI 3 document "
        "(the committed openapi.json is compared with it in the tests)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", default="-", help=gettext_lazy("File to write; '-' for standard output.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from config.api import openapi_document

        # The committed document is the API's contract: in English, whatever the shell's.
        with translation.override("en"):
            document = openapi_document()
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(_("Wrote %(path)s") % {"path": options["output"]})
