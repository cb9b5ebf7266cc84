"""`hrcities reindex [--kind K ...] [--no-vectors]`: rebuild the search index."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar
from hrcities.search import indexing, passages, pgvector, vectors
from hrcities.search.engines import engine
from hrcities.search.registry import KINDS


class Command(TranslatedCommand):
    help = gettext_lazy("Rebuild the search index from the records (all kinds, or those given).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--kind", action="append", default=[], help=gettext_lazy("Rebuild only this kind.")
        )
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help=gettext_lazy("Skip the sentence vectors (keyword only)."),
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help=gettext_lazy("Records read at once.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = [k for k in options["kind"] if k not in KINDS]
        if unknown:
            raise CommandError(
                _("Unknown kind %(unknown)s; known kinds: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(KINDS))}
            )
        has_columns = vectors.uses_pgvector() and passages.has_pgvector_column()
        if not has_columns and pgvector.add_vector_column(connection):
            vectors.forget()
            self.stdout.write(_("pgvector found: vectors are now also compared in the database."))
        started = time.perf_counter()
        counts = indexing.rebuild(
            options["kind"] or None,
            with_vectors=False if options["no_vectors"] else None,
            batch_size=options["batch_size"],
            progress=ProgressBar(self.stderr),
        )
        engine().optimize()
        seconds = time.perf_counter() - started
        total = sum(counts.values())
        rate = total / seconds if seconds else 0
        self.stdout.write(
            _("Indexed %(total)s records in %(seconds).1f s (%(rate)s/s).")
            % {"total": total, "seconds": seconds, "rate": f"{rate:,.0f}"}
        )
