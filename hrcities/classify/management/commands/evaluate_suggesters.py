"""`hrcities evaluate_suggesters`: precision, recall, F1 and accuracy on held-out splits."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy

from hrcities.classify import evaluation, training
from hrcities.core.commands import TranslatedCommand

from .train_suggesters import CACHE_HELP, default_cache, encoding_progress


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Measure the suggesters on held-out splits and print the recommended thresholds."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cache", type=Path, default=None, help=CACHE_HELP)
        parser.add_argument(
            "--json", type=Path, help=gettext_lazy("Also write the figures to this file.")
        )
        parser.add_argument(
            "--summary", action="store_true", help=gettext_lazy("Leave out per-label tables.")
        )
        parser.add_argument(
            "--untuned",
            action="store_true",
            help=gettext_lazy(
                "Read the texts with the encoder as it ships, without tuning its layers "
                "per fold (as the suggesters did before; about 7 minutes instead of 40)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def say(message: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {message}")

        cache = options["cache"] or default_cache()
        corpus = training.load_corpus(cache, encoding_progress)
        results = evaluation.evaluate(corpus, say, tune_encoder=not options["untuned"], cache=cache)
        self.stdout.write(evaluation.format_report(results, per_label=not options["summary"]))
        if options["json"]:
            options["json"].write_text(json.dumps(results, indent=1), encoding="utf-8")
