from __future__ import annotations

import json

import pytest

from hrcities.core.models import Revision
from hrcities.taxonomy.models import HumanRightsTheme

pytestmark = pytest.mark.django_db


def test_goals_are_paginated_with_a_count(client):
    body = client.get("/api/taxonomy/goals", {"limit": 5}).json()
    assert body["count"] == 17
    assert len(body["items"]) == 5
    assert body["items"][0]["number"] == 1


def test_goal_titles_come_in_every_language_and_the_requested_one(client):
    body = client.get("/api/taxonomy/goals/1", {"lang": "ko"}).json()
    assert body["title"] == "모든 곳에서 모든 형태의 빈곤 퇴치"
    assert body["titles"]["en"] == "End poverty in all its forms everywhere"
    assert "fr" in body["titles"]
    assert [t["code"] for t in body["targets"]][:2] == ["1.1", "1.2"]
    english = client.get("/api/taxonomy/goals/1").json()
    assert english["title"] == "End poverty in all its forms everywhere"


def test_indicators_filter_by_target_and_show_their_other_codes(client):
    body = client.get("/api/taxonomy/indicators", {"target": "11.5"}).json()
    first = next(item for item in body["items"] if item["code"] == "11.5.1")
    assert first["canonical"] == "1.5.1"
    assert sorted(first["also_under"]) == ["1.5.1", "13.1.1"]
    assert client.get("/api/taxonomy/indicators", {"goal": 1}).json()["count"] == 14


def test_targets_filter_by_goal(client):
    assert client.get("/api/taxonomy/targets", {"goal": 17}).json()["count"] == 19


def test_recommendations_filter_as_on_the_page(client):
    body = client.get("/api/taxonomy/recommendations", {"cycle": 2, "position": "Noted"}).json()
    assert body["count"] > 0
    assert all(item["cycle"] == 2 and item["position"] == "Noted" for item in body["items"])
    all_recs = client.get("/api/taxonomy/recommendations", {"limit": 1}).json()
    assert all_recs["count"] == 632
    by_goal = client.get("/api/taxonomy/recommendations", {"goal": 16, "theme": "migrants"})
    assert all(16 in item["sdg_goals"] for item in by_goal.json()["items"])


def test_anonymous_cannot_add_a_theme(client):
    response = client.post(
        "/api/taxonomy/themes", json.dumps({"name": "Right to the city"}), "application/json"
    )
    assert response.status_code == 401


def test_a_member_who_is_not_an_admin_cannot_add_a_theme(client, reader, api_token):
    response = client.post(
        "/api/taxonomy/themes",
        json.dumps({"name": "Right to the city"}),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(reader)}",
    )
    assert response.status_code == 403
    assert not HumanRightsTheme.objects.filter(slug="right-to-the-city").exists()


def test_a_network_admin_adds_changes_and_deletes_a_theme_with_revisions(client, admin, api_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token(admin)}"}
    created = client.post(
        "/api/taxonomy/themes",
        json.dumps({"name": "Right to the city", "names": {"ko": "도시에 대한 권리"}}),
        "application/json",
        **auth,
    )
    assert created.status_code == 201
    assert created.json()["slug"] == "right-to-the-city"
    changed = client.patch(
        "/api/taxonomy/themes/right-to-the-city",
        json.dumps({"version": 1, "aliases": ["Right to the City"]}),
        "application/json",
        **auth,
    )
    assert changed.status_code == 200
    assert changed.json()["aliases"] == ["Right to the City"]
    assert changed.json()["version"] == 2
    stale = client.patch(
        "/api/taxonomy/themes/right-to-the-city",
        json.dumps({"version": 1, "category": "x"}),
        "application/json",
        **auth,
    )
    assert stale.status_code == 409
    deleted = client.delete("/api/taxonomy/themes/right-to-the-city", **auth)
    assert deleted.status_code == 204
    assert not HumanRightsTheme.objects.filter(slug="right-to-the-city").exists()
    assert Revision.objects.filter(object_repr="Right to the city").count() == 3


def test_a_signed_in_admin_edits_a_group_in_the_browser_session(signed_in, admin):
    client = signed_in(admin)
    response = client.patch(
        "/api/taxonomy/groups/children",
        json.dumps({"version": 1, "names": {"ko": "아동"}}),
        "application/json",
    )
    assert response.status_code == 200
    assert (
        client.get("/api/taxonomy/groups/children", {"lang": "ko"}).json()["display_name"] == "아동"
    )


def test_a_non_admin_cannot_delete_a_group(client, reader, api_token):
    response = client.delete(
        "/api/taxonomy/groups/children", HTTP_AUTHORIZATION=f"Bearer {api_token(reader)}"
    )
    assert response.status_code == 403


def test_a_duplicate_theme_slug_is_refused_clearly(client, admin, api_token):
    response = client.post(
        "/api/taxonomy/themes",
        json.dumps({"name": "Right to health"}),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(admin)}",
    )
    assert response.status_code == 422
    assert "slug" in response.json()["detail"]


def test_every_taxonomy_operation_has_a_summary(client):
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        if path.startswith("/api/taxonomy/"):
            for method, operation in operations.items():
                assert operation.get("summary"), f"{method} {path}"
