import json
from pathlib import Path

import pytest

from hrcities.commitments.models import Action, Declaration
from hrcities.taxonomy.models import SdgGoal

from .builders import action, declaration_with, status

pytestmark = pytest.mark.django_db
DECLARATION = (
    Path(__file__).resolve().parents[1] / "data" / "2020-whrcf-final-declaration.txt"
).read_text(encoding="utf-8")


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, body, key):
    return client.post(path, json.dumps(body), content_type="application/json", **bearer(key))


def patch(client, path, body, key):
    return client.patch(path, json.dumps(body), content_type="application/json", **bearer(key))


def test_a_dry_run_parses_the_2020_declaration_and_saves_nothing(client, admin, api_token):
    response = post(
        client,
        "/api/commitments/declarations",
        {"text": DECLARATION, "dry_run": True},
        api_token(admin),
    )

    assert response.status_code == 200
    body = response.json()
    assert (len(body["preamble"]), len(body["promises"])) == (17, 5)
    assert "Scroll to Top" not in json.dumps(body["preamble"] + body["promises"] + body["unplaced"])
    assert not Declaration.objects.exists()


def test_ingesting_stores_clauses_and_a_commitment_per_promise(client, admin, api_token):
    response = post(
        client,
        "/api/commitments/declarations",
        {"text": DECLARATION, "start_date": "2020-10-07", "end_date": "2020-10-10"},
        api_token(admin),
    )

    assert response.status_code == 201
    document = response.json()
    assert len(document["preamble"]) == 17
    assert [c["number"] for c in document["commitments"]] == [1, 2, 3, 4, 5]
    assert "central-governments" in document["commitments"][1]["addressees"]
    assert document["commitments"][4]["text"].startswith(
        "We recognize that the history and memories"
    )
    assert client.get(f"/api/commitments/declarations/{document['slug']}").json() == document


def test_only_network_admins_ingest_declarations(client, gwangju_editor, api_token):
    response = post(
        client, "/api/commitments/declarations", {"text": DECLARATION}, api_token(gwangju_editor)
    )
    assert response.status_code == 403
    assert (
        client.post(
            "/api/commitments/declarations", {"text": "x"}, content_type="application/json"
        ).status_code
        == 401
    )


def test_an_editor_adds_and_changes_an_action_for_their_city_only(
    client, gwangju_editor, api_token, gwangju, busan
):
    SdgGoal.objects.update_or_create(number=11, defaults={"titles": {"en": "Sustainable cities"}})
    declaration = declaration_with(2, slug="whrcf")
    key = api_token(gwangju_editor)
    body = {
        "commitment": "whrcf/1",
        "city": "gwangju",
        "title": "Human rights ordinance",
        "status": "in-progress",
        "progress": 40,
        "tags": ["sdg:11"],
    }

    created = post(client, "/api/commitments/actions", body, key)
    assert created.status_code == 201, created.content
    assert created.json()["own_progress"] == 40
    refused = post(client, "/api/commitments/actions", {**body, "city": "busan"}, key)
    assert refused.status_code == 403

    action_id = created.json()["id"]
    changed = patch(
        client,
        f"/api/commitments/actions/{action_id}",
        {"version": 1, "status": "completed", "progress": None},
        key,
    )
    assert changed.status_code == 200
    assert changed.json()["own_progress"] == 100
    stale = patch(
        client, f"/api/commitments/actions/{action_id}", {"version": 1, "title": "Late"}, key
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    progress = client.get("/api/commitments/declarations/whrcf").json()
    assert progress["commitments"][0]["progress"] == 100
    assert progress["progress"] == 50
    assert progress["commitments"][0]["actions"][0]["tags"] == ["sdg:11"]
    assert Action.objects.get().title == "Human rights ordinance"
    assert declaration.pk


def test_an_editor_cannot_change_or_delete_another_citys_action(
    client, gwangju_editor, api_token, busan
):
    theirs = action(declaration_with(1, slug="d").commitments.get(), busan)
    key = api_token(gwangju_editor)

    assert (
        patch(
            client,
            f"/api/commitments/actions/{theirs.pk}",
            {"version": 1, "title": "Mine now"},
            key,
        ).status_code
        == 403
    )
    assert client.delete(f"/api/commitments/actions/{theirs.pk}", **bearer(key)).status_code == 403
    assert Action.objects.get(pk=theirs.pk).title != "Mine now"


def test_unknown_references_are_named_in_the_problem(client, gwangju_editor, api_token, gwangju):
    declaration_with(1, slug="d")
    response = post(
        client,
        "/api/commitments/actions",
        {"commitment": "d/7", "city": "gwangju", "title": "x"},
        api_token(gwangju_editor),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "commitment", "detail": "Unknown commitment “d/7”."}
    ]


