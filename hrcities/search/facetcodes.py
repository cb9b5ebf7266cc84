"""Facet labels as small integer codes, so counting them over a window is one bincount.

Each document carries its facet labels twice: as SearchLabel rows, which the facet
filters probe by index, and as `facet_codes`, the labels' codes packed as little-endian
uint32, which the window query reads beside the match. Counting 10,000 documents' labels
is then a numpy bincount rather than splitting and counting a hundred thousand strings.
Codes are rows of FacetLabel and are never reused, so nothing is cached across
transactions: each write or count asks the database for the codes it needs.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .models import FacetLabel

DTYPE = np.dtype("<u4")


def encode_many(label_sets: list[Iterable[str]]) -> list[bytes]:
    """Return the packed codes of each set of labels, creating codes for new labels."""
    sets = [sorted(set(labels)) for labels in label_sets]
    wanted = {label for labels in sets for label in labels}
    codes = dict(FacetLabel.objects.filter(label__in=wanted).values_list("label", "id"))
    missing = wanted - codes.keys()
    if missing:
        FacetLabel.objects.bulk_create(
            [FacetLabel(label=label) for label in sorted(missing)], ignore_conflicts=True
        )
        codes.update(FacetLabel.objects.filter(label__in=missing).values_list("label", "id"))
    return [np.array([codes[label] for label in labels], dtype=DTYPE).tobytes() for labels in sets]


def encode(labels: Iterable[str]) -> bytes:
    return encode_many([labels])[0]


def count(packed: Iterable[bytes | memoryview | None]) -> dict[str, int]:
    """Return how many of the packed code lists hold each label."""
    codes = np.frombuffer(b"".join(bytes(p) for p in packed if p), dtype=DTYPE)
    if not codes.size:
        return {}
    tally = np.bincount(codes)
    present = np.flatnonzero(tally)
    names = dict(FacetLabel.objects.filter(id__in=present.tolist()).values_list("id", "label"))
    return {names[int(code)]: int(tally[code]) for code in present if int(code) in names}
