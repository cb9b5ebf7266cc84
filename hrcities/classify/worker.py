"""The worker that computes tag suggestions after saves, so no save waits.

A full queue drops the request and logs it: `hrcities suggest_tags --all` recomputes
everything. See hrcities.core.background for how the worker runs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from hrcities.core.background import DRAIN_SECONDS, Worker

Key = tuple[str, Any]


def run(keys: list[Key]) -> int:
    """Compute the suggestions of the records named by `keys` (gone records are skipped)."""
    from django.apps import apps

    from .services import suggest_for_records

    stored = 0
    by_label: dict[str, list[Any]] = {}
    for label, pk in dict.fromkeys(keys):
        by_label.setdefault(label, []).append(pk)
    for label, pks in by_label.items():
        model = apps.get_model(label)
        records = list(model._default_manager.filter(pk__in=pks))
        if records:
            stored += suggest_for_records(records)
    return stored


suggestions = Worker(
    "tag-suggestions",
    lambda keys: run(keys),  # looked up at each call
    in_background=lambda: getattr(settings, "SUGGEST_IN_BACKGROUND", True),
    catch_up="hrcities suggest_tags --all",
)


def submit(key: Key) -> bool:
    """Queue one record's suggestions; return False if it was dropped."""
    return suggestions.submit(key)


def drain(timeout: float = DRAIN_SECONDS) -> bool:
    """Wait until the queued suggestions are stored; return False on timeout."""
    return suggestions.drain(timeout)
