"""Measure the suggesters on texts they never saw: `hrcities evaluate_suggesters`.

Splits (every one grouped, so texts of one indicator never sit on both sides):
- SDG goals, 5-fold cross-validation over all goal-labelled texts (titles in 27
  languages, national metadata, UPR recommendations), reported per source;
- SDG goals, held-out language: trained without any Korean text, tested on the Korean
  titles and Statistics Korea's Korean metadata (and only on indicators whose texts were
  left out in every language);
- SDG goals, independent expert labels: trained without any UPR recommendation, tested on
  the 469 recommendations of cycles 3 and 4 that OHCHR tagged with SDGs (or with none);
- SDG targets: the same cross-validation, top target among the true goal's targets;
- themes and affected groups: 5-fold cross-validation over the UPR recommendations.

Calibration and threshold of each test fold are fitted on the other folds' out-of-fold
scores, so no test label shapes its own score. As training does, each split tunes the
encoder per fold on that fold's training texts only (tuning.py), and every text is read
by an encoder that never saw it (`--untuned` measures the encoder as it ships).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import training
from .datasets import Example
from .linear import softmax
from .model import Head, calibrated
from .training import FOLDS, Corpus

Say = Callable[[str], None]
# The best published SDG classifiers answer about 88% of balanced yes/no questions
# "is SDG n present in this text?" right.
PUBLISHED_BEST = 0.88
# Resamples of whole indicators for the 95% interval of the balanced yes/no accuracy.
DRAWS = 300


@dataclass
class Scores:
    """Binary decisions of one family on one test set, label by label."""

    labels: list[str]
    p: np.ndarray
    y: np.ndarray
    threshold: float
    # Per text and label: the label's share of the calibration texts. Asked "is this label
    # present?" as often of texts with it as of texts without (a balanced question set),
    # a calibrated score says yes when it is above that share: the text is then likelier
    # than a typical one to have the label (Bayes' rule with even odds).
    base_rates: np.ndarray | None = None
    # Per text, the group it stands or falls with (its indicator): the interval of the
    # balanced yes/no accuracy resamples whole groups, as the folds keep them whole.
    groups: np.ndarray | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        predicted = self.p >= self.threshold
        truth = self.y > 0
        even = self.p >= self.base_rates if self.base_rates is not None else predicted
        per_label = []
        for j, label in enumerate(self.labels):
            tp = int((predicted[:, j] & truth[:, j]).sum())
            fp = int((predicted[:, j] & ~truth[:, j]).sum())
            fn = int((~predicted[:, j] & truth[:, j]).sum())
            tn = int((~predicted[:, j] & ~truth[:, j]).sum())
            per_label.append(
                {
                    "label": label,
                    **_rates(tp, fp, fn, tn),
                    "balanced_yes_no": _balanced(even[:, j], truth[:, j]),
                    "auc": roc_auc(self.p[:, j], truth[:, j]),
                }
            )
        with_support = [r for r in per_label if r["support"] > 0 and r["tn"] + r["fp"] > 0]
        totals = {key: sum(r[key] for r in per_label) for key in ("tp", "fp", "fn", "tn")}
        micro = _rates(**totals) | {"balanced_yes_no": _balanced(even.ravel(), truth.ravel())}
        macro = {
            key: float(np.mean([r[key] for r in with_support])) if with_support else 0.0
            for key in (
                "precision",
                "recall",
                "f1",
                "accuracy",
                "balanced_accuracy",
                "balanced_yes_no",
                "auc",
            )
        }
        if self.groups is not None:
            macro["balanced_yes_no_interval"] = grouped_interval(even, truth, self.groups)
        top = self.p.argmax(axis=1)
        labelled = truth.any(axis=1)
        top1 = float(truth[np.arange(len(top)), top][labelled].mean()) if labelled.any() else 0.0
        return {
            "texts": int(len(self.y)),
            "threshold": self.threshold,
            "micro": micro,
            "macro": macro,
            "top1": top1,
            "ece": expected_calibration_error(self.p, self.y),
            "per_label": per_label,
            **self.extra,
        }


def _rates(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "support": tp + fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        # The yes/no question "is this label present?", asked for every text.
        "accuracy": (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0,
        # The same with as many "yes" as "no" questions (what balanced benchmarks ask).
        "balanced_accuracy": (recall + specificity) / 2,
    }


def _balanced(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Return the mean of recall and specificity of one label's decisions."""
    if truth.all() or not truth.any():
        return float("nan")
    return float((predicted[truth].mean() + (~predicted[~truth]).mean()) / 2)


