"""Archive records in the search: found by what the public may read, never by more."""

import pytest

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.services import redact_phrase, withdraw_consent

from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db


def titles_found(client, query):
    response = client.get("/api/search", {"q": query, "semantic": "false"})
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


def test_a_public_item_is_found_by_its_words(client, gwangju):
    make_item(
        gwangju, titles={"en": "Fountain testimony"}, descriptions={"en": "The fountain square."}
    )

    assert titles_found(client, "fountain") == ["Fountain testimony"]


def test_redacted_words_and_hidden_names_find_nothing(client, gwangju, gwangju_editor):
    narrator = make_person(gwangju, real_name="Kim Realname", real_name_may_be_shown=True)
    item = make_item(
        gwangju,
        titles={"en": "Square testimony"},
        narrator=narrator,
        transcript="I saw Sergeant Zenobia there.",
        restricted_fields=["narrator_name"],
    )
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Sergeant Zenobia")

    assert titles_found(client, "Zenobia") == []
    assert titles_found(client, "Realname") == []
    assert titles_found(client, "square") == ["Square testimony"]


def test_restricted_and_withdrawn_items_are_found_only_by_those_who_may_see_them(
    client, gwangju, gwangju_editor
):
    named = make_user("named")
    make_item(
        gwangju, titles={"en": "Quillwort letter"}, access="restricted", allowed_users=[named]
    )
    withdrawn = make_item(
        gwangju,
        kind="testimony",
        titles={"en": "Quillwort testimony"},
        narrator=make_person(gwangju),
    )
    withdraw_consent(give_consent(withdrawn, "archive", "publish"), by=gwangju_editor)

    assert titles_found(client, "quillwort") == []
    client.force_login(named)
    assert titles_found(client, "quillwort") == ["Quillwort letter"]
