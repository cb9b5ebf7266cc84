import numpy as np

from hrcities.classify.datasets import Example
from hrcities.classify.linear import fit_one_vs_rest, fit_platt, fit_softmax, sigmoid, softmax
from hrcities.classify.training import best_threshold, grouped_folds


def separable(n=200, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype(np.float32)
    y = np.stack([x[:, 0] > 0, x[:, 1] > 0.5], axis=1).astype(float)
    return x, y


def test_one_vs_rest_learns_each_label_and_is_deterministic():
    x, y = separable()
    w, b = fit_one_vs_rest(x, y, l2=1e-4, steps=300)
    accuracy = ((sigmoid(x @ w + b) >= 0.5) == (y > 0)).mean(axis=0)
    assert (accuracy > 0.95).all()
    w2, b2 = fit_one_vs_rest(x, y, l2=1e-4, steps=300)
    assert np.array_equal(w, w2) and np.array_equal(b, b2)


def test_softmax_learns_classes():
    x, _ = separable()
    classes = (x[:, 0] > 0).astype(int) + 2 * (x[:, 2] > 0).astype(int)
    w, b = fit_softmax(x, classes, 4, steps=300)
    assert (softmax(x @ w + b).argmax(axis=1) == classes).mean() > 0.9


def test_platt_scaling_turns_scores_into_frequencies():
    rng = np.random.default_rng(1)
    z = rng.normal(size=4000) * 3
    y = (rng.random(4000) < sigmoid(0.5 * z - 1)).astype(float)
    platt = fit_platt(z, y)
    assert abs(platt.a[0] - 0.5) < 0.1 and abs(platt.c + 1) < 0.15
    for low, high in ((-9, -3), (-1, 1), (3, 9)):
        inside = (z > low) & (z < high)
        assert abs(platt(z[inside]).mean() - y[inside].mean()) < 0.05


def test_platt_scaling_learns_how_much_each_part_counts():
    rng = np.random.default_rng(2)
    parts = rng.normal(size=(6000, 3)) * 2
    # The second part knows three times as much as the first; the third is noise.
    y = (rng.random(6000) < sigmoid(0.3 * parts[:, 0] + 0.9 * parts[:, 1] - 0.5)).astype(float)
    platt = fit_platt(parts, y)
    assert abs(platt.a[0] - 0.3) < 0.1 and abs(platt.a[1] - 0.9) < 0.15
    assert abs(platt.a[2]) < 0.1 and abs(platt.c + 0.5) < 0.15

    # A fixed sum of the parts would count the noise as much as the knowledge.
    def log_loss(p):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    assert log_loss(platt(parts)) < log_loss(fit_platt(parts.sum(axis=1), y)(parts.sum(axis=1)))


def test_texts_of_one_indicator_stay_in_one_fold():
    examples = [Example(f"text {i}", "en", f"indicator:{i % 23}", "metadata") for i in range(400)]
    folds = grouped_folds(examples)
    fold_of_group = {}
    for example, fold in zip(examples, folds, strict=True):
        assert fold_of_group.setdefault(example.group, fold) == fold
    assert set(folds) == {0, 1, 2, 3, 4}
    assert np.array_equal(folds, grouped_folds(examples))


def test_the_threshold_maximises_f1():
    p = np.array([[0.9], [0.8], [0.35], [0.3], [0.1]])
    y = np.array([[1], [1], [1], [0], [0]])
    assert best_threshold(p, y) == 0.35


def test_evaluation_counts_yes_no_answers_per_label():
    from hrcities.classify.evaluation import Scores, roc_auc

    p = np.array([[0.9, 0.2], [0.6, 0.7], [0.1, 0.4], [0.3, 0.1]])
    y = np.array([[1, 0], [0, 1], [0, 1], [1, 0]])
    report = Scores(["a", "b"], p, y, 0.5).report()
    a, b = report["per_label"]
    assert (a["tp"], a["fp"], a["fn"], a["tn"]) == (1, 1, 1, 1)
    assert a["accuracy"] == 0.5 and a["precision"] == 0.5 and a["recall"] == 0.5
    assert (b["tp"], b["fp"], b["fn"], b["tn"]) == (1, 0, 1, 2)
    assert b["balanced_accuracy"] == 0.75
    assert report["micro"]["tp"] == 2 and report["top1"] == 1.0
    assert roc_auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1], bool)) == 0.75


def test_the_interval_resamples_whole_indicators():
    from hrcities.classify.evaluation import grouped_interval, macro_balanced

    rng = np.random.default_rng(7)
    truth = np.zeros((400, 2), bool)
    truth[:200, 0] = truth[200:, 1] = True
    decisions = truth.copy()
    # Forty indicators of ten texts: each indicator's texts are all right or all wrong.
    groups = np.repeat(np.arange(40), 10)
    wrong_groups = rng.choice(40, 8, replace=False)
    wrong = np.isin(groups, wrong_groups)
    decisions[wrong] = ~decisions[wrong]
    point = macro_balanced(decisions, truth)
    low, high = grouped_interval(decisions, truth, groups)
    assert low < point < high
    # The same texts taken one by one look far surer than they are.
    single_low, single_high = grouped_interval(decisions, truth, np.arange(400))
    assert high - low > 2 * (single_high - single_low)
    assert (low, high) == grouped_interval(decisions, truth, groups)


def test_the_verdict_against_the_published_best_follows_the_interval():
    from hrcities.classify.evaluation import versus_published

    level = versus_published(0.881, (0.869, 0.893))
    assert level.endswith("level with it (the interval holds it).")
    assert versus_published(0.905, (0.889, 0.918)).endswith("above it.")
    assert versus_published(0.85, (0.84, 0.86)).endswith("below it.")
    assert "95% interval 0.869-0.893" in versus_published(0.881, (0.869, 0.893))