def macro_balanced(decisions: np.ndarray, truth: np.ndarray) -> float:
    """Return the balanced yes/no accuracy averaged over the labels that can be asked."""
    values = [_balanced(decisions[:, j], truth[:, j]) for j in range(truth.shape[1])]
    return float(np.nanmean(values))


def grouped_interval(
    decisions: np.ndarray, truth: np.ndarray, groups: np.ndarray, *, draws: int = DRAWS
) -> tuple[float, float]:
    """Return the 95% interval of the macro balanced yes/no accuracy over resamples of
    whole groups: an indicator's texts (its title in ten languages, its metadata) are
    alike, so resampling single texts would make the figure look surer than it is."""
    _names, which = np.unique(groups, return_inverse=True)
    members = np.split(np.argsort(which, kind="stable"), np.cumsum(np.bincount(which))[:-1])
    rng = np.random.default_rng(training.SEED)
    values = []
    for _ in range(draws):
        rows = np.concatenate([members[g] for g in rng.integers(0, len(members), len(members))])
        values.append(macro_balanced(decisions[rows], truth[rows]))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def roc_auc(scores: np.ndarray, truth: np.ndarray) -> float:
    """Return the chance that a text with the label outscores one without (ties half)."""
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if not positives or not negatives:
        return float("nan")
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # Average ranks over ties.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts + 1) / 2
    ranks[order] = np.repeat(average, counts)
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Return how far scores stray from observed frequencies (0 = perfectly calibrated)."""
    p, y = p.ravel(), y.ravel()
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(error)


# Calibrated probabilities, the mean threshold of the folds, and each row's base rates.
Calibrated = tuple[np.ndarray, float, np.ndarray]


def _calibrated(z, y, folds, test, calibration, examples=None) -> Calibrated:
    """Return calibrated probabilities of the test rows, each fold calibrated (and its
    threshold chosen) on the calibration rows of the other folds; the mean threshold; and
    per row, each label's share of those calibration rows. Given the goal texts'
    `examples`, the threshold weighs each source's texts as training does."""
    p = np.zeros(z.shape[:2])
    base_rates = np.zeros(z.shape[:2])
    thresholds = []
    for fold in range(FOLDS):
        rows = test & (folds == fold)
        if not rows.any():
            continue
        fit_rows = calibration & (folds != fold)
        a, c = training.calibrate(z[fit_rows], y[fit_rows])
        weights = None
        if examples is not None:
            weights = training.goal_weights([examples[i] for i in np.flatnonzero(fit_rows)])
        threshold = training.best_threshold(calibrated(z[fit_rows], a, c), y[fit_rows], weights)
        thresholds.append(threshold)
        p[rows] = calibrated(z[rows], a, c)
        base_rates[rows] = y[fit_rows].mean(axis=0)
    # The folds' thresholds differ by a step at most; the report decides at their mean.
    return p, float(np.mean(thresholds)), base_rates


