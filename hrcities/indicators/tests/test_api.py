"""The indicators API: reads with status, writes by the city's editors only, CSV both ways."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from hrcities.indicators.models import Indicator, Observation

from .factories import make_indicator, observe

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client, method, path, body, key):
    return getattr(client, method)(
        path, json.dumps(body), content_type="application/json", **bearer(key)
    )


@pytest.fixture
def turnout(gwangju):
    indicator = make_indicator(
        gwangju,
        code="1-1",
        baseline_year=2020,
        baseline_value=Decimal("50"),
        target_year=2030,
        target_value=Decimal("100"),
    )
    observe(indicator, 2020, 50)
    observe(indicator, 2024, 69)
    return indicator


def test_indicators_are_listed_with_their_status(client, turnout, busan):
    make_indicator(busan, code="B-1")
    listed = client.get("/api/indicators/", {"city": "gwangju"}).json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert item["code"] == "1-1"
    assert item["status"]["status"] == "substantial"
    assert item["status"]["ratio"] == pytest.approx(0.95)
    assert item["status"]["required_value"] == "70"


def test_one_indicator_with_its_definitions_and_values(client, turnout):
    detail = client.get("/api/indicators/cities/gwangju/1-1").json()
    assert detail["definition_version"] == 1
    assert [d["number"] for d in detail["definitions"]] == [1]
    values = client.get("/api/indicators/cities/gwangju/1-1/observations").json()
    assert [(o["year"], o["value"], o["unit"]) for o in values["items"]] == [
        (2020, "50", "%"),
        (2024, "69", "%"),
    ]


def test_a_citys_progress_by_domain(client, turnout):
    progress = client.get("/api/indicators/cities/gwangju").json()
    assert progress["summary"]["by_status"] == {"substantial": 1}
    assert progress["domains"][0]["indicators"][0]["status"]["status"] == "substantial"
    earlier = client.get("/api/indicators/cities/gwangju", {"year": 2023}).json()
    assert earlier["summary"]["by_status"] == {"not_enough_data": 1}


def test_an_editor_defines_records_changes_and_deletes(client, gwangju_editor, api_token, gwangju):
    key = api_token(gwangju_editor)
    created = send(
        client,
        "post",
        "/api/indicators/",
        {
            "city": "gwangju",
            "code": "3-2",
            "names": {"en": "Fine dust days", "ko": "미세먼지 일수"},
            "unit": "days",
            "formula": "Days above the standard",
            "polarity": "lower",
            "target_year": 2030,
            "target_value": "30",
        },
        key,
    )
    assert created.status_code == 201, created.json()
    assert created.json()["polarity"] == "lower"
    value = send(
        client,
        "post",
        "/api/indicators/cities/gwangju/3-2/observations",
        {"year": 2022, "value": "48", "disaggregation": {"district": "Buk-gu"}},
        key,
    )
    assert value.status_code == 201
    observation_id = value.json()["id"]
    changed = send(
        client,
        "patch",
        f"/api/indicators/observations/{observation_id}",
        {"version": 1, "value": "47"},
        key,
    )
    assert changed.json()["value"] == "47"
    stale = send(
        client, "patch", f"/api/indicators/observations/{observation_id}", {"version": 1}, key
    )
    assert stale.status_code == 409
    revised = send(
        client,
        "patch",
        "/api/indicators/cities/gwangju/3-2",
        {"version": 1, "formula": "Days above the new standard", "from_year": 2023},
        key,
    )
    assert revised.json()["definition_version"] == 2
    gone = client.delete(f"/api/indicators/observations/{observation_id}", **bearer(key))
    assert gone.status_code == 204
    assert not Observation.objects.exists()


def test_an_editor_of_another_city_is_refused_everywhere(client, busan_editor, api_token, turnout):
    key = api_token(busan_editor)
    row = turnout.observations.first()
    attempts = [
        send(
            client,
            "post",
            "/api/indicators/",
            {"city": "gwangju", "code": "x", "names": {"en": "X"}, "unit": "%", "formula": "f"},
            key,
        ),
        send(
            client,
            "post",
            "/api/indicators/cities/gwangju/1-1/observations",
            {"year": 2025, "value": "1"},
            key,
        ),
        send(
            client, "patch", "/api/indicators/cities/gwangju/1-1", {"version": 1, "unit": "x"}, key
        ),
        send(
            client,
            "patch",
            f"/api/indicators/observations/{row.pk}",
            {"version": 1, "value": 1},
            key,
        ),
        client.delete(f"/api/indicators/observations/{row.pk}", **bearer(key)),
        client.post(
            "/api/indicators/cities/gwangju/import",
            {"file": _file(b"Year,Value\r\n2025,1\r\n"), "indicator": "1-1"},
            **bearer(key),
        ),
    ]
    assert [a.status_code for a in attempts] == [403] * 6
    assert attempts[-1]["Content-Type"] == "application/problem+json"
    assert not Indicator.objects.filter(code="x").exists()
    assert turnout.observations.count() == 2


def test_writes_need_a_token(client, turnout):
    response = client.post(
        "/api/indicators/cities/gwangju/1-1/observations",
        json.dumps({"year": 2025, "value": "1"}),
        content_type="application/json",
    )
    assert response.status_code == 401


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("values.csv", data, "text/csv")


def test_the_import_answers_every_bad_row_as_a_problem(client, gwangju_editor, api_token, turnout):
    key = api_token(gwangju_editor)
    response = client.post(
        "/api/indicators/cities/gwangju/import",
        {"file": _file(b"Indicator,Year,Value\r\n1-1,2025,70\r\nnope,2025,1\r\n1-1,2026,x\r\n")},
        **bearer(key),
    )
    assert response.status_code == 422
    problem = response.json()
    assert [(e["row"], e["field"]) for e in problem["errors"]] == [(3, "Indicator"), (4, "Value")]
    assert not turnout.observations.filter(year=2025).exists()


def test_export_and_import_round_trip_through_the_api(client, gwangju_editor, api_token, turnout):
    key = api_token(gwangju_editor)
    exported = client.get("/api/indicators/cities/gwangju/export.csv", {"indicator": "1-1"})
    assert exported.content.decode().splitlines() == ["Year,Units,Value", "2020,%,50", "2024,%,69"]
    report = client.post(
        "/api/indicators/cities/gwangju/import",
        {"file": _file(exported.content), "indicator": "1-1"},
        **bearer(key),
    ).json()
    assert report == {"created": 0, "updated": 0, "unchanged": 2}


def test_unpublished_indicators_are_not_served_to_the_public(client, gwangju):
    make_indicator(gwangju, code="draft", is_published=False)
    assert client.get("/api/indicators/cities/gwangju/draft").status_code == 404
    assert client.get("/api/indicators/").json()["count"] == 0


def test_a_draft_indicators_tags_are_hidden_like_the_draft(client, gwangju, gwangju_editor):
    draft = make_indicator(gwangju, code="draft-tags", is_published=False)
    url = f"/api/records/indicators.indicator/{draft.pk}/tags"
    assert client.get(url).status_code == 404
    client.force_login(gwangju_editor)
    assert client.get(url).status_code == 200
