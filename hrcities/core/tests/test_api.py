import json
from pathlib import Path

import pytest
from ninja import Router

from config.api import openapi_document
from hrcities.core.apiutils import router_of_parts
from hrcities.core.services import create_record, revisions_for, update_record
from hrcities.network.models import City
from hrcities.network.tests.factories import make_country

ROOT = Path(__file__).resolve().parents[3]


def test_the_openapi_document_matches_the_committed_one():
    committed = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
    generated = json.loads(json.dumps(openapi_document(), sort_keys=True))

    assert generated == committed, "The API changed: run `make openapi` and commit openapi.json."


@pytest.mark.django_db
def test_the_openapi_document_is_served(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/network/cities" in response.json()["paths"]


@pytest.mark.django_db
def test_the_api_docs_page_loads_its_scripts_from_the_site_itself(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "unpkg" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html


@pytest.mark.django_db
def test_an_unknown_record_kind_answers_a_problem(client):
    response = client.get("/api/records/nothing.here/1/revisions")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and "nothing.here" in body["detail"]
    assert body["instance"] == "/api/records/nothing.here/1/revisions"


@pytest.mark.django_db
def test_an_offset_past_the_end_gives_an_empty_page_however_far(client, gwangju):
    near = client.get("/api/network/cities?offset=1")
    far = client.get(f"/api/network/cities?offset={10**20}")

    assert near.status_code == far.status_code == 200
    assert (near.json()["count"], near.json()["items"]) == (1, [])
    assert (far.json()["count"], far.json()["offset"], far.json()["items"]) == (1, 10**20, [])


@pytest.mark.django_db
def test_a_page_beyond_the_limit_is_refused_naming_the_field(client, gwangju):
    response = client.get(f"/api/records/network.city/{gwangju.pk}/revisions?limit=100000")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.limit"


@pytest.mark.django_db
def test_revisions_of_a_record_are_readable_and_restorable_by_its_editor(
    client, gwangju_editor, busan_editor, api_token
):
    city = create_record(
        City,
        by=gwangju_editor,
        slug="mokpo",
        names={"en": "Mokpo"},
        country=make_country("KR"),
        latitude=34.8,
        longitude=126.4,
    )
    gwangju_editor.roles.create(role="editor", city=city)
    update_record(city, {"year_declared": 2011}, by=gwangju_editor, based_on_version=1)

    listed = client.get(f"/api/records/network.city/{city.pk}/revisions").json()
    assert listed["count"] == 2
    assert [r["version"] for r in listed["items"]] == [2, 1]
    assert listed["items"][0]["changes"] == {"year_declared": [None, 2011]}

    first = revisions_for(city).get(version=1)
    refused = client.post(
        f"/api/records/revisions/{first.pk}/restore",
        HTTP_AUTHORIZATION=f"Bearer {api_token(busan_editor)}",
    )
    assert refused.status_code == 403
    restored = client.post(
        f"/api/records/revisions/{first.pk}/restore",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )
    assert restored.status_code == 200
    assert restored.json()["version"] == 3
    city.refresh_from_db()
    assert city.year_declared is None


@pytest.mark.django_db
def test_malformed_json_is_refused_with_a_problem(client, reader, api_token):
    response = client.post(
        "/api/accounts/tokens",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(reader)}",
    )

    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_an_unknown_api_address_answers_a_problem_not_a_page(client):
    response = client.get("/api/nowhere")

    assert response.status_code == 404
    assert response.json()["title"] == "Not found"


def test_an_api_split_into_parts_refuses_a_path_served_by_two_of_them():
    listing, editing = Router(), Router()
    listing.get("/actions")(lambda request: [])
    editing.post("/actions")(lambda request: {})

    with pytest.raises(ValueError, match="the path /actions is in two parts"):
        router_of_parts([listing, editing], tag="demo", operation_id_prefix="demo_api_")


def test_an_api_split_into_parts_refuses_a_fixed_path_an_earlier_pattern_would_take():
    records, exchange = Router(), Router()
    records.get("/measures/{measure_id}")(lambda request, measure_id: {})
    exchange.post("/measures/import")(lambda request: {})

    with pytest.raises(ValueError, match="/measures/{measure_id} comes before /measures/import"):
        router_of_parts([records, exchange], tag="demo", operation_id_prefix="demo_api_")
    router_of_parts([exchange, records], tag="demo", operation_id_prefix="demo_api_")


def test_the_openapi_document_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(json.loads(json.dumps(openapi_document())))


def test_each_operation_lists_the_problems_it_can_answer():
    paths = openapi_document()["paths"]

    def statuses(path, method):
        return sorted(paths[path][method]["responses"])

    # A public read by id: a bad token, an unknown id, an id that is not a number.
    assert statuses("/api/archive/items/{item_id}", "get") == ["200", "401", "404", "422"]
    # A versioned edit: every problem, the conflict with its current version too.
    assert statuses("/api/archive/items/{item_id}", "patch") == [
        "200", "400", "401", "403", "404", "409", "422",
    ]  # fmt: skip
    # A record named in the query rather than the path.
    assert "404" in statuses("/api/emergency/watch", "get")
    problem = paths["/api/archive/items/{item_id}"]["patch"]["responses"]["409"]
    assert problem["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }


def test_two_schemas_of_one_name_get_a_name_each_in_the_document():
    schemas = openapi_document()["components"]["schemas"]

    # Partnership.Kind and Relation.Kind are two enumerations.
    assert "exchange" in schemas["Kind"]["enum"]
    assert "depicts" in schemas["RelationKind"]["enum"]
    assert schemas["PersonOut"]["properties"].keys() != schemas["ArchivePersonOut"]["properties"]


def test_an_answer_the_document_does_not_list_is_reported_with_its_operation():
    from .openapi_answers import undocumented

    assert undocumented("GET", "/api/archive/items/7", 404) is None
    assert undocumented("GET", "/api/archive/items/7", 409) == (
        "GET /api/archive/items/{item_id} answered 409, documented: 200, 401, 404, 422"
    )
    assert undocumented("GET", "/api/no-such-operation", 404) is None
    assert undocumented("GET", "/oai", 200) is None


@pytest.mark.django_db
def test_a_control_character_in_an_api_address_or_body_is_refused_before_the_database(
    client, reader, api_token
):
    # PostgreSQL refuses NUL outright: it must never reach a query.
    query = client.get("/api/network/cities?q=a%00b")
    path = client.get("/api/network/cities/a%00b")
    body = client.post(
        "/api/accounts/tokens",
        {"name": "laptop\x00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(reader)}"},
    )

    assert query.status_code == 422
    assert query.json()["errors"][0]["field"] == "query.q"
    assert "U+0000" in query.json()["errors"][0]["detail"]
    assert path.status_code == 404 and path["Content-Type"] == "application/problem+json"
    assert body.status_code == 422 and body.json()["errors"][0]["field"] == "name"
