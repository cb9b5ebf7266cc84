"""The trained suggesters: four heads on the sentence vector, read from one .npz.

The vector comes from the suggesters' own copy of the sentence encoder, whose dense layers
were tuned on the goal labels (tuning.py; stored as changes from the shipped layers).

- goals: per goal, three raw scores, mixed and Platt-scaled by weights learned on
  out-of-fold scores: a logistic regression on the sentence vector, one on the text's
  words (lexical.py), and the log-odds of the nearest training texts' vote
  (neighbours.py);
- targets: a softmax over the 169 targets, read within each goal, times the goal's
  probability (a target is only as likely as its goal);
- themes and groups: one-vs-rest logistic regressions, Platt-scaled.

Every score is a probability in [0, 1]; each family has the threshold that evaluation
recommends, at which a label is predicted (and suggested).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .lexical import Sparse, Vocabulary, tokenised
from .linear import sigmoid
from .neighbours import Neighbours

DATA_FILE = Path(__file__).resolve().parent / "data" / "suggesters.npz"
FAMILIES = ("goals", "targets", "themes", "groups")
PREFIX = {"goals": "sdg:", "targets": "sdg-target:", "themes": "theme:", "groups": "group:"}


@dataclass
class Lexical:
    """A logistic regression per label over the text's TF-IDF words."""

    vocabulary: Vocabulary
    w: np.ndarray
    b: np.ndarray

    def raw(self, words: Sparse) -> np.ndarray:
        return words @ self.w + self.b


