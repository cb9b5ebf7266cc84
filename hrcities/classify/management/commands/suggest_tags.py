"""`hrcities suggest_tags --all`: recompute the tag suggestions of every taggable record."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.classify.registry import TAGGABLE
from hrcities.classify.services import suggest_all
from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Recompute suggested tags (SDGs, targets, themes, groups) of taggable records."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--all", action="store_true", help=gettext_lazy("Every taggable record kind.")
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            help=gettext_lazy("Only this kind (e.g. commitments.action)."),
        )
        parser.add_argument(
            "--batch-size", type=int, default=64, help=gettext_lazy("Texts read at once.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [k.lower() for k in options["kind"]]
        unknown = [k for k in kinds if k not in TAGGABLE]
        if unknown:
            raise CommandError(
                _("Unknown kind %(unknown)s; taggable kinds: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(TAGGABLE))}
            )
        if not kinds and not options["all"]:
            raise CommandError(_("Say which records: --all, or --kind KIND (repeatable)."))
        started = time.perf_counter()
        counts = suggest_all(
            kinds or None, batch_size=options["batch_size"], progress=ProgressBar(self.stderr)
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("Stored %(count)s suggestions for %(kinds)s kinds in %(seconds).1f s.")
            % {"count": sum(counts.values()), "kinds": len(counts), "seconds": seconds}
        )
