"""A researcher posts any text and reads the goals, targets, themes and groups it is about."""

import pytest

pytestmark = pytest.mark.django_db

WATER = "Provide safe drinking water and sanitation to every household in informal settlements."
WATER_KO = "비공식 정착지의 모든 가구에 안전한 식수와 위생 시설을 제공한다."


def classify(client, **body):
    return client.post("/api/classify", body, content_type="application/json")


def test_a_text_about_water_is_about_goal_6_named_and_suggested(client, sdg_goals):
    answer = classify(client, text=WATER)
    assert answer.status_code == 200
    body = answer.json()
    best = body["goals"][0]
    assert best["label"] == "sdg:6"
    assert best["name"] == "6. G6" and "/6" in best["url"]
    assert best["suggested"] is True and best["score"] >= body["thresholds"]["goals"]
    assert [g["score"] for g in body["goals"]] == sorted(
        (g["score"] for g in body["goals"]), reverse=True
    )
    assert len(body["goals"]) == 5 and len(body["themes"]) == 5


def test_korean_text_finds_the_same_goal(client, sdg_goals):
    body = classify(client, text=WATER_KO).json()
    assert body["goals"][0]["label"] == "sdg:6"


def test_a_label_below_its_threshold_is_listed_but_not_suggested(client, sdg_goals):
    body = classify(client, text=WATER, top=17).json()
    assert len(body["goals"]) == 17
    low = [g for g in body["goals"] if g["score"] < body["thresholds"]["goals"]]
    assert low and not any(g["suggested"] for g in low)
    # Targets sit inside goals: the best target of the best goal is one of goal 6's.
    assert body["targets"][0]["label"].startswith("sdg-target:6.")


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"text": "   "}, "text", "empty"),
        ({"text": "1234 5678 !!"}, "text", "no words"),
        ({"text": "x" * 100_001}, "text", "limit is 100,000"),
        ({"text": WATER, "top": 0}, "top", "greater than or equal to 1"),
        ({"text": 12}, "text", "string"),
        ({}, "text", "required"),
    ],
)
def test_bad_input_is_refused_naming_the_field(client, body, field, says):
    answer = classify(client, **body)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["errors"][0]["field"] == field
    assert says in problem["detail"]


def test_the_operation_is_in_the_published_document(client):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/classify"]["post"]
    assert operation["operationId"] == "hrcities_classify_api_classify"


def test_an_anonymous_client_is_slowed_after_sixty_texts_a_minute(client, sdg_goals):
    from django.core.cache import cache

    cache.clear()
    try:
        answers = [classify(client, text=WATER).status_code for _ in range(61)]
    finally:
        cache.clear()
    assert answers[:60] == [200] * 60
    assert answers[60] == 429


def test_a_signed_in_reader_is_counted_apart_from_anonymous_callers(
    client, signed_in, admin, sdg_goals
):
    from django.core.cache import cache

    cache.clear()
    try:
        anonymous = [classify(client, text=WATER).status_code for _ in range(61)]
        reader = classify(signed_in(admin), text=WATER).status_code
    finally:
        cache.clear()
    assert anonymous[-1] == 429 and reader == 200
