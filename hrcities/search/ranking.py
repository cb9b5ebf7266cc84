"""Keyword scores that know nothing of the documents a reader may not see.

FTS5's bm25 takes a word's rarity (IDF) and the average document length over the whole
index, hidden documents included: a draft's rank would then tell whether a restricted
testimony holds a word. The same formula here takes them over the window of the reader's
own query, the matches that reader may see, and each document's word counts and length
from that document alone. A score therefore changes only with what the reader can read.
"""

from __future__ import annotations

import numpy as np

# bm25's usual constants (FTS5's too): how fast repeated words stop counting, and how much
# a long document is discounted.
K1 = 1.2
B = 0.75
# A word in the title counts this many times more than in the body (the title is in the
# body's tokens as well, as the engines index it).
TITLE_WEIGHT = 10.0


def bm25(title_counts: np.ndarray, counts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Return the score of each document of a window, higher for better matches.

    `title_counts` and `counts` are (documents, query units) arrays of how often each unit
    occurs in the document's title and in its whole text; `lengths` its number of tokens.
    The rarity of a unit is how few of the window's documents hold it.
    """
    documents = counts.shape[0]
    if documents == 0 or counts.shape[1] == 0:
        return np.zeros(documents)
    holding = (counts > 0).sum(axis=0)
    idf = np.log1p((documents - holding + 0.5) / (holding + 0.5))
    frequency = TITLE_WEIGHT * title_counts + counts
    average = max(float(lengths.mean()), 1.0)
    discount = K1 * (1.0 - B + B * lengths / average)
    return (idf * frequency * (K1 + 1.0) / (frequency + discount[:, None])).sum(axis=1)