@dataclass
class GoalSplit:
    """The goal-labelled texts, their labels and folds, and which ones are measured."""

    goals: Corpus
    y: np.ndarray
    folds: np.ndarray
    usable: np.ndarray  # in the encoder's languages: trained on
    source: np.ndarray
    groups: np.ndarray
    measured: np.ndarray  # usable texts (query phrases teach, but are not texts)

    @classmethod
    def of(cls, corpus: Corpus) -> GoalSplit:
        goals = corpus.subset(np.array([training.has_goal_labels(e) for e in corpus.examples]))
        examples = goals.examples
        usable = np.array([training.is_encoder_language(e) for e in examples])
        source = np.array([training.source_family(e) for e in examples])
        return cls(
            goals,
            training.goal_matrix(examples),
            training.grouped_folds(examples),
            usable,
            source,
            np.array([e.group for e in examples]),
            usable & (source != "keywords"),
        )

    def calibrated(self, z: np.ndarray, test: np.ndarray, calibration: np.ndarray) -> Calibrated:
        """Return the test rows' calibrated probabilities (see _calibrated)."""
        return _calibrated(z, self.y, self.folds, test, calibration, self.goals.examples)

    def by_source(self, calibrated: Calibrated) -> dict[str, Any]:
        """Return the cross-validated reports of these calibrated out-of-fold scores (of
        every text), all and by source."""
        results = {}
        for name in ("metadata", "sdg-titles", "upr"):
            test = self.usable & (self.source == name)
            results[f"cv_{name}"] = self.scores_of(calibrated, test).report()
        results["cv_all"] = self.scores_of(calibrated, self.measured).report()
        return results

    def scores(self, z: np.ndarray, test: np.ndarray, calibration: np.ndarray) -> Scores:
        return self.scores_of(self.calibrated(z, test, calibration), test)

    def scores_of(self, calibrated: Calibrated, test: np.ndarray) -> Scores:
        p, threshold, base_rates = calibrated
        labels = [f"SDG {n}" for n in range(1, 18)]
        return Scores(labels, p[test], self.y[test], threshold, base_rates[test], self.groups[test])


def evaluate_goals(corpus: Corpus, say: Say, *, tune: bool, cache: Path | None) -> dict[str, Any]:
    """Measure the goals on every split; with `tune`, each fold's encoder is tuned as
    training tunes it, on that fold's training texts only. Also return (under
    "_vectors") each goal text's vector from the encoder that did not see it."""
    split = GoalSplit.of(corpus)
    goals, y, folds, usable, source = split.goals, split.y, split.folds, split.usable, split.source
    examples = goals.examples
    korean = np.array([e.lang == "ko" for e in examples])
    upr = source == "upr"

    def scores_without(trainable: np.ndarray, name: str) -> tuple[np.ndarray, list[Corpus]]:
        say(f"goals, {name}")
        corpora = training.fold_corpora(
            goals, folds, trainable, tune=tune, cache=cache, say=lambda m: say(f"{name}: {m}")
        )
        z = training.out_of_fold_each(
            corpora, training.fit_goals, folds, trainable, lambda m: say(f"goals, {name}: {m}")
        )
        return z, corpora

    z, corpora = scores_without(usable, "all languages")
    # Every text's goal probabilities (in the encoder's languages or not), each fold
    # calibrated once on the others: reported by source, by language and for targets.
    calibrated_all = split.calibrated(z, np.ones(len(y), bool), split.measured)
    results = split.by_source(calibrated_all)
    p = calibrated_all[0]
    results["top1_by_language"] = _top1_by_language(p, y, examples, source == "sdg-titles")
    results["targets"] = evaluate_targets(corpora, folds, p, usable, say)
    vectors = np.zeros_like(goals.x)
    for fold, fold_corpus in enumerate(corpora):
        vectors[folds == fold] = fold_corpus.x[folds == fold]

    trainable = usable & ~korean
    z, _ = scores_without(trainable, "without Korean")
    results["heldout_korean"] = split.scores(z, korean, trainable & (source != "keywords")).report()

    trainable = usable & ~upr
    z, _ = scores_without(trainable, "without UPR")
    results["upr_unseen"] = split.scores(z, upr, trainable & (source != "keywords")).report()
    results["_vectors"] = dict(zip(map(id, examples), vectors, strict=True))
    return results


def _top1_by_language(
    p: np.ndarray, y: np.ndarray, examples: list[Example], rows: np.ndarray
) -> dict[str, float]:
    """Return, per language, how often the top goal of a held-out title is its goal."""
    hits: dict[str, list[bool]] = {}
    for i in np.flatnonzero(rows):
        hits.setdefault(examples[i].lang, []).append(bool(y[i, p[i].argmax()]))
    return {lang: float(np.mean(h)) for lang, h in sorted(hits.items())}


