"""Votes of the nearest training texts, for the goal head's third part.

A linear model draws one border per goal; texts of one kind (a homicide rate, a
water-stress ratio) cluster, and their nearest labelled neighbours often know better.
The training vectors are kept small: projected onto their 128 main directions and
stored as signed bytes (about 2 MB for 16,000 texts), then compared by cosine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

DIMENSIONS = 128
# Measured on the tuned encoder's vectors: 40 vote better than 20 or 10 (see the README).
NEIGHBOURS = 40
# How sharply closer neighbours count more: weight = exp(SHARPNESS * cosine).
SHARPNESS = 20.0
# Smoothing of the vote shares before they become log-odds.
SMOOTHING = 0.01


@dataclass
class Neighbours:
    mean: np.ndarray  # (512,)
    projection: np.ndarray  # (512, DIMENSIONS)
    vectors: np.ndarray  # (n, DIMENSIONS) int8, unit length before rounding
    labels: np.ndarray  # (n, labels) 0/1
    weights: np.ndarray  # (n,) each training text's weight

    @classmethod
    def learn(cls, x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> Neighbours:
        mean = x.mean(axis=0)
        _u, _s, vt = np.linalg.svd(x - mean, full_matrices=False)
        # The sign of a singular vector is arbitrary; fix it so training is repeatable.
        signs = np.sign(vt[:DIMENSIONS, np.abs(vt[:DIMENSIONS]).argmax(axis=1)].diagonal())
        projection = (vt[:DIMENSIONS].T * signs).astype(np.float32)
        vectors = _quantised(_project(x, mean, projection))
        return cls(mean.astype(np.float32), projection, vectors, y.astype(np.uint8), weights)

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Return, per text and label, the log-odds of the neighbours' weighted vote."""
        if not len(x):
            return np.zeros((0, self.labels.shape[1]), dtype=np.float32)
        query = _project(np.asarray(x, dtype=np.float32), self.mean, self.projection)
        similarity = query @ self.unit_vectors.T
        k = min(NEIGHBOURS, similarity.shape[1] - 1)
        nearest = np.argpartition(-similarity, k, axis=1)[:, :k]
        closeness = np.take_along_axis(similarity, nearest, axis=1)
        weight = np.exp(SHARPNESS * closeness) * self.weights[nearest]
        votes = (weight[:, :, None] * self.labels[nearest]).sum(axis=1)
        share = votes / weight.sum(axis=1, keepdims=True)
        return np.log((share + SMOOTHING) / (1 - share + SMOOTHING)).astype(np.float32)

    @cached_property
    def unit_vectors(self) -> np.ndarray:
        """Return the stored vectors as floats (made once: 8 MB for 16,000 texts)."""
        return self.vectors.astype(np.float32) / 127


def _project(x: np.ndarray, mean: np.ndarray, projection: np.ndarray) -> np.ndarray:
    projected = (x - mean) @ projection
    norms = np.linalg.norm(projected, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return projected / norms


def _quantised(unit: np.ndarray) -> np.ndarray:
    return np.round(unit * 127).astype(np.int8)
