from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.taxonomy.loaders import load_taxonomy, unmapped_legacy_themes


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Load the SDG goals, targets and indicators, the UHRI human rights themes, affected "
        "groups and UPR recommendations shipped in hrcities/taxonomy/data. Safe to run again: "
        "only what changed is written. Aliases, legacy codes and other-language names that "
        "network admins added are kept; the English names of loaded themes and groups are "
        "reset to the UHRI names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir", type=Path, help=gettext_lazy("Read the files from this folder.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_taxonomy(options.get("data_dir"))
        for kind, numbers in counts.items():
            # The loader names what it counts in English, marked for translation.
            self.stdout.write(
                _("%(kind)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
                % {"kind": _(kind), **numbers}
            )
        unmapped = unmapped_legacy_themes()
        if unmapped:
            self.stdout.write(
                _("Legacy UHRI themes with no current theme (kept on the recommendations):")
            )
            for theme, n in sorted(unmapped.items()):
                self.stdout.write(f"  {theme} ({n})")
