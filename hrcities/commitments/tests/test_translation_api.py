"""Translations over the API, in the JSON export, and in the search."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation as django_translation

from hrcities.commitments.models import ClauseTranslation, DeclarationTranslation
from hrcities.commitments.translating import (
    correct_translated_clause,
    delete_translation,
    ingest_translation,
)
from hrcities.search.services import search

from .test_api import patch, post
from .translations import RIVER_KO, river_declaration

pytestmark = pytest.mark.django_db

PROMISE_KO = "도시는 매달 먹는 물의 수질을 공개한다."


@pytest.fixture
def declaration(db):
    return river_declaration()


def path(declaration, rest=""):
    return f"/api/commitments/declarations/{declaration.slug}/translations{rest}"


def test_a_translation_is_added_read_and_replaced_over_the_api(
    client, admin, api_token, declaration
):
    key = api_token(admin)
    body = {"text": RIVER_KO, "language": "ko", "kind": "official", "translator": "OHCHR"}

    created = post(client, path(declaration), body, key)
    replaced = post(client, path(declaration), {**body, "kind": "city"}, key)

    assert created.status_code == 201 and replaced.status_code == 200
    document = replaced.json()
    assert document["language"] == "ko" and document["kind"] == "city"
    assert document["is_official"] is False and document["version"] == 2
    assert document["promises"] == [
        {"number": 1, "title": PROMISE_KO, "text": PROMISE_KO, "version": 1}
    ]
    assert client.get(path(declaration, "/ko")).json() == document
    assert client.get(path(declaration)).json() == [document]


def test_a_mismatched_translation_is_refused_with_422_naming_the_difference(
    client, admin, api_token, declaration
):
    response = post(
        client,
        path(declaration),
        {"text": RIVER_KO.replace("1. ", "2. "), "language": "ko"},
        api_token(admin),
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Promise 1 is missing from the Korean text.; "
        "The Korean text has promise 2, which the declaration does not have."
    )
    assert not DeclarationTranslation.objects.exists()


def test_only_network_admins_write_translations_over_the_api(
    client, admin, gwangju_editor, api_token, declaration
):
    refused = post(
        client, path(declaration), {"text": RIVER_KO, "language": "ko"}, api_token(gwangju_editor)
    )
    anonymous = client.post(path(declaration), {"text": RIVER_KO, "language": "ko"})

    assert refused.status_code == 403 and anonymous.status_code == 401
    assert not DeclarationTranslation.objects.exists()


def test_a_translated_clause_and_the_details_are_corrected_with_their_version(
    client, admin, api_token, declaration
):
    key = api_token(admin)
    post(client, path(declaration), {"text": RIVER_KO, "language": "ko"}, key)
    clause = declaration.clauses.get(kind="promise")
    clause_path = path(declaration, f"/ko/clauses/{clause.pk}")

    corrected = patch(client, clause_path, {"version": 1, "text": "고친 약속"}, key)
    stale = patch(client, clause_path, {"version": 1, "text": "옛 판"}, key)
    details = patch(client, path(declaration, "/ko"), {"version": 1, "translator": "광주"}, key)
    deleted = client.delete(path(declaration, "/ko"), HTTP_AUTHORIZATION=f"Bearer {key}")

    assert corrected.status_code == 200
    assert corrected.json()["promises"][0]["text"] == "고친 약속"
    assert stale.status_code == 409
    assert details.json()["translator"] == "광주"
    assert deleted.status_code == 204 and not ClauseTranslation.objects.exists()


def test_the_declarations_json_export_carries_its_translations(client, admin, declaration):
    ingest_translation(declaration, by=admin, text=RIVER_KO, language="ko", kind="network")

    exported = client.get(reverse("commitments:declaration-json", args=[declaration.slug])).json()

    [korean] = exported["translations"]
    assert korean["title"] == "깨끗한 물에 관한 리버사이드 선언"
    assert korean["preamble"][0]["text"] == "모든 사람에게 안전한 먹는 물이 필요함을 기억하며,"


def test_a_korean_query_finds_the_english_clause_by_its_translation(admin, declaration):
    before = search(AnonymousUser(), "수질 공개", use_semantic=False)
    ingest_translation(declaration, by=admin, text=RIVER_KO, language="ko", kind="network")

    found = search(AnonymousUser(), "수질을 공개하는", use_semantic=False)
    with django_translation.override("ko"):
        in_korean = search(AnonymousUser(), "깨끗한 물", use_semantic=False)

    assert before.hits == []
    kinds = {hit.kind for hit in found.hits}
    assert {"clause", "commitment"} <= kinds
    clause = next(hit for hit in found.hits if hit.kind == "clause")
    assert "<mark>수질을</mark>" in clause.snippet
    titles = {hit.title for hit in in_korean.hits}
    assert "깨끗한 물에 관한 리버사이드 선언" in titles
    assert "깨끗한 물에 관한 리버사이드 선언 – 약속 1" in titles


def test_a_corrected_or_deleted_translation_leaves_the_search_at_once(admin, declaration):
    translation, _ = ingest_translation(
        declaration, by=admin, text=RIVER_KO, language="ko", kind="network"
    )
    clause = translation.clauses.get(clause__kind="promise")

    correct_translated_clause(clause, "도시는 해마다 보고서를 낸다.", by=admin, based_on_version=1)
    old_words = search(AnonymousUser(), "수질", use_semantic=False)
    new_words = search(AnonymousUser(), "보고서", use_semantic=False)
    delete_translation(translation, by=admin)
    deleted = search(AnonymousUser(), "보고서", use_semantic=False)

    assert old_words.hits == []
    assert {hit.kind for hit in new_words.hits} == {"clause", "commitment"}
    assert deleted.hits == []
