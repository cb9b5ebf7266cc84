"""Training on a tiny slice: the same data gives the same weights, and they load back."""

import numpy as np

from hrcities.classify.datasets import Example
from hrcities.classify.model import Suggesters
from hrcities.classify.training import Corpus, train


def tiny_corpus() -> Corpus:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(20, 512))
    examples, vectors = [], []

    def add(example, centre):
        vector = centres[centre] + 0.6 * rng.normal(size=512)
        examples.append(example)
        vectors.append(vector / np.linalg.norm(vector))

    for goal in range(1, 18):
        for i in range(8):
            add(
                Example(
                    f"g{goal} {i}",
                    "en",
                    f"indicator:{goal}.1.{i % 4}",
                    "sdg-titles",
                    (goal,),
                    f"{goal}.1",
                ),
                goal - 1,
            )
    for i in range(40):
        theme, group = ("right-to-health", "children") if i % 2 else ("migrants", "women")
        add(
            Example(
                f"upr {i}",
                "en",
                f"upr:3:{i}",
                "upr",
                (3,) if i % 2 else (10,),
                themes=(theme,),
                groups=(group,),
            ),
            17 + i % 2,
        )
    for slug in ("right-to-health", "migrants"):
        add(Example(slug, "en", f"theme:{slug}", "vocabulary", themes=(slug,)), 19)
    return Corpus(examples, np.array(vectors, dtype=np.float32))


def test_training_is_deterministic_and_the_weights_load_back(tmp_path):
    corpus = tiny_corpus()
    first, second = train(corpus, tune_encoder=False), train(corpus, tune_encoder=False)
    assert np.array_equal(first.goals.w, second.goals.w)
    assert np.array_equal(first.goals.lexical.w, second.goals.lexical.w)
    assert np.array_equal(first.goals.neighbours.vectors, second.goals.neighbours.vectors)
    assert np.array_equal(first.themes.w, second.themes.w)
    assert first.themes.labels == ["migrants", "right-to-health"]
    assert first.groups.labels == ["children", "women"]
    # Calibration weighs the goal head's three parts (vector, words, neighbours) per goal;
    # the theme and group heads have one.
    assert first.goals.a.shape == (17, 3) and first.themes.a.shape == (2, 1)

    first.save(tmp_path / "s.npz")
    loaded = Suggesters.load(tmp_path / "s.npz")
    texts = [e.text for e in corpus.examples]
    p, q = (
        first.probabilities(corpus.x[:20], texts[:20]),
        loaded.probabilities(corpus.x[:20], texts[:20]),
    )
    for family in p:
        assert np.allclose(p[family], q[family], atol=2e-3)  # float16 weights
    # Each goal's own examples score it highest.
    goals = loaded.probabilities(corpus.x[: 17 * 8], texts[: 17 * 8])["goals"].argmax(axis=1)
    assert (goals == np.repeat(np.arange(17), 8)).mean() > 0.9


def test_the_tuned_encoder_ships_with_the_heads_and_reads_new_texts_alike(tmp_path):
    from hrcities.classify import tuning
    from hrcities.classify.encoding import embed_texts

    examples = tiny_corpus().examples
    corpus = Corpus(examples, embed_texts([e.text for e in examples]))
    first = train(corpus, cache=tmp_path / "vectors.npz")
    assert first.encoder is not None and first.meta["encoder"].endswith("goal labels")
    original = tuning.original_weights(tuning.backend())
    assert not np.array_equal(first.encoder["cnn_W"], original["cnn_W"])
    # The same data tunes the same layers (the second run reads the tuning cache, the
    # third tunes again).
    again = train(corpus, cache=tmp_path / "vectors.npz")
    fresh = train(corpus, cache=tmp_path / "other" / "vectors.npz")
    for name in tuning.DENSE:
        assert np.array_equal(first.encoder[name], again.encoder[name])
        assert np.array_equal(first.encoder[name], fresh.encoder[name])

    first.save(tmp_path / "s.npz")
    loaded = Suggesters.load(tmp_path / "s.npz")
    texts = ["Access to safe drinking water in rural areas", "농촌 지역의 안전한 식수 접근"]
    x = loaded.vectors(texts)
    assert not np.allclose(x, embed_texts(texts), atol=1e-3)  # not the shipped encoder's
    assert np.allclose(x, first.vectors(texts), atol=1e-3)  # float16 changes, stored
    p, q = first.probabilities(first.vectors(texts), texts), loaded.probabilities(x, texts)
    for family in p:
        assert np.allclose(p[family], q[family], atol=5e-3)
