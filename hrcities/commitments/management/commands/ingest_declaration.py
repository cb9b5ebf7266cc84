import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hrcities.commitments.extract import ExtractionError, extract_text
from hrcities.commitments.parser import parse_declaration
from hrcities.commitments.services import ingest_declaration
from hrcities.core.commands import read_bytes


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date like 2020-10-07.") from None


class Command(BaseCommand):
    help = (
        "Split a declaration (.txt, .md, .docx or .pdf) into preamble clauses and promises "
        "and store it; each promise becomes a commitment. --dry-run saves nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The declaration file.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the parsed structure as JSON."
        )
        parser.add_argument("--title", help="Use this title instead of the one found.")
        parser.add_argument("--slug", help="The address name of the declaration.")
        parser.add_argument(
            "--start-date", type=iso_date, help="First day of the Forum (YYYY-MM-DD)."
        )
        parser.add_argument("--end-date", type=iso_date, help="Last day of the Forum (YYYY-MM-DD).")
        parser.add_argument("--language", help="BCP 47 language tag, if not the one guessed.")

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
                f"{parsed.title or '(no title found)'}: {len(parsed.preamble)} preamble clauses, "
                f"{len(parsed.promises)} promises, {len(parsed.unplaced)} unplaced, "
                f"{len(parsed.discarded)} discarded as web-page debris"
            )
            for text in parsed.unplaced:
                self.stdout.write(self.style.WARNING(f"  unplaced: {text[:100]}"))
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
        message = f"Saved as {declaration.slug} with {declaration.commitments.count()} commitments."
        if options["json"]:
            self.stderr.write(message)
        else:
            self.stdout.write(self.style.SUCCESS(message))