def evaluate_targets(
    corpora: list[Corpus], folds: np.ndarray, goal_p: np.ndarray, usable: np.ndarray, say: Say
) -> dict:
    """Top-1 target within the true goal, and within the predicted goal (each fold read
    by its own encoder)."""
    codes = training.target_codes()
    index = {code: i for i, code in enumerate(codes)}
    goal_of = np.array([int(code.split(".")[0]) - 1 for code in codes])
    rows = usable & np.array([e.target in index for e in corpora[0].examples])
    hits_true, hits_top, langs = [], [], []
    for fold, goals in enumerate(corpora):
        say(f"targets: fold {fold + 1}/{FOLDS}")
        w, b = training.fit_targets(goals.subset(usable & (folds != fold)), codes)
        test = rows & (folds == fold)
        scores = softmax(goals.x[test] @ w + b)
        for i, share, gp in zip(np.flatnonzero(test), scores, goal_p[test], strict=True):
            truth = index[goals.examples[i].target]
            within = np.where(goal_of == goal_of[truth], share, -1)
            hits_true.append(int(within.argmax() == truth))
            combined = share * gp[goal_of]
            hits_top.append(int(combined.argmax() == truth))
            langs.append(goals.examples[i].lang)
    langs_a = np.array(langs)
    return {
        "texts": len(hits_true),
        "top1_given_goal": float(np.mean(hits_true)),
        "top1": float(np.mean(hits_top)),
        "top1_korean": float(np.mean(np.array(hits_top)[langs_a == "ko"])),
    }


def evaluate_labels(
    corpus: Corpus, say: Say, vectors: dict[int, np.ndarray] | None = None
) -> dict[str, Any]:
    """Themes and groups, 5-fold CV on the recommendations; `vectors`: a text's vector
    from an encoder tuned without it, where the goal folds tuned one (the others no
    tuning saw: the corpus's own vectors)."""
    mask = np.array([training.is_label_example(e) for e in corpus.examples])
    part = corpus.subset(mask)
    if vectors:
        x = np.array([vectors.get(id(e), v) for e, v in zip(part.examples, part.x, strict=True)])
        part = Corpus(part.examples, x, part.words)
    upr = np.array([e.source == "upr" for e in part.examples])
    folds = training.grouped_folds(part.examples)
    results = {}
    for family in ("themes", "groups"):
        labels = training.frequent_labels(part.examples, family)

        def fit(sub: Corpus, family: str = family, labels: list[str] = labels) -> Head:
            return training.fit_labels(sub, family, labels)

        z = training.out_of_fold_each(
            [part] * FOLDS,
            fit,
            folds,
            np.ones(len(part.examples), bool),
            lambda m, family=family: say(f"{family}: {m}"),
        )
        y = training.label_matrix(part.examples, family, labels)
        p, threshold, base_rates = _calibrated(z, y, folds, upr, upr)
        results[family] = Scores(labels, p[upr], y[upr], threshold, base_rates[upr]).report()
    return results


def evaluate(
    corpus: Corpus,
    say: Say = lambda _m: None,
    *,
    tune_encoder: bool = True,
    cache: Path | None = None,
) -> dict[str, Any]:
    """Measure every family; with `tune_encoder` (as training does), the labelled texts
    are read, fold by fold, by an encoder tuned without them."""
    if tune_encoder:
        # The theme and group texts no goal fold tuned on are read by an encoder that
        # never saw them either.
        say("reading the theme and group texts")
        corpus = _tuned_for_labels(corpus, cache, say)
    goals = evaluate_goals(corpus, say, tune=tune_encoder, cache=cache)
    vectors = goals.pop("_vectors")
    return {
        "goals": goals,
        **evaluate_labels(corpus, say, vectors if tune_encoder else None),
        "tuned_encoder": tune_encoder,
    }