def test_endorsing_and_the_timeline(client, gwangju_editor, api_token, gwangju):
    declaration_with(1, slug="d")
    key = api_token(gwangju_editor)

    endorsed = post(
        client,
        "/api/commitments/declarations/d/commitments/1/endorsements",
        {"city": "gwangju"},
        key,
    )
    again = post(
        client,
        "/api/commitments/declarations/d/commitments/1/endorsements",
        {"city": "gwangju"},
        key,
    )
    created = post(
        client,
        "/api/commitments/actions",
        {"commitment": "d/1", "city": "gwangju", "title": "Plan", "start_date": "2030-01-01"},
        key,
    )
    post(
        client,
        f"/api/commitments/actions/{created.json()['id']}/milestones",
        {"date": "2030-06-01", "text": "First hearing"},
        key,
    )

    assert endorsed.status_code == 201
    assert again.status_code == 422 and "already endorses" in again.json()["detail"]
    events = client.get("/api/commitments/declarations/d/commitments/1/timeline").json()
    assert [e["kind"] for e in events] == ["endorsement", "action", "milestone"]
    assert events[2]["text"] == "“Plan”: First hearing"


def test_the_csv_import_reports_every_bad_row_as_a_problem(
    client, gwangju_editor, api_token, gwangju
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrcities.commitments.exchange import COLUMNS

    declaration_with(1, slug="d")
    data = (
        ",".join(COLUMNS) + "\n,,d/1,,gwangju,,,,,,planned,,1,\n,,d/2,,gwangju,,x,,,,planned,,1,\n"
    ).encode()
    response = client.post(
        "/api/commitments/actions/import",
        {"file": SimpleUploadedFile("actions.csv", data, content_type="text/csv")},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"row": 2, "field": "title", "detail": "A title is required."} in errors
    assert any(e["row"] == 3 and e["field"] == "commitment" for e in errors)
    assert not Action.objects.exists()


def test_evidence_files_are_judged_by_their_content(client, gwangju_editor, api_token, gwangju):
    from django.core.files.uploadedfile import SimpleUploadedFile

    mine = action(
        declaration_with(1, slug="d").commitments.get(), gwangju, status=status("planned")
    )
    key = api_token(gwangju_editor)
    url = f"/api/commitments/actions/{mine.pk}/evidence"

    pdf = client.post(
        url,
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes")},
        **bearer(key),
    )
    disguised = client.post(
        url,
        {
            "title": "Photo",
            "file": SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script>"),
        },
        **bearer(key),
    )

    assert pdf.status_code == 201 and pdf.json()["content_type"] == "application/pdf"
    assert disguised.status_code == 422
    assert "photo.jpg" in disguised.json()["detail"]


def test_declarations_are_listed_with_their_progress(client, gwangju):
    declaration = declaration_with(2, slug="whrcf")
    action(declaration.commitments.get(number=1), gwangju, progress=50)

    listed = client.get("/api/commitments/declarations").json()

    assert listed["count"] == 1
    assert listed["items"][0]["slug"] == "whrcf"
    assert listed["items"][0]["progress"] == 25.0