@dataclass
class Head:
    labels: list[str]
    w: np.ndarray
    b: np.ndarray
    # Platt scaling per label over the head's parts: p = sigmoid(sum_k a[:, k] * z_k + c),
    # so a also says how much each part (vector, words, neighbours) counts for the label.
    a: np.ndarray  # (labels, parts)
    c: np.ndarray
    threshold: float
    lexical: Lexical | None = None
    neighbours: Neighbours | None = None

    def raw(self, x: np.ndarray, words: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """Return the uncalibrated scores of every label, one per part of the head: shape
        (texts, labels, parts). `words` are the texts' tokens, needed when the head has a
        lexical part."""
        parts = [x @ self.w + self.b]
        if self.lexical is not None:
            if words is None:
                raise ValueError("this head reads the texts' words as well as their vectors")
            parts.append(self.lexical.raw(self.lexical.vocabulary.matrix(words)))
        if self.neighbours is not None:
            parts.append(self.neighbours.log_odds(x))
        return np.stack(parts, axis=-1)

    def probabilities(
        self, x: np.ndarray, words: Sequence[Sequence[str]] | None = None
    ) -> np.ndarray:
        return calibrated(self.raw(x, words), self.a, self.c)


def calibrated(z: np.ndarray, a: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Return probabilities from raw scores (texts, labels, parts) and their per-label
    Platt weights a (labels, parts) and c (labels)."""
    return sigmoid((z * a).sum(axis=-1) + c)


@dataclass
class TargetHead:
    labels: list[str]
    goal_index: np.ndarray  # goal number - 1 of each target
    w: np.ndarray
    b: np.ndarray
    threshold: float

    def probabilities(self, x: np.ndarray, goal_probabilities: np.ndarray) -> np.ndarray:
        z = x @ self.w + self.b
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        within = np.zeros((x.shape[0], 17))
        np.add.at(within.T, self.goal_index, e.T)
        share = e / within[:, self.goal_index]
        return share * goal_probabilities[:, self.goal_index]


@dataclass
class Suggesters:
    goals: Head
    targets: TargetHead
    themes: Head
    groups: Head
    meta: dict[str, Any]
    # The encoder's dense layers as tuned on the goal labels (tuning.py); None: the heads
    # read the encoder as it ships.
    encoder: dict[str, np.ndarray] | None = None

    def __post_init__(self) -> None:
        self._encode: Any = None
        self._encode_lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Return the vectors the heads read: from the tuned copy of the encoder, which
        shares the shipped encoder's word-piece table (13 MB more, not another 117)."""
        from .encoding import embed_texts

        if self.encoder is None:
            return embed_texts(texts)
        if self._encode is None:
            with self._encode_lock:
                if self._encode is None:
                    from . import tuning

                    self._encode = tuning.tuned_backend(tuning.backend(), self.encoder).encode
        return embed_texts(texts, encode=self._encode)

    def probabilities(self, x: np.ndarray, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Return each family's probabilities, one row per text and its vector (self.vectors)."""
        x = np.asarray(x, dtype=np.float32)
        words = tokenised(texts) if self.goals.lexical is not None else None
        goals = self.goals.probabilities(x, words)
        return {
            "goals": goals,
            "targets": self.targets.probabilities(x, goals),
            "themes": self.themes.probabilities(x),
            "groups": self.groups.probabilities(x),
        }

    def head(self, family: str) -> Head | TargetHead:
        return getattr(self, family)

    def save(self, path: Path = DATA_FILE) -> None:
        arrays: dict[str, np.ndarray] = {}
        for family in ("goals", "themes", "groups"):
            head: Head = getattr(self, family)
            arrays |= {
                f"{family}_labels": np.array(head.labels),
                f"{family}_w": head.w.astype(np.float16),
                f"{family}_b": head.b.astype(np.float32),
                f"{family}_a": head.a.astype(np.float32),
                f"{family}_c": head.c.astype(np.float32),
                f"{family}_threshold": np.float32(head.threshold),
            }
            if head.lexical is not None:
                arrays |= {
                    # One string: an array of strings pads every word to the longest.
                    f"{family}_lexical_words": np.array("\n".join(head.lexical.vocabulary.words)),
                    f"{family}_lexical_idf": head.lexical.vocabulary.idf.astype(np.float32),
                    f"{family}_lexical_w": head.lexical.w.astype(np.float16),
                    f"{family}_lexical_b": head.lexical.b.astype(np.float32),
                }
            if head.neighbours is not None:
                n = head.neighbours
                arrays |= {
                    f"{family}_neighbours_mean": n.mean.astype(np.float32),
                    f"{family}_neighbours_projection": n.projection.astype(np.float16),
                    f"{family}_neighbours_vectors": n.vectors.astype(np.int8),
                    f"{family}_neighbours_labels": n.labels.astype(np.uint8),
                    f"{family}_neighbours_weights": n.weights.astype(np.float32),
                }
        arrays |= {
            "targets_labels": np.array(self.targets.labels),
            "targets_goal_index": self.targets.goal_index.astype(np.int16),
            "targets_w": self.targets.w.astype(np.float16),
            "targets_b": self.targets.b.astype(np.float32),
            "targets_threshold": np.float32(self.targets.threshold),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }
        if self.encoder is not None:
            from . import tuning

            # Kept as the change from the shipped encoder: small numbers, precise in float16.
            original = tuning.original_weights(tuning.backend())
            arrays |= {
                f"encoder_{name}": (self.encoder[name] - original[name]).astype(np.float16)
                for name in tuning.DENSE
            }
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Suggesters:
        with np.load(path, allow_pickle=False) as data:

            def head(family: str) -> Head:
                lexical = neighbours = None
                if f"{family}_lexical_w" in data:
                    vocabulary = Vocabulary(
                        str(data[f"{family}_lexical_words"]).split("\n"),
                        data[f"{family}_lexical_idf"].astype(np.float32),
                    )
                    lexical = Lexical(
                        vocabulary,
                        data[f"{family}_lexical_w"].astype(np.float32),
                        data[f"{family}_lexical_b"].astype(np.float32),
                    )
                if f"{family}_neighbours_vectors" in data:
                    neighbours = Neighbours(
                        data[f"{family}_neighbours_mean"].astype(np.float32),
                        data[f"{family}_neighbours_projection"].astype(np.float32),
                        data[f"{family}_neighbours_vectors"],
                        data[f"{family}_neighbours_labels"],
                        data[f"{family}_neighbours_weights"].astype(np.float32),
                    )
                return Head(
                    data[f"{family}_labels"].tolist(),
                    data[f"{family}_w"].astype(np.float32),
                    data[f"{family}_b"].astype(np.float32),
                    data[f"{family}_a"].astype(np.float32),
                    data[f"{family}_c"].astype(np.float32),
                    float(data[f"{family}_threshold"]),
                    lexical,
                    neighbours,
                )

            return cls(
                goals=head("goals"),
                targets=TargetHead(
                    data["targets_labels"].tolist(),
                    data["targets_goal_index"].astype(np.int64),
                    data["targets_w"].astype(np.float32),
                    data["targets_b"].astype(np.float32),
                    float(data["targets_threshold"]),
                ),
                themes=head("themes"),
                groups=head("groups"),
                meta=json.loads(str(data["meta"])),
                encoder=_encoder(data),
            )


def _encoder(data: Any) -> dict[str, np.ndarray] | None:
    """Return the tuned dense layers stored as changes from the shipped encoder."""
    if "encoder_cnn_W" not in data:
        return None
    from . import tuning

    original = tuning.original_weights(tuning.backend())
    return {
        name: original[name] + data[f"encoder_{name}"].astype(np.float32) for name in tuning.DENSE
    }


_loaded: Suggesters | None = None
_lock = threading.Lock()


def suggesters() -> Suggesters:
    """Return the shipped suggesters, read once per process."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = Suggesters.load()
    return _loaded
