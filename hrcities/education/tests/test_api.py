"""The education API: what each caller reads, what they may change, and the clear answer
for everything else (404 for what they may not see, 403 for what they may not change,
422 for a link to a record they may not see or bad input)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.access.tiers import Publication
from hrcities.education import services
from hrcities.education.models import Programme

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def as_user(client, api_token):
    """Return a function that gives the headers of an API call by `user`."""

    def headers(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token(user)}"}

    return headers


@pytest.fixture
def published(gwangju):
    return make_programme(
        gwangju, slug="memory-walk", titles={"en": "Memory walk", "ko": "기억 걷기"}
    )


@pytest.fixture
def draft(gwangju, gwangju_editor):
    return services.create_programme(
        by=gwangju_editor, city=gwangju, titles={"en": "Unfinished lantern plan"}
    )


def post(client, path, body, headers):
    return client.post(path, body, content_type="application/json", **headers)


def patch(client, path, body, headers):
    return client.patch(path, body, content_type="application/json", **headers)


def test_the_public_lists_and_reads_published_programmes_only(client, published, draft):
    listed = client.get("/api/education/programmes").json()

    assert [p["title"] for p in listed["items"]] == ["Memory walk"]
    assert listed["count"] == 1
    assert (
        client.get(f"/api/education/programmes/{published.pk}").json()["titles"]["ko"]
        == "기억 걷기"
    )
    assert client.get(f"/api/education/programmes/{draft.pk}").status_code == 404


def test_a_draft_answers_another_citys_editor_as_if_it_did_not_exist(
    client, draft, busan_editor, gwangju_editor, as_user
):
    missing = client.get("/api/education/programmes/999999", **as_user(busan_editor)).json()
    hidden = client.get(f"/api/education/programmes/{draft.pk}", **as_user(busan_editor))

    assert hidden.status_code == 404
    assert hidden.json()["detail"] == missing["detail"]
    mine = client.get(f"/api/education/programmes/{draft.pk}", **as_user(gwangju_editor))
    assert mine.json()["status"] == "draft"


def test_an_editor_adds_a_draft_for_their_city_and_not_for_another(
    client, gwangju, busan, gwangju_editor, as_user
):
    body = {"city": "gwangju", "titles": {"en": "Rights at the market"}, "languages": ["ko"]}

    made = post(client, "/api/education/programmes", body, as_user(gwangju_editor))
    refused = post(
        client, "/api/education/programmes", {**body, "city": "busan"}, as_user(gwangju_editor)
    )

    assert made.status_code == 201
    assert made.json()["status"] == "draft" and made.json()["city"] == "gwangju"
    assert refused.status_code == 403
    assert "busan" in refused.json()["detail"].lower()
    assert Programme.objects.count() == 1


def test_another_citys_programme_cannot_be_changed_and_a_stale_version_conflicts(
    client, published, busan_editor, gwangju_editor, as_user
):
    path = f"/api/education/programmes/{published.pk}"
    body = {"version": published.version, "titles": {"en": "Taken over"}}

    assert patch(client, path, body, as_user(busan_editor)).status_code == 403
    changed = patch(
        client, path, {**body, "titles": {"en": "Memory walk 2"}}, as_user(gwangju_editor)
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Memory walk 2"
    stale = patch(client, path, body, as_user(gwangju_editor))
    assert stale.status_code == 409
    published.refresh_from_db()
    assert published.title == "Memory walk 2"


def test_a_link_to_a_draft_of_another_city_is_refused_as_unknown(
    client, busan, draft, busan_editor, as_user
):
    body = {"city": "busan", "titles": {"en": "Copy"}, "adapted_from": draft.pk}

    answer = post(client, "/api/education/programmes", body, as_user(busan_editor))

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "adapted_from"
    assert "Unfinished" not in answer.content.decode()


def test_another_city_adapts_a_programme_and_the_lineage_shows_both_ways(
    client, busan, published, busan_editor, as_user
):
    answer = post(
        client,
        f"/api/education/programmes/{published.pk}/adapt",
        {
            "city": "busan",
            "titles": {"en": "Harbour memory walk"},
            "adaptation_kinds": ["local-history"],
        },
        as_user(busan_editor),
    )

    assert answer.status_code == 201
    adaptation = answer.json()
    assert adaptation["city"] == "busan" and adaptation["adapted_from"] == published.pk
    assert "local-history" in adaptation["adaptation_kinds"]
    down = client.get(f"/api/education/programmes/{published.pk}/lineage", **as_user(busan_editor))
    up = client.get(
        f"/api/education/programmes/{adaptation['id']}/lineage", **as_user(busan_editor)
    )
    assert [p["id"] for p in down.json()["adaptations"]] == [adaptation["id"]]
    assert [p["id"] for p in up.json()["adapted_from"]] == [published.pk]
    # The adaptation is a draft: the public reads the source without it.
    public = client.get(f"/api/education/programmes/{published.pk}/lineage").json()
    assert public["adaptations"] == []


def test_a_session_is_recorded_with_counts_and_totals(client, published, gwangju_editor, as_user):
    path = f"/api/education/programmes/{published.pk}/sessions"
    body = {
        "starts_on": "2024-05-18",
        "participants": 30,
        "counts": {"sex": {"Female": 18, "Male": 12}},
        "findings": {"en": "Most wanted a second walk."},
    }

    made = post(client, path, body, as_user(gwangju_editor))

    assert made.status_code == 201
    assert made.json()["counts"] == {"sex": {"Female": 18, "Male": 12}}
    detail = client.get(f"/api/education/programmes/{published.pk}").json()
    assert detail["totals"] == {"sessions": 1, "participants": 30}
    assert client.get(path).json()[0]["findings"]["en"] == "Most wanted a second walk."


@pytest.mark.parametrize(
    "change, field",
    [
        ({"counts": {"sex": {"Female": 40}}}, "count_sex"),
        ({"starts_on": "1850-01-01"}, "starts_on"),
        ({"starts_on": "2024-13-40"}, "starts_on"),
        ({"counts": {"shoe-size": {"42": 1}}}, "counts"),
    ],
)
def test_a_bad_session_is_refused_naming_the_field_and_nothing_is_kept(
    client, published, gwangju_editor, as_user, change, field
):
    body = {"starts_on": "2024-05-18", "participants": 30, **change}

    answer = post(
        client, f"/api/education/programmes/{published.pk}/sessions", body, as_user(gwangju_editor)
    )

    assert answer.status_code == 422
    assert field in [e["field"] for e in answer.json()["errors"]]
    assert not published.sessions.exists()


def test_sessions_of_another_citys_programme_are_not_theirs_to_record(
    client, published, busan_editor, as_user
):
    session = make_session(published)
    path = f"/api/education/programmes/{published.pk}/sessions"

    added = post(
        client, path, {"starts_on": "2024-05-18", "participants": 3}, as_user(busan_editor)
    )
    deleted = client.delete(f"{path}/{session.pk}", **as_user(busan_editor))

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert published.sessions.count() == 1


def test_a_material_is_checked_by_its_content_and_keeps_its_licence(
    client, published, gwangju_editor, as_user
):
    path = f"/api/education/programmes/{published.pk}/materials"
    headers = as_user(gwangju_editor)

    good = client.post(
        path,
        {
            "file": SimpleUploadedFile("handbook.pdf", PDF),
            "licence": "CC-BY-4.0",
            "title_en": "Handbook",
        },
        **headers,
    )
    fake = client.post(
        path,
        {
            "file": SimpleUploadedFile("slides.pdf", b"<html><script>x</script>"),
            "licence": "CC-BY-4.0",
        },
        **headers,
    )
    link = client.post(
        path,
        {"url": "https://example.org/guide", "licence": "CC0-1.0", "title_ko": "안내서"},
        **headers,
    )

    assert good.status_code == 201 and good.json()["content_type"] == "application/pdf"
    assert fake.status_code == 422 and fake.json()["errors"][0]["field"] == "file"
    assert link.status_code == 201 and link.json()["licence"] == "CC0-1.0"
    listed = client.get(path).json()
    assert [m["titles"] for m in listed] == [{"en": "Handbook"}, {"ko": "안내서"}]


def test_sessions_and_materials_of_a_draft_are_hidden_with_it(client, draft, gwangju_editor):
    session = make_session(draft, starts_on=date(2023, 4, 1))
    services.add_material(
        draft, by=gwangju_editor, url="https://example.org/x", licence="CC0-1.0", titles={"en": "X"}
    )

    for path in (
        f"/api/education/programmes/{draft.pk}/sessions",
        f"/api/education/programmes/{draft.pk}/sessions/{session.pk}",
        f"/api/education/programmes/{draft.pk}/materials",
        f"/api/education/programmes/{draft.pk}/lineage",
        f"/api/education/programmes/{draft.pk}/jsonld",
    ):
        assert client.get(path).status_code == 404, path


def test_publishing_through_the_api_is_for_the_owners_reviewers(
    client, draft, busan_editor, gwangju_editor, as_user
):
    path = f"/api/education/programmes/{draft.pk}/publish"

    assert client.post(path, **as_user(busan_editor)).status_code == 404  # not seen at all
    answer = client.post(path, **as_user(gwangju_editor))

    assert answer.status_code == 200 and answer.json()["publication"] == Publication.PUBLISHED
