"""The shipped suggesters: scores, determinism, and the same answer in Korean and English."""

import numpy as np
import pytest

from hrcities.classify.encoding import TextError
from hrcities.classify.model import suggesters
from hrcities.classify.services import classify_texts, suggest_for_text

# The same meaning in English and Korean, and the goal a reader would give it.
PAIRS = [
    (
        4,
        "Ensure that all girls and boys complete free primary and secondary education",
        "모든 여아와 남아가 무상 초등 및 중등 교육을 이수하도록 보장한다",
    ),
    (
        3,
        "Reduce maternal mortality and give everyone access to health care services",
        "모성 사망률을 줄이고 모든 사람에게 보건의료 서비스 접근을 보장한다",
    ),
    (
        6,
        "Provide safe drinking water and sanitation to every household",
        "모든 가구에 안전한 식수와 위생 시설을 제공한다",
    ),
    (
        5,
        "Eliminate all violence against women and girls, including domestic violence",
        "가정폭력을 포함한 여성과 여아에 대한 모든 폭력을 근절한다",
    ),
    (
        7,
        "Increase the share of renewable energy such as solar and wind power",
        "태양광과 풍력 같은 재생에너지 비중을 확대한다",
    ),
    (
        13,
        "Strengthen resilience and adaptive capacity to climate-related disasters",
        "기후 관련 재난에 대한 회복력과 적응 역량을 강화한다",
    ),
    (
        2,
        "End hunger and ensure access to safe and nutritious food",
        "기아를 종식하고 안전하고 영양가 있는 식량에 대한 접근을 보장한다",
    ),
    (
        14,
        "Protect marine ecosystems and reduce pollution of the ocean",
        "해양 생태계를 보호하고 해양 오염을 줄인다",
    ),
    (
        16,
        "Ensure equal access to justice for all and substantially reduce corruption and bribery",
        "모두에게 평등한 사법 접근을 보장하고 부패와 뇌물을 대폭 줄인다",
    ),
    (
        8,
        "Achieve full employment and decent work for all young people",
        "모든 청년을 위한 완전고용과 양질의 일자리를 달성한다",
    ),
]


def top_goal(text: str) -> int:
    return int(classify_texts([text])[0].probabilities["goals"].argmax()) + 1


@pytest.mark.parametrize(("goal", "english", "korean"), PAIRS, ids=[str(p[0]) for p in PAIRS])
def test_korean_and_english_of_the_same_meaning_get_the_same_top_goal(goal, english, korean):
    assert top_goal(english) == top_goal(korean) == goal


def test_every_score_is_a_probability_and_every_family_is_scored():
    result = classify_texts(["Provide shelter and legal aid to asylum seekers and refugees."])[0]
    model = suggesters()
    assert result.probabilities["goals"].shape == (17,)
    assert result.probabilities["targets"].shape == (len(model.targets.labels),)
    assert result.probabilities["themes"].shape == (len(model.themes.labels),)
    assert result.probabilities["groups"].shape == (len(model.groups.labels),)
    for scores in result.probabilities.values():
        assert np.all((scores >= 0) & (scores <= 1))


def test_the_same_text_gets_the_same_scores_every_time():
    text = "The city will open a shelter for victims of domestic violence."
    first, second = classify_texts([text, text])
    again = classify_texts([text])[0]
    for family in first.probabilities:
        assert np.allclose(first.probabilities[family], second.probabilities[family], atol=1e-6)
        assert np.allclose(first.probabilities[family], again.probabilities[family], atol=1e-6)
    assert suggest_for_text(text) == suggest_for_text(text)


def test_suggestions_name_labels_in_the_platform_vocabulary():
    labels = [
        label
        for label, _ in suggest_for_text(
            "Ratify the Convention on the Rights of Persons with Disabilities and ensure "
            "inclusive education for children with disabilities."
        )
    ]
    assert "group:persons-with-disabilities" in labels
    assert any(label.startswith("sdg:") for label in labels)
    assert all(label.split(":")[0] in {"sdg", "sdg-target", "theme", "group"} for label in labels)


def test_a_target_is_never_more_likely_than_its_goal():
    result = classify_texts(["Halve the proportion of people living in poverty."])[0]
    model = suggesters()
    goals = result.probabilities["goals"]
    for label, score in zip(model.targets.labels, result.probabilities["targets"], strict=True):
        assert score <= goals[int(label.split(".")[0]) - 1] + 1e-6


@pytest.mark.parametrize("bad", ["", None, 3.5, "x" * 100_001])
def test_bad_input_is_refused(bad):
    with pytest.raises(TextError):
        classify_texts(["A good text about housing.", bad])


def test_the_weights_ship_with_a_threshold_per_family():
    model = suggesters()
    for family in ("goals", "targets", "themes", "groups"):
        assert 0 < model.head(family).threshold < 1
    assert model.goals.labels == [str(n) for n in range(1, 18)]
    # Every goal weighs its three parts (vector, words, neighbours), each with some say.
    assert model.goals.a.shape == (17, 3) and (model.goals.a > 0).all()
