"""The words of a text as TF-IDF features, for the goal head's lexical part.

The sentence encoder places a text by its meaning; a few words ("sanitation", "빈곤",
"homicide") often say the goal outright, and a linear model over them adds what the
encoder blurs. Latin-script and other spaced words are folded and stemmed the English way
(the search analyser's `fold` and Snowball); Korean, Chinese and Japanese runs are read
as overlapping pairs of characters ("인권도시를" gives 인권, 권도, 도시, 시를), which
measured as well as Korean morphemes here and needs no 200 MB analyser in the process.
The language of a text is not asked, in training and in use alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from hrcities.search.analysis import fold, stemmer

WORDS = re.compile(r"[^\W_]+")
PAIRED = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]"
)
# A word seen in fewer training texts is noise to the model and weight to ship.
MIN_TEXTS = 2
MAX_WORD = 60


def tokens(text: str) -> list[str]:
    """Return the words the lexical part reads in a text."""
    english = stemmer("en")
    out: list[str] = []
    for run in WORDS.findall(fold(text)):
        if PAIRED.search(run):
            out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        elif run.isascii() and not run.isdigit():
            out.append(english.stemWord(run)[:MAX_WORD])
        else:
            out.append(run[:MAX_WORD])
    return out


def tokenised(texts: Sequence[str]) -> list[list[str]]:
    return [tokens(text) for text in texts]


class Sparse:
    """A row-compressed sparse matrix with the two products the linear models need."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, columns: int):
        self.indptr, self.indices, self.data = indptr, indices, data
        self.shape = (len(indptr) - 1, columns)
        self._rows = np.repeat(np.arange(self.shape[0]), np.diff(indptr))

    def __matmul__(self, w: np.ndarray) -> np.ndarray:
        out = np.zeros((self.shape[0], w.shape[1]), dtype=np.float32)
        filled = np.diff(self.indptr) > 0
        if filled.any():
            products = w[self.indices] * self.data[:, None]
            out[filled] = np.add.reduceat(products, self.indptr[:-1][filled], axis=0)
        return out

    @property
    def T(self) -> _Transposed:  # noqa: N802 - reads like numpy's
        return _Transposed(self)


class _Transposed:
    def __init__(self, matrix: Sparse):
        self.matrix = matrix

    def __matmul__(self, r: np.ndarray) -> np.ndarray:
        m = self.matrix
        values = r[m._rows] * m.data[:, None]
        columns = [
            np.bincount(m.indices, weights=values[:, j], minlength=m.shape[1])
            for j in range(r.shape[1])
        ]
        return np.stack(columns, axis=1).astype(np.float32)


@dataclass
class Vocabulary:
    """Words and their inverse document frequencies, learned from training texts."""

    words: list[str]
    idf: np.ndarray

    @classmethod
    def learn(cls, documents: Sequence[Sequence[str]]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for words in documents:
            counts.update(set(words))
        words = sorted(w for w, n in counts.items() if n >= MIN_TEXTS)
        n = len(documents)
        idf = np.array([np.log((1 + n) / (1 + counts[w])) + 1 for w in words], dtype=np.float32)
        return cls(words, idf)

    def matrix(self, documents: Sequence[Sequence[str]]) -> Sparse:
        """Return the unit-length TF-IDF rows of the documents (log-scaled counts)."""
        index = self.index
        indptr, indices, data = [0], [], []
        for words in documents:
            counts = Counter(index[w] for w in words if w in index)
            if counts:
                ids = np.array(sorted(counts))
                values = (1 + np.log([counts[i] for i in ids])) * self.idf[ids]
                indices.append(ids)
                data.append(values / np.linalg.norm(values))
            indptr.append(indptr[-1] + len(counts))
        return Sparse(
            np.array(indptr, dtype=np.int64),
            np.concatenate(indices).astype(np.int64) if indices else np.zeros(0, np.int64),
            np.concatenate(data).astype(np.float32) if data else np.zeros(0, np.float32),
            len(self.words),
        )

    @cached_property
    def index(self) -> dict[str, int]:
        """Return each word's column."""
        return {w: i for i, w in enumerate(self.words)}