def _tuned_for_labels(corpus: Corpus, cache: Path | None, say: Say) -> Corpus:
    """Return the corpus with the label texts outside the goal folds read by the encoder
    of the first goal fold (tuned on goal texts only, so it never saw them)."""
    split = GoalSplit.of(corpus)
    encoder = training.tuned_encoder(
        split.goals, split.usable & (split.folds != 0), seed=training.SEED, cache=cache
    )
    in_goals = {id(e) for e in split.goals.examples}
    rows = np.array(
        [training.is_label_example(e) and id(e) not in in_goals for e in corpus.examples]
    )
    x = corpus.x.copy()
    x[rows] = training.with_vectors(corpus.subset(rows), encoder).x
    return Corpus(corpus.examples, x, corpus.words)


def examples_of(corpus: Corpus, predicate: Callable[[Example], bool]) -> int:
    return sum(1 for e in corpus.examples if predicate(e))


TITLES = {
    "cv_all": "SDG goals, 5-fold CV grouped by indicator, all goal-labelled texts",
    "cv_metadata": "SDG goals, 5-fold CV, national SDG metadata texts (en, ko, fr)",
    "cv_sdg-titles": "SDG goals, 5-fold CV, goal/target/indicator titles (the encoder's languages)",
    "cv_upr": "SDG goals, 5-fold CV, UPR recommendations (OHCHR's SDG tags)",
    "heldout_korean": "SDG goals, held-out language: trained without Korean, tested on Korean",
    "upr_unseen": "SDG goals, independent expert labels: trained without UPR, tested on UPR",
}


def versus_published(balanced: float, interval: tuple[float, float]) -> str:
    """Say how the suggester stands against the published best: above or below only when
    the whole 95% interval (whole indicators resampled) is."""
    low, high = interval
    verdict = (
        "above it"
        if low > PUBLISHED_BEST
        else "below it"
        if high < PUBLISHED_BEST
        else "level with it (the interval holds it)"
    )
    return (
        f"Against the published best (about {PUBLISHED_BEST:.0%} on balanced yes/no questions "
        f"'is SDG n present?'): {balanced:.3f} on all held-out goal-labelled texts "
        f"(95% interval {low:.3f}-{high:.3f}, resampling whole indicators): {verdict}."
    )


def _summary_line(name: str, r: dict[str, Any]) -> str:
    micro, macro = r["micro"], r["macro"]
    low_high = macro.get("balanced_yes_no_interval")
    interval = f" [{low_high[0]:.3f}-{low_high[1]:.3f}]" if low_high else ""
    return (
        f"{name:<16} texts {r['texts']:>6}  threshold {r['threshold']:.2f}  "
        f"micro P {micro['precision']:.3f} R {micro['recall']:.3f} F1 {micro['f1']:.3f}  "
        f"macro F1 {macro['f1']:.3f}  yes/no acc {micro['accuracy']:.3f}  "
        f"balanced at threshold {macro['balanced_accuracy']:.3f}  "
        f"balanced yes/no acc {macro['balanced_yes_no']:.3f}{interval} "
        f"(micro {micro['balanced_yes_no']:.3f})  AUC {macro['auc']:.3f}  "
        f"top-1 {r['top1']:.3f}  "
        f"ECE {r['ece']:.3f}"
    )


