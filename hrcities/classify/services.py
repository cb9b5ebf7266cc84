"""Suggest tags for texts and records; keep each record's suggestions up to date."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import models, transaction

from .encoding import TextError, check_text
from .model import FAMILIES, PREFIX, suggesters
from .registry import TAGGABLE, text_of

# At most this many suggestions per family on one record: a long list is not read.
MOST_SUGGESTED = {"goals": 3, "targets": 3, "themes": 3, "groups": 3}


@dataclass(frozen=True)
class Classified:
    """Every label's probability for one text, family by family."""

    probabilities: dict[str, np.ndarray]

    def predicted(self, family: str) -> list[tuple[str, float]]:
        """Return the labels at or above the family's threshold, most probable first."""
        head = suggesters().head(family)
        scores = self.probabilities[family]
        chosen = [
            (f"{PREFIX[family]}{head.labels[j]}", float(scores[j]))
            for j in np.argsort(-scores, kind="stable")
            if scores[j] >= head.threshold
        ]
        return chosen

    def suggestions(self) -> list[tuple[str, float]]:
        return [
            pair for family in FAMILIES for pair in self.predicted(family)[: MOST_SUGGESTED[family]]
        ]


def classify_texts(texts: Sequence[str]) -> list[Classified]:
    """Return the probabilities of every label for each text; raise TextError on bad input."""
    cleaned = [check_text(text, where=f"text {i + 1}") for i, text in enumerate(texts)]
    return _classify_checked(cleaned)


def _classify_checked(texts: Sequence[str]) -> list[Classified]:
    if not texts:
        return []
    model = suggesters()
    probabilities = model.probabilities(model.vectors(texts), texts)
    return [
        Classified({family: probabilities[family][i] for family in FAMILIES})
        for i in range(len(texts))
    ]


def suggest_for_text(text: str) -> list[tuple[str, float]]:
    """Return the suggested labels for one text with their scores, best first per family."""
    return classify_texts([text])[0].suggestions()


def suggest_for_records(records: Sequence[models.Model]) -> int:
    """Compute and store the suggestions of each record; return how many were stored.

    A record without readable text loses its open suggestions; accepted and rejected
    tags stay as decided (a rejected tag is not suggested again).
    """
    from hrcities.taxonomy.tags import record_suggestions

    readable: list[tuple[models.Model, str]] = []
    unreadable: list[models.Model] = []
    for record in records:
        try:
            readable.append((record, check_text(text_of(record))))
        except TextError:
            unreadable.append(record)
    # The classifier runs before the writes begin: on SQLite a write transaction locks the
    # whole database, and a batch's encoding can take seconds on a busy machine.
    results = _classify_checked([text for _, text in readable])
    stored = 0
    with transaction.atomic():
        for record in unreadable:
            record_suggestions(record, [])
        for (record, _text), result in zip(readable, results, strict=True):
            stored += record_suggestions(record, result.suggestions())
    return stored


def suggest_all(
    labels: Iterable[str] | None = None,
    *,
    batch_size: int = 64,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Recompute the suggestions of every registered record (or of the kinds given)."""
    counts: dict[str, int] = {}
    for label in labels or sorted(TAGGABLE):
        entry = TAGGABLE[label]
        queryset = entry.queryset().order_by("pk")
        total = queryset.count()
        done = stored = 0
        if progress and total:
            progress(label, 0, total)
        batch: list[models.Model] = []
        for record in queryset.iterator(chunk_size=batch_size):
            batch.append(record)
            if len(batch) >= batch_size:
                stored += suggest_for_records(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(label, done, total)
        if batch:
            stored += suggest_for_records(batch)
            done += len(batch)
        if progress and (batch or total == 0):
            progress(label, done, total)
        counts[label] = stored
    return counts
