"""Search shows only what the reader may see, and the filter runs inside the query."""

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.search.services import search

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(gwangju, reader):
    make_document("Public testimony", "Open to all about the square", city=gwangju)
    return make_document(
        "Restricted testimony",
        "Zyxwvutian words only here",
        city=gwangju,
        access="restricted",
        allowed_users=[reader.pk],
        labels=["theme:right-to-truth"],
    )


def _everything(user, q):
    return search(user, q, use_semantic=True)


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_a_restricted_documents_unique_word_gives_outsiders_nothing_not_even_counts(
    secret, who, busan_editor
):
    user = AnonymousUser() if who == "anonymous" else busan_editor
    results = _everything(user, "zyxwvutian")
    assert results.count == 0
    assert results.hits == []
    assert all(values == [] for values in results.facets.values())


def test_the_allowed_reader_finds_the_restricted_document(secret, reader):
    results = _everything(reader, "zyxwvutian")
    assert [hit.title for hit in results.hits] == ["Restricted testimony"]
    assert {v.value: v.count for v in results.facets["theme"]} == {"right-to-truth": 1}


def test_facet_counts_of_a_shared_word_leave_out_what_the_reader_may_not_see(
    secret, reader, busan_editor
):
    mine = search(reader, "testimony", use_semantic=False)
    theirs = search(busan_editor, "testimony", use_semantic=False)
    assert (mine.count, theirs.count) == (2, 1)
    assert {v.value: v.count for v in mine.facets["city"]} == {"gwangju": 2}
    assert {v.value: v.count for v in theirs.facets["city"]} == {"gwangju": 1}
    assert theirs.facets["theme"] == []


def test_drafts_and_withdrawn_records_are_found_only_by_their_editors(
    gwangju, gwangju_editor, reader
):
    make_document("Draft testimony", "Qwertyesque draft", city=gwangju, publication="draft")
    make_document("Withdrawn testimony", "Qwertyesque withdrawn", city=gwangju, is_withdrawn=True)
    assert search(reader, "qwertyesque", use_semantic=False).count == 0
    assert search(AnonymousUser(), "qwertyesque", use_semantic=False).count == 0
    assert search(gwangju_editor, "qwertyesque", use_semantic=False).count == 2


def test_network_records_are_found_by_signed_in_members_only(gwangju, reader):
    make_document("Members note", "Plumbagoid minutes", city=gwangju, access="network")
    assert search(AnonymousUser(), "plumbagoid", use_semantic=False).count == 0
    assert search(reader, "plumbagoid", use_semantic=False).count == 1


def test_the_api_applies_the_same_rule_to_tokens(secret, client, reader, api_token):
    anonymous = client.get("/api/search", {"q": "zyxwvutian"}).json()
    allowed = client.get(
        "/api/search",
        {"q": "zyxwvutian"},
        headers={"Authorization": f"Bearer {api_token(reader)}"},
    ).json()
    assert (anonymous["count"], allowed["count"]) == (0, 1)
    assert anonymous["facets"]["kind"] == []


def test_the_page_shows_a_restricted_document_only_to_the_allowed_reader(
    secret, client, signed_in, reader
):
    assert (
        "Restricted testimony" not in client.get("/search/", {"q": "zyxwvutian"}).content.decode()
    )
    page = signed_in(reader).get("/search/", {"q": "zyxwvutian"}).content.decode()
    assert "Restricted testimony" in page
