"""Sentence vectors of the training texts, cached on disk so that training and
evaluation runs after the first do not encode the same texts again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .encoding import embed_texts


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cached_vectors(
    texts: Sequence[str],
    cache: Path | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 512,
) -> np.ndarray:
    """Return the vectors of `texts`, encoding only those not in the cache file."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    for start in range(0, len(missing), batch):
        part = missing[start : start + batch]
        for (key, _text), vector in zip(part, embed_texts([t for _, t in part]), strict=True):
            known[key] = vector
        if progress:
            progress(min(start + batch, len(missing)), len(missing))
    if missing and cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(known)
        tmp = cache.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(names), vectors=np.stack([known[k] for k in names]))
        tmp.replace(cache)
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32)
