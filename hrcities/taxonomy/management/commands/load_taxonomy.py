from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hrcities.taxonomy.loaders import load_taxonomy, unmapped_legacy_themes


class Command(BaseCommand):
    help = (
        "Load the SDG goals, targets and indicators, the UHRI human rights themes, affected "
        "groups and UPR recommendations shipped in hrcities/taxonomy/data. Safe to run again: "
        "only what changed is written. Aliases, legacy codes and other-language names that "
        "network admins added are kept; the English names of loaded themes and groups are "
        "reset to the UHRI names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, help="Read the files from this folder.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_taxonomy(options.get("data_dir"))
        for kind, numbers in counts.items():
            self.stdout.write(
                f"{kind}: {numbers['created']} created, {numbers['updated']} updated, "
                f"{numbers['unchanged']} unchanged"
            )
        unmapped = unmapped_legacy_themes()
        if unmapped:
            self.stdout.write(
                "Legacy UHRI themes with no current theme (kept on the recommendations):"
            )
            for theme, n in sorted(unmapped.items()):
                self.stdout.write(f"  {theme} ({n})")
