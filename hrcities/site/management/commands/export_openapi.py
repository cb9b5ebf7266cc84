import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Write the API's OpenAPI 3 document "
        "(the committed openapi.json is compared with it in the tests)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", default="-", help="File to write; '-' for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        from config.api import openapi_document

        text = json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {options['output']}")
