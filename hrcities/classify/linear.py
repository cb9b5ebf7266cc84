"""Linear heads on sentence vectors and word features, trained with numpy: deterministic,
no other library.

Full-batch Adam on an L2-regularised loss is convex and starts from zeros, so the same
data gives the same weights on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .lexical import Sparse


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _adam(
    grad_fn: Callable[..., list[np.ndarray]],
    shapes: list[tuple[int, ...]],
    steps: int,
    rate: float,
    dtype: type = np.float32,
) -> list[np.ndarray]:
    params = [np.zeros(shape, dtype) for shape in shapes]
    first = [np.zeros(shape, dtype) for shape in shapes]
    second = [np.zeros(shape, dtype) for shape in shapes]
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        grads = grad_fn(*params)
        for p, g, m, v in zip(params, grads, first, second, strict=True):
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            p -= rate * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + eps)
    return params


def fit_one_vs_rest(
    x: np.ndarray | Sparse,
    y: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    l2: float = 1e-3,
    steps: int = 400,
    rate: float = 0.05,
    balance: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (W, b) of one logistic regression per column of the 0/1 matrix `y`.

    `x` is dense, or sparse (TF-IDF rows). With `balance`, each label's positives and
    negatives weigh the same in its loss, so a rare label is not learned as "never".
    """
    if not isinstance(x, Sparse):
        x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    n, _d = x.shape
    w_rows = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    sample = np.repeat(w_rows[:, None], y.shape[1], axis=1)
    if balance:
        pos = (sample * y).sum(axis=0)
        neg = (sample * (1 - y)).sum(axis=0)
        total = pos + neg
        pos_w = np.where(pos > 0, total / (2 * np.maximum(pos, 1e-9)), 0.0)
        neg_w = np.where(neg > 0, total / (2 * np.maximum(neg, 1e-9)), 0.0)
        sample = sample * (y * pos_w + (1 - y) * neg_w)
    sample = (sample / sample.sum(axis=0, keepdims=True)).astype(np.float32)

    def grad(w: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        p = sigmoid(x @ w + b)
        residual = (p - y) * sample
        return [x.T @ residual + l2 * w, residual.sum(axis=0)]

    w, b = _adam(grad, [(x.shape[1], y.shape[1]), (y.shape[1],)], steps, rate)
    return w, b


def fit_softmax(
    x: np.ndarray,
    classes: np.ndarray,
    n_classes: int,
    weights: np.ndarray | None = None,
    *,
    l2: float = 1e-3,
    steps: int = 300,
    rate: float = 0.05,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (W, b) of a multinomial logistic regression over `n_classes` classes."""
    x = np.asarray(x, dtype=np.float32)
    n = x.shape[0]
    onehot = np.zeros((n, n_classes), dtype=np.float32)
    onehot[np.arange(n), classes] = 1.0
    sample = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    sample = (sample / sample.sum()).astype(np.float32)

    def grad(w: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        residual = (softmax(x @ w + b) - onehot) * sample[:, None]
        return [x.T @ residual + l2 * w, residual.sum(axis=0)]

    return _adam(grad, [(x.shape[1], n_classes), (n_classes,)], steps, rate)


@dataclass(frozen=True)
class Platt:
    """Map a head's raw score to a probability: p = sigmoid(a * z + c)."""

    a: float
    c: float

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return sigmoid(self.a * z + self.c)


def fit_platt(z: np.ndarray, y: np.ndarray, *, iterations: int = 100) -> Platt:
    """Fit Platt scaling on held-out raw scores `z` and their 0/1 truths `y`.

    Newton's method with step halving (Platt 1999; Lin, Lin and Weng 2007).
    """
    z = np.asarray(z, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    # Platt's targets keep the fit away from 0 and 1 where labels are few.
    pos, neg = y.sum(), len(y) - y.sum()
    target = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))

    def loss(a: float, c: float) -> float:
        f = a * z + c
        # log(1 + exp(f)) - t * f, written to stay finite for large |f|.
        return float(np.sum(np.logaddexp(0, f) - target * f))

    a, c = 0.0, float(np.log((pos + 1) / (neg + 1)))
    current = loss(a, c)
    for _ in range(iterations):
        p = sigmoid(a * z + c)
        r = p - target
        g = np.array([r @ z, r.sum()])
        s = np.maximum(p * (1 - p), 1e-12)
        h = np.array([[s @ (z * z), s @ z], [s @ z, s.sum()]]) + 1e-12 * np.eye(2)
        step = np.linalg.solve(h, g)
        size = 1.0
        while size > 1e-10:
            new_a, new_c = a - size * step[0], c - size * step[1]
            new = loss(new_a, new_c)
            if new <= current + 1e-4 * size * float(g @ -step):
                break
            size /= 2
        else:
            break
        a, c, previous, current = new_a, new_c, current, new
        if abs(previous - current) < 1e-10 * max(1.0, abs(current)):
            break
    return Platt(float(a), float(c))
