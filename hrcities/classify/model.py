"""The trained suggesters: four linear heads on the sentence vector, read from one .npz.

- goals: 17 one-vs-rest logistic regressions, Platt-scaled per goal;
- targets: a softmax over the 169 targets, read within each goal, times the goal's
  probability (a target is only as likely as its goal);
- themes and groups: one-vs-rest logistic regressions, Platt-scaled.

Every score is a probability in [0, 1]; each family has the threshold that evaluation
recommends, at which a label is predicted (and suggested).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .linear import sigmoid

DATA_FILE = Path(__file__).resolve().parent / "data" / "suggesters.npz"
FAMILIES = ("goals", "targets", "themes", "groups")
PREFIX = {"goals": "sdg:", "targets": "sdg-target:", "themes": "theme:", "groups": "group:"}


@dataclass
class Head:
    labels: list[str]
    w: np.ndarray
    b: np.ndarray
    # Platt scaling per label: p = sigmoid(a * z + c).
    a: np.ndarray
    c: np.ndarray
    threshold: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return sigmoid((x @ self.w + self.b) * self.a + self.c)


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

    def probabilities(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Return each family's probabilities, one row per vector."""
        x = np.asarray(x, dtype=np.float32)
        goals = self.goals.probabilities(x)
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
        arrays |= {
            "targets_labels": np.array(self.targets.labels),
            "targets_goal_index": self.targets.goal_index.astype(np.int16),
            "targets_w": self.targets.w.astype(np.float16),
            "targets_b": self.targets.b.astype(np.float32),
            "targets_threshold": np.float32(self.targets.threshold),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Suggesters:
        with np.load(path, allow_pickle=False) as data:

            def head(family: str) -> Head:
                return Head(
                    data[f"{family}_labels"].tolist(),
                    data[f"{family}_w"].astype(np.float32),
                    data[f"{family}_b"].astype(np.float32),
                    data[f"{family}_a"].astype(np.float32),
                    data[f"{family}_c"].astype(np.float32),
                    float(data[f"{family}_threshold"]),
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
            )


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
