"""`hrcities train_suggesters`: train the tag suggesters and write the weights the
application ships (hrcities/classify/data/suggesters.npz)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from hrcities.classify import training
from hrcities.classify.model import DATA_FILE
from hrcities.core.progress import ProgressBar


def default_cache() -> Path:
    return Path(settings.DATA_DIR) / "classify-cache" / "vectors.npz"


_encoding_bar = ProgressBar()


def encoding_progress(done: int, total: int) -> None:
    _encoding_bar("encoding training texts", done, total)


class Command(BaseCommand):
    help = "Train the tag suggesters (fixed seed) from the shared data; write the weights."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, default=DATA_FILE)
        parser.add_argument(
            "--cache",
            type=Path,
            default=None,
            help="File of cached sentence vectors (default: DATA_DIR/classify-cache/vectors.npz).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def say(message: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {message}")

        corpus = training.load_corpus(options["cache"] or default_cache(), encoding_progress)
        say(f"{len(corpus.examples)} labelled texts")
        model = training.train(corpus, say=say, cache=options["cache"] or default_cache())
        model.save(options["output"])
        self.stdout.write(
            f"Wrote {options['output']} ({options['output'].stat().st_size:,} bytes): "
            f"thresholds goals {model.goals.threshold}, themes {model.themes.threshold}, "
            f"groups {model.groups.threshold}; {len(model.themes.labels)} themes, "
            f"{len(model.groups.labels)} groups."
        )
