"""The revision history of archive records answers a record the reader may not see
exactly as one that does not exist, so no id, title or author leaks from it."""

import re

import pytest
from django.urls import reverse

from hrcities.core.services import revisions_for, update_record

from .factories import make_item

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Hidden Sentinel Title"
NO_SUCH_ID = 999_999


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def hidden(gwangju, gwangju_editor):
    item = make_item(gwangju, titles={"en": HIDDEN_TITLE}, access="restricted")
    update_record(item, {"rights": "CC BY"}, by=gwangju_editor, based_on_version=1)
    update_record(item, {"rights": "CC BY-SA"}, by=gwangju_editor, based_on_version=2)
    return item


def without_address(response):
    body = response.json()
    body.pop("instance")
    return body


def page_without_address(response, pk):
    """The page as text, without its own address and the per-response CSRF token."""
    text = response.content.decode().replace(f"/archive.item/{pk}/", "/archive.item/ID/")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.mark.parametrize("as_reader", [False, True], ids=["public", "signed-in reader"])
def test_a_hidden_records_revisions_answer_as_a_record_that_does_not_exist(
    client, hidden, reader, api_token, as_reader
):
    auth = bearer(api_token(reader)) if as_reader else {}

    of_hidden = client.get(f"/api/records/archive.item/{hidden.pk}/revisions", **auth)
    of_nothing = client.get(f"/api/records/archive.item/{NO_SUCH_ID}/revisions", **auth)

    assert of_hidden.status_code == of_nothing.status_code == 404
    assert without_address(of_hidden) == without_address(of_nothing)


def test_a_hidden_records_history_page_answers_as_a_record_that_does_not_exist(
    client, hidden, reader, signed_in
):
    browser = signed_in(reader)

    of_hidden = browser.get(reverse("core:record-history", args=["archive.item", hidden.pk]))
    of_nothing = browser.get(reverse("core:record-history", args=["archive.item", NO_SUCH_ID]))

    assert of_hidden.status_code == of_nothing.status_code == 404
    assert page_without_address(of_hidden, hidden.pk) == page_without_address(
        of_nothing, NO_SUCH_ID
    )


def test_an_id_that_is_not_a_number_answers_404(client, admin, signed_in):
    assert client.get("/api/records/archive.item/abc/revisions").status_code == 404
    assert client.get("/records/archive.item/abc/history/").status_code == 404
    admin_browser = signed_in(admin)
    assert admin_browser.get("/api/records/archive.item/abc/revisions").status_code == 404
    assert admin_browser.get("/records/archive.item/abc/history/").status_code == 404


def test_restoring_a_hidden_records_revision_names_nothing(client, hidden, busan_editor, api_token):
    revision = revisions_for(hidden).last()

    response = client.post(
        f"/api/records/revisions/{revision.pk}/restore", **bearer(api_token(busan_editor))
    )
    missing = client.post(
        f"/api/records/revisions/{NO_SUCH_ID}/restore", **bearer(api_token(busan_editor))
    )

    assert response.status_code == missing.status_code == 404
    assert HIDDEN_TITLE not in response.content.decode()


def test_the_keepers_still_read_and_restore_the_history(client, hidden, gwangju_editor, api_token):
    key = api_token(gwangju_editor)

    listed = client.get(f"/api/records/archive.item/{hidden.pk}/revisions", **bearer(key))
    earlier = revisions_for(hidden).get(version=2)
    restored = client.post(f"/api/records/revisions/{earlier.pk}/restore", **bearer(key))

    assert listed.status_code == 200 and listed.json()["count"] == 2
    assert restored.status_code == 200
