"""`hrcities train_suggesters`: train the tag suggesters and write the weights the
application ships (hrcities/classify/data/suggesters.npz)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.classify import training
from hrcities.classify.model import DATA_FILE
from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar

CACHE_HELP = gettext_lazy(
    "File of cached sentence vectors (default: DATA_DIR/classify-cache/vectors.npz)."
)


def default_cache() -> Path:
    return Path(settings.DATA_DIR) / "classify-cache" / "vectors.npz"


_encoding_bar = ProgressBar()


def encoding_progress(done: int, total: int) -> None:
    _encoding_bar(_("encoding training texts"), done, total)


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Train the tag suggesters (fixed seed) from the shared data; write the weights."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", type=Path, default=DATA_FILE, help=gettext_lazy("The file to write.")
        )
        parser.add_argument("--cache", type=Path, default=None, help=CACHE_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def say(message: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f} s] {message}")

        corpus = training.load_corpus(options["cache"] or default_cache(), encoding_progress)
        say(_("%(count)s labelled texts") % {"count": len(corpus.examples)})
        model = training.train(corpus, say=say, cache=options["cache"] or default_cache())
        model.save(options["output"])
        self.stdout.write(
            _(
                "Wrote %(path)s (%(size)s bytes): thresholds goals %(goals)s, themes "
                "%(themes)s, groups %(groups)s; %(theme_count)s themes, %(group_count)s groups."
            )
            % {
                "path": options["output"],
                "size": f"{options['output'].stat().st_size:,}",
                "goals": model.goals.threshold,
                "themes": model.themes.threshold,
                "groups": model.groups.threshold,
                "theme_count": len(model.themes.labels),
                "group_count": len(model.groups.labels),
            }
        )