def _label_table(r: dict[str, Any]) -> list[str]:
    lines = [
        f"  {'label':<48} {'n':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'bal':>6} "
        f"{'yes/no':>6} {'AUC':>6}"
    ]
    for row in r["per_label"]:
        lines.append(
            f"  {row['label'][:48]:<48} {row['support']:>5} {row['precision']:>6.3f} "
            f"{row['recall']:>6.3f} {row['f1']:>6.3f} {row['accuracy']:>6.3f} "
            f"{row['balanced_accuracy']:>6.3f} {row['balanced_yes_no']:>6.3f} {row['auc']:>6.3f}"
        )
    macro, micro = r["macro"], r["micro"]
    lines.append(
        f"  {'macro average':<48} {'':>5} {macro['precision']:>6.3f} {macro['recall']:>6.3f} "
        f"{macro['f1']:>6.3f} {macro['accuracy']:>6.3f} {macro['balanced_accuracy']:>6.3f} "
        f"{macro['balanced_yes_no']:>6.3f} {macro['auc']:>6.3f}"
    )
    lines.append(
        f"  {'micro average':<48} {micro['support']:>5} {micro['precision']:>6.3f} "
        f"{micro['recall']:>6.3f} {micro['f1']:>6.3f} {micro['accuracy']:>6.3f} "
        f"{micro['balanced_accuracy']:>6.3f} {micro['balanced_yes_no']:>6.3f}"
    )
    return lines


def format_report(results: dict[str, Any], *, per_label: bool = True) -> str:
    """Return the evaluation as text: summaries, per-label tables, recommended thresholds."""
    goals = results["goals"]
    lines = [
        (
            "Texts read by the encoder tuned, fold by fold, without the texts measured."
            if results.get("tuned_encoder")
            else "Texts read by the encoder as it ships (not tuned)."
        ),
        "Scores are out-of-fold: each text was scored by a model that never saw it (nor any",
        "text of its indicator). P precision, R recall, acc accuracy of the yes/no question",
        "'is this label present?' over every text and label; bal the same with as many yes as",
        "no questions (mean of recall and specificity), deciding at the suggestion threshold;",
        "yes/no the balanced question decided as such a question set asks: yes when the score",
        "is above the label's share of texts (its base rate); AUC the chance that a text with",
        "the label outscores one without; ECE calibration error of the scores; [low-high]",
        "the 95% interval of the balanced yes/no accuracy over resamples of whole indicators.",
        "",
    ]
    for key, title in TITLES.items():
        lines.append(title)
        lines.append(_summary_line(key, goals[key]))
        if per_label and key in ("cv_all", "heldout_korean", "upr_unseen"):
            lines.extend(_label_table(goals[key]))
        lines.append("")
    by_language = goals["top1_by_language"]
    lines.append("Top goal of held-out titles, by language (* the encoder's own languages)")
    lines.append(
        "  "
        + "  ".join(
            f"{lang}{'*' if lang.split('-')[0].lower() in training.ENCODER_LANGUAGES else ''} "
            f"{value:.2f}"
            for lang, value in by_language.items()
        )
    )
    lines.append("")
    t = goals["targets"]
    lines.append("SDG targets, 5-fold CV grouped by indicator")
    lines.append(
        f"targets          texts {t['texts']:>6}  top-1 target within the true goal "
        f"{t['top1_given_goal']:.3f}  top-1 target overall {t['top1']:.3f} "
        f"(Korean {t['top1_korean']:.3f})"
    )
    lines.append("")
    for family, title in (
        ("themes", "UHRI human rights themes, 5-fold CV on the UPR recommendations"),
        ("groups", "Affected groups, 5-fold CV on the UPR recommendations"),
    ):
        lines.append(f"{title} ({len(results[family]['per_label'])} labels)")
        lines.append(_summary_line(family, results[family]))
        if per_label:
            lines.extend(_label_table(results[family]))
        lines.append("")
    cv_all = goals["cv_all"]["macro"]
    lines.append(versus_published(cv_all["balanced_yes_no"], cv_all["balanced_yes_no_interval"]))
    lines.append("")
    from .model import suggesters

    shipped = suggesters()
    lines.append(
        f"Thresholds of the shipped weights: goals {shipped.goals.threshold:.2f}, "
        f"themes {shipped.themes.threshold:.2f}, groups {shipped.groups.threshold:.2f} "
        "(chosen the same way on all out-of-fold scores at training)."
    )
    lines.append(
        "Recommended thresholds (a label is predicted at or above): "
        f"goals {goals['cv_all']['threshold']:.2f}, themes {results['themes']['threshold']:.2f}, "
        f"groups {results['groups']['threshold']:.2f}."
    )
    return "\n".join(lines)
