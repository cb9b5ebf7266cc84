import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.commitments.extract import ExtractionError, extract_text
from hrcities.commitments.parser import parse_declaration
from hrcities.commitments.services import ingest_declaration
from hrcities.core.commands import TranslatedCommand, read_bytes


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date like 2020-10-07.") % {"value": value}
        ) from None


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Split a declaration (.txt, .md, .docx or .pdf) into preamble clauses and promises "
        "and store it; each promise becomes a commitment. --dry-run saves nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help=gettext_lazy("The declaration file."))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Parse only; save nothing.")
        )
        parser.add_argument(
            "--json", action="store_true", help=gettext_lazy("Print the parsed structure as JSON.")
        )
        parser.add_argument(
            "--title", help=gettext_lazy("Use this title instead of the one found.")
        )
        parser.add_argument("--slug", help=gettext_lazy("The address name of the declaration."))
        parser.add_argument(
            "--start-date",
            type=iso_date,
            help=gettext_lazy("First day of the Forum (YYYY-MM-DD)."),
        )
        parser.add_argument(
            "--end-date", type=iso_date, help=gettext_lazy("Last day of the Forum (YYYY-MM-DD).")
        )
        parser.add_argument(
            "--language", help=gettext_lazy("BCP 47 language tag, if not the one guessed.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        data = read_bytes(path)
        try:
            extracted = extract_text(data, path.name)
        except ExtractionError as error:
            raise CommandError(str(error)) from None
        parsed = parse_declaration(extracted.text)
        if options["json"]:
            self.stdout.write(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                _(
                    "%(title)s: %(preamble)s preamble clauses, %(promises)s promises, "
                    "%(unplaced)s unplaced, %(discarded)s discarded as web-page debris"
                )
                % {
                    "title": parsed.title or _("(no title found)"),
                    "preamble": len(parsed.preamble),
                    "promises": len(parsed.promises),
                    "unplaced": len(parsed.unplaced),
                    "discarded": len(parsed.discarded),
                }
            )
            for text in parsed.unplaced:
                self.stdout.write(
                    self.style.WARNING("  " + _("unplaced: %(text)s") % {"text": text[:100]})
                )
        if options["dry_run"]:
            return
        language = options["language"] or (parsed.language if parsed.language != "und" else "en")
        try:
            declaration = ingest_declaration(
                by=None,
                slug=options["slug"],
                title=options["title"] or parsed.title or path.stem,
                preamble=parsed.preamble,
                promises=parsed.promises,
                source_text=extracted.text,
                source_format=extracted.format,
                subtitle=parsed.subtitle,
                forum_edition=parsed.forum_edition,
                start_date=options["start_date"],
                end_date=options["end_date"],
                dates_text=parsed.dates,
                place=parsed.place,
                language=language,
                intro=parsed.intro,
                promises_intro=parsed.promises_intro,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        message = _("Saved as %(slug)s with %(count)s commitments.") % {
            "slug": declaration.slug,
            "count": declaration.commitments.count(),
        }
        if options["json"]:
            self.stderr.write(message)
        else:
            self.stdout.write(self.style.SUCCESS(message))
