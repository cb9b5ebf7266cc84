"""A measure's sources over the API: added and deleted by those who may change the
measure, as on its page; files checked by their content; nothing for anyone else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.access.tiers import Publication
from hrcities.emergency.models import Source

from .factories import make_measure

pytestmark = pytest.mark.django_db

BASE = "/api/emergency/measures"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def measure(gwangju):
    return make_measure(gwangju, titles={"en": "Gatherings banned"})


@pytest.fixture
def as_user(api_token):
    def headers(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token(user)}"}

    return headers


def test_a_keeper_adds_a_link_and_a_file_and_deletes_one(
    client, measure, gwangju_editor, as_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    path = f"{BASE}/{measure.pk}/sources"
    headers = as_user(gwangju_editor)

    link = client.post(
        path, {"url": "https://example.org/order", "title_ko": "행정명령"}, **headers
    )
    upload = client.post(
        path, {"file": SimpleUploadedFile("order.pdf", PDF), "title_en": "The order"}, **headers
    )

    assert link.status_code == 201 and link.json()["titles"] == {"ko": "행정명령"}
    assert upload.status_code == 201, upload.content
    assert upload.json()["is_file"] and upload.json()["content_type"] == "application/pdf"
    listed = client.get(path).json()
    assert [s["title"] for s in listed] == ["행정명령", "The order"] or len(listed) == 2
    assert client.get(f"{BASE}/{measure.pk}").json()["sources"] == listed

    gone = client.delete(f"{path}/{link.json()['id']}", **headers)
    assert gone.status_code == 204
    assert [s["id"] for s in client.get(path).json()] == [upload.json()["id"]]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"file": ("order.pdf", b"<html><script>alert(1)</script>")}, "file"),
        ({"file": ("order.png", PDF)}, "file"),
        ({"file": ("order.pdf", PDF), "url": "https://example.org/x"}, "file"),
        ({}, "file"),
        ({"url": "not a link"}, "url"),
        ({"url": "https://example.org/x", "title_en": "Bell\x07"}, "title_en"),
    ],
)
def test_bad_sources_are_refused_naming_the_field_and_nothing_is_kept(
    client, measure, gwangju_editor, as_user, settings, tmp_path, body, field
):
    settings.MEDIA_ROOT = tmp_path
    data = {k: SimpleUploadedFile(*v) if k == "file" else v for k, v in body.items()}

    answer = client.post(f"{BASE}/{measure.pk}/sources", data, **as_user(gwangju_editor))

    assert answer.status_code == 422, answer.content
    assert answer.json()["errors"][0]["field"] == field
    assert not Source.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_another_city_may_neither_add_nor_delete_sources(
    client, measure, busan_editor, gwangju_editor, as_user
):
    path = f"{BASE}/{measure.pk}/sources"
    kept = client.post(path, {"url": "https://example.org/a"}, **as_user(gwangju_editor)).json()

    added = client.post(path, {"url": "https://example.org/b"}, **as_user(busan_editor))
    deleted = client.delete(f"{path}/{kept['id']}", **as_user(busan_editor))
    anonymous = client.post(path, {"url": "https://example.org/c"})

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert anonymous.status_code == 401
    assert Source.objects.count() == 1


def test_a_draft_measure_and_its_sources_answer_404_to_others(
    client, gwangju, gwangju_editor, busan_editor, reader, as_user
):
    draft = make_measure(gwangju, publication=Publication.DRAFT)
    path = f"{BASE}/{draft.pk}/sources"
    source = client.post(path, {"url": "https://example.org/a"}, **as_user(gwangju_editor)).json()

    for user in (busan_editor, reader):
        assert client.get(path, **as_user(user)).status_code == 404
        assert client.post(path, {"url": "https://x.org"}, **as_user(user)).status_code == 404
        assert client.delete(f"{path}/{source['id']}", **as_user(user)).status_code == 404
    assert client.get(path).status_code == 404
    assert Source.objects.count() == 1


def test_a_source_of_another_measure_is_not_found_through_this_one(
    client, gwangju, measure, gwangju_editor, as_user
):
    other = make_measure(gwangju)
    source = client.post(
        f"{BASE}/{other.pk}/sources", {"url": "https://example.org/a"}, **as_user(gwangju_editor)
    ).json()

    answer = client.delete(f"{BASE}/{measure.pk}/sources/{source['id']}", **as_user(gwangju_editor))

    assert answer.status_code == 404
    assert Source.objects.count() == 1
