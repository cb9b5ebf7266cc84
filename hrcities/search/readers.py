"""Facet values that depend on who reads (registry.READER_VALUES), as one search sees
them: which documents have a value of their own for this reader, and counting it in place
of the document's label. Only values from records the reader may see ever reach here."""

from __future__ import annotations

from typing import Any

from .models import SearchDocument, SearchLabel
from .registry import READER_VALUES

# {facet: {document id: the value this reader may know}}, from READER_VALUES.
ReaderValues = dict[str, dict[int, str]]


def reader_values(user: Any) -> ReaderValues:
    """Return the facet values that differ for this reader, by document."""
    found: ReaderValues = {}
    for (kind, facet), values_for in READER_VALUES.items():
        values = dict(values_for(user))
        if not values:
            continue
        documents = SearchDocument.objects.filter(kind=kind, object_id__in=list(values))
        for pk, object_id in documents.values_list("pk", "object_id"):
            found.setdefault(facet, {})[pk] = values[object_id]
    return found


def count_reader_values(
    counts: dict[str, dict[str, int]], rows: list[Any], readers: ReaderValues
) -> None:
    """Count the reader's own value, not the document's label, where the reader has one."""
    for facet, own in readers.items():
        present = [row[0] for row in rows if row[0] in own]
        if not present or facet not in counts:
            continue
        labelled = SearchLabel.objects.filter(document__in=present, label__startswith=f"{facet}:")
        for label in labelled.values_list("label", flat=True):
            value = label.partition(":")[2]
            counts[facet][value] -= 1
            if not counts[facet][value]:
                del counts[facet][value]
        for pk in present:
            counts[facet][own[pk]] = counts[facet].get(own[pk], 0) + 1
