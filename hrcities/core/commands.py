"""What every command shares: the language it speaks, who imports, reading the file, a
refused import, writing an export.

Commands speak the language of the environment they run in, as other command-line tools
do: `HRCITIES_LANGUAGE=ko`, or a Korean locale (`LANG=ko_KR.UTF-8`), prints Korean; any
other locale prints English, the platform's own language.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.csvfiles import ImportRefused

# Where the language comes from, first found first: the platform's own variable, then the
# ones gettext reads (LANGUAGE may list several: "ko:en").
LANGUAGE_VARIABLES = ("HRCITIES_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _supported(value: str) -> str | None:
    """Return the platform's language for a locale or language tag ("ko_KR.UTF-8": "ko")."""
    tag = value.split(".")[0].split("@")[0].replace("_", "-").strip().lower()
    if not tag or tag in ("c", "posix"):
        return None
    try:
        return translation.get_supported_language_variant(tag)
    except LookupError:
        return None


def command_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the language a command speaks, read from the environment (default English).

    Raise CommandError for a HRCITIES_LANGUAGE the platform does not speak: it is asked
    for by name, so a typing mistake should not pass for English.
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get("HRCITIES_LANGUAGE", "").strip()
    if chosen:
        language = _supported(chosen)
        if language is None:
            codes = " or ".join(code for code, _name in settings.LANGUAGES)
            raise CommandError(
                f"HRCITIES_LANGUAGE={chosen}: the commands speak {codes}; "
                "leave it unset to follow the locale."
            )
        return language
    for name in LANGUAGE_VARIABLES[1:]:
        value = environ.get(name, "")
        if value:
            found = (_supported(part) for part in value.split(":"))
            return next((language for language in found if language), settings.LANGUAGE_CODE)
    return settings.LANGUAGE_CODE


class TranslatedCommand(BaseCommand):
    """A command whose messages, help and errors are in the environment's language."""

    def run_from_argv(self, argv: list[str]) -> None:
        # Run as `hrcities COMMAND`: --help and the error of a failed run are written here.
        try:
            language = command_language()
        except CommandError as error:
            self.stderr.write(f"CommandError: {error}")
            sys.exit(1)
        with translation.override(language):
            super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> Any:
        # Run from code (call_command), or from run_from_argv above.
        with translation.override(command_language()):
            return super().execute(*args, **options)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # argparse formats help with regular expressions, which need text, not the lazy
        # translations the help is written with: translate it now, in the active language.
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if isinstance(parser.description, Promise):
            parser.description = str(parser.description)
        for action in parser._actions:
            if isinstance(action.help, Promise):
                action.help = str(action.help)
        return parser


def padded(text: str, width: int) -> str:
    """Return `text` padded to `width` terminal columns (Hangul takes two each)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def user_named(username: str) -> Any:
    """Return the user who imports, or end the command saying there is no such user."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("There is no user “%(name)s”.") % {"name": username})
    return user


def read_bytes(path: str | Path) -> bytes:
    """Return a file's content, or end the command saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(cannot_read(path, error)) from None


def cannot_read(path: str | Path, error: OSError) -> str:
    return _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}


def cannot_write(path: str | Path, error: OSError) -> str:
    return _("Cannot write %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}


def refusal(refused: ImportRefused, stderr: Any) -> CommandError:
    """Write every problem of a refused import to stderr; return the error to end with."""
    for error in refused.report.errors:
        stderr.write(str(error))
    return CommandError(
        _("Nothing was imported: %(count)s problem(s) found.")
        % {"count": len(refused.report.errors)}
    )


def write_chunks(chunks: Iterable[str], output: str, stderr: Any) -> None:
    """Write an export's text to the file `output` ("-": standard output), as it comes.

    An export is data that other systems and the imports read: its names are written in
    the platform's own language, whatever language the shell speaks.
    """
    in_own_language = translation.override(settings.LANGUAGE_CODE)
    if output == "-":
        with in_own_language:
            for chunk in chunks:
                sys.stdout.write(chunk)
        return
    path = Path(output)
    try:
        with path.open("w", encoding="utf-8", newline="") as out, in_own_language:
            for chunk in chunks:
                out.write(chunk)
    except OSError as error:
        raise CommandError(cannot_write(path, error)) from None
    stderr.write(_("Wrote %(path)s.") % {"path": path})


class CsvImportCommand(TranslatedCommand):
    """An import of one kind of rows from a CSV file (the export's format), as a user whose
    permissions apply per row: all rows or none.

    `kinds` names each kind (the first argument) and the import that reads it.
    """

    kinds: dict[str, tuple[Promise, Callable[..., Any]]] = {}

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=list(self.kinds))
        parser.add_argument("--csv", required=True, help=gettext_lazy("The CSV file (UTF-8)."))
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help=gettext_lazy("Import as this user (username)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["username"])
        data = read_bytes(options["csv"])
        name, run = self.kinds[options["kind"]]
        try:
            report = run(data, by=user)
        except ImportRefused as refused:
            raise refusal(refused, self.stderr) from None
        summary = _("%(kind)s: %(created)s added, %(updated)s changed, %(unchanged)s unchanged.")
        self.stdout.write(
            self.style.SUCCESS(
                summary
                % {
                    "kind": name,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )
