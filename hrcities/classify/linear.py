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
    """Map a head's raw scores to a probability: p = sigmoid(z @ a + c), where z holds
    one raw score per part of the head (a single score is one part)."""

    a: np.ndarray
    c: float

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return sigmoid(_parts(z) @ self.a + self.c)


def _parts(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    return z[:, None] if z.ndim == 1 else z


def fit_platt(z: np.ndarray, y: np.ndarray, *, iterations: int = 100) -> Platt:
    """Fit Platt scaling on held-out raw scores `z` (one column per part of the head, or
    a single column) and their 0/1 truths `y`: with several parts it also learns how much
    each part counts.

    Newton's method with step halving (Platt 1999; Lin, Lin and Weng 2007).
    """
    z = _parts(z)
    y = np.asarray(y, dtype=np.float64).ravel()
    # Platt's targets keep the fit away from 0 and 1 where labels are few.
    pos, neg = y.sum(), len(y) - y.sum()
    target = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))
    design = np.hstack([z, np.ones((len(z), 1))])

    def loss(params: np.ndarray) -> float:
        f = design @ params
        # log(1 + exp(f)) - t * f, written to stay finite for large |f|.
        return float(np.sum(np.logaddexp(0, f) - target * f))

    params = np.zeros(design.shape[1])
    params[-1] = np.log((pos + 1) / (neg + 1))
    current = loss(params)
    for _ in range(iterations):
        p = sigmoid(design @ params)
        g = design.T @ (p - target)
        s = np.maximum(p * (1 - p), 1e-12)
        h = (design * s[:, None]).T @ design + 1e-12 * np.eye(len(params))
        step = np.linalg.solve(h, g)
        size = 1.0
        while size > 1e-10:
            new = loss(params - size * step)
            if new <= current + 1e-4 * size * float(g @ -step):
                break
            size /= 2
        else:
            break
        params, previous, current = params - size * step, current, new
        if abs(previous - current) < 1e-10 * max(1.0, abs(current)):
            break
    return Platt(params[:-1].copy(), float(params[-1]))
