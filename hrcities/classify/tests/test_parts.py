"""The goal head's word and neighbour parts: what they read and how they compute."""

import numpy as np

from hrcities.classify.lexical import Vocabulary, tokenised, tokens
from hrcities.classify.linear import fit_one_vs_rest
from hrcities.classify.neighbours import Neighbours


def test_words_are_english_stems_and_korean_and_chinese_character_pairs():
    assert tokens("빈곤을 끝내자") == ["빈곤", "곤을", "끝내", "내자"]
    assert "poverti" in tokens("Ending poverty")
    assert tokens("消除贫困") == ["消除", "除贫", "贫困"]


def test_tf_idf_rows_are_unit_length_and_ignore_unknown_words():
    documents = tokenised(["clean water and sanitation", "water for all", "quality education"])
    vocabulary = Vocabulary.learn(documents + [["water"], ["educ"]])
    assert vocabulary.words == ["educ", "water"]  # words in at least two texts
    matrix = vocabulary.matrix(documents + [["unknown"]])
    dense = matrix @ np.eye(2, dtype=np.float32)
    assert np.allclose(np.linalg.norm(dense[:3], axis=1), 1.0)
    assert not dense[3].any()  # a text with no known word is all zeros, not an error
    assert np.allclose(matrix.T @ np.ones((4, 1), np.float32), dense.sum(axis=0)[:, None])


def test_a_sparse_fit_equals_the_dense_fit():
    documents = [["water", "sanit"], ["water"], ["educ", "school"], ["school"]] * 3
    vocabulary = Vocabulary.learn(documents)
    sparse = vocabulary.matrix(documents)
    dense = sparse @ np.eye(len(vocabulary.words), dtype=np.float32)
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 1]] * 3, dtype=np.float32)
    ws, bs = fit_one_vs_rest(sparse, y, steps=50)
    wd, bd = fit_one_vs_rest(dense, y, steps=50)
    assert np.allclose(ws, wd, atol=1e-5) and np.allclose(bs, bd, atol=1e-5)
    assert ((sparse @ ws + bs).argmax(axis=1) == y.argmax(axis=1)).all()


def test_neighbours_vote_for_the_labels_of_the_nearest_texts():
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(2, 512))
    x = np.concatenate(
        [
            centres[0] + 0.3 * rng.normal(size=(150, 512)),
            centres[1] + 0.3 * rng.normal(size=(150, 512)),
        ]
    )
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = np.repeat(np.eye(2), 150, axis=0)
    neighbours = Neighbours.learn(x, y, np.ones(300))
    assert neighbours.vectors.dtype == np.int8
    query = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    odds = neighbours.log_odds(query)
    assert odds[0, 0] > 0 > odds[0, 1] and odds[1, 1] > 0 > odds[1, 0]
    again = Neighbours.learn(x, y, np.ones(300))
    assert np.array_equal(neighbours.projection, again.projection)
