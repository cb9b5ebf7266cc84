"""Turn texts into sentence vectors for the suggesters, with a clear error for bad input.

The encoder is the one search loads (hrcities.search.semantic), so a process holds one copy.
A long text is read as up to four windows of about 500 characters whose vectors are
averaged: the encoder reads sentences, and one average over a whole transcript would blur.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

# Longer inputs are refused rather than silently cut: a 100,000-character text is a
# document to split, not a record's text.
MAX_CHARS = 100_000
WINDOW = 500
MAX_WINDOWS = 4


class TextError(ValueError):
    """A text the suggester cannot read; the message says what is wrong."""


def check_text(text: Any, *, where: str = "") -> str:
    """Return the text stripped, or raise TextError saying why it cannot be classified."""
    prefix = f"{where}: " if where else ""
    if not isinstance(text, str):
        kind = type(text).__name__
        raise TextError(f"{prefix}expected text, got {kind} ({str(text)[:40]!r}).")
    stripped = text.strip()
    if not stripped:
        raise TextError(f"{prefix}the text is empty.")
    if len(stripped) > MAX_CHARS:
        raise TextError(
            f"{prefix}the text has {len(stripped):,} characters; the limit is {MAX_CHARS:,}. "
            "Split it into parts (sections, paragraphs) and classify those."
        )
    if not any(unicodedata.category(ch).startswith("L") for ch in stripped[: WINDOW * MAX_WINDOWS]):
        raise TextError(f"{prefix}the text has no words to read ({stripped[:40]!r}).")
    if "\x00" in stripped:
        raise TextError(f"{prefix}the text contains NUL bytes: binary data, not text.")
    return stripped


def windows(text: str) -> list[str]:
    """Return up to MAX_WINDOWS pieces of about WINDOW characters, cut at spaces."""
    text = " ".join(text.split())
    pieces: list[str] = []
    while text and len(pieces) < MAX_WINDOWS:
        if len(text) <= WINDOW:
            pieces.append(text)
            break
        cut = text.rfind(" ", WINDOW // 2, WINDOW)
        cut = cut if cut > 0 else WINDOW
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    return pieces


def embed_texts(
    texts: Sequence[str], *, encode: Callable[[list[str]], np.ndarray] | None = None
) -> np.ndarray:
    """Return one unit vector per (already checked) text, as an (N, 512) float32 array;
    `encode` reads the windows instead of the shared encoder (a tuned copy of it)."""
    from hrcities.search.semantic import DIMENSIONS, embed

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    owners: list[int] = []
    pieces: list[str] = []
    for index, text in enumerate(texts):
        for piece in windows(text):
            owners.append(index)
            pieces.append(piece)
    vectors = (encode or embed)(pieces)
    summed = np.zeros((len(texts), vectors.shape[1]), dtype=np.float64)
    np.add.at(summed, np.asarray(owners), vectors)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (summed / norms).astype(np.float32)
