"""Cross-lingual search: a query finds a record about the same thing in another language."""

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.search.services import search

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    make_document("오월 항쟁의 기억", "", language="ko")
    make_document("Memories of the May uprising", "", language="en")
    make_document("Affordable housing policy", "Rents and social housing", language="en")
    make_document("기후 위기와 감염병", "", language="ko")


def titles(q, **options):
    return [h.title for h in search(AnonymousUser(), q, **options).hits]


def test_an_english_query_finds_a_korean_only_record(corpus):
    found = titles("memories of the May uprising")
    assert found[0] == "Memories of the May uprising"  # the exact keyword match stays first
    assert "오월 항쟁의 기억" in found
    assert "Affordable housing policy" not in found


def test_a_korean_query_finds_an_english_only_record(corpus):
    found = titles("오월 항쟁의 기억")
    assert found[0] == "오월 항쟁의 기억"
    assert "Memories of the May uprising" in found


def test_semantic_matching_can_be_turned_off(corpus):
    assert titles("memories of the May uprising", use_semantic=False) == [
        "Memories of the May uprising"
    ]


def test_semantic_neighbours_respect_access(gwangju):
    make_document("오월 항쟁의 기억", "", language="ko")
    make_document(
        "Memories of the May uprising, closed", "", language="en", access="restricted", city=gwangju
    )
    assert "Memories of the May uprising, closed" not in titles("오월 항쟁의 기억")


def test_semantic_on_postgresql_with_pgvector_compares_the_vectors_in_the_database(corpus):
    from django.db import connection

    from hrcities.search import pgvector, vectors

    if not pgvector.is_available(connection):
        pytest.skip("this database offers no pgvector (SQLite, or PostgreSQL without it)")
    assert vectors.uses_pgvector()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument WHERE embedding IS NOT NULL")
        assert cursor.fetchone()[0] == 4
    assert "오월 항쟁의 기억" in titles("memories of the May uprising")


def test_semantic_vectors_of_a_bulk_block_follow_its_commit_and_spare_a_changed_document(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import transaction

    from hrcities.network.tests.factories import make_city
    from hrcities.search import semantic
    from hrcities.search.indexing import deferred_indexing
    from hrcities.search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        with transaction.atomic(), deferred_indexing():
            city = make_city(slug="gangneung", names={"en": "Gangneung", "ko": "강릉"})
    document = SearchDocument.objects.get(kind="city", object_id=city.pk)
    assert document.vector is None  # found by keyword at once; the vector comes later
    assert [hit.title for hit in search(AnonymousUser(), "강릉", use_semantic=False).hits] == [
        "Gangneung"
    ]

    # The city is renamed while the worker encodes the old text: the worker must not
    # write that stale vector over the one the rename gave the document.
    encode = semantic.embed
    renamed = []

    def encode_while_renaming(texts):
        if not renamed:
            renamed.append(True)
            city.names = {"en": "Gangneung City", "ko": "강릉시"}
            city.save()
        return encode(texts)

    monkeypatch.setattr(semantic, "embed", encode_while_renaming)
    for callback in after_commit:
        callback()
    document.refresh_from_db()
    assert document.title == "Gangneung City"
    current = encode([semantic.embedding_text(document.title, document.text)])[0]
    assert bytes(document.vector) == semantic.to_bytes(current)

    other = make_city(slug="sokcho", names={"en": "Sokcho"})
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic(), deferred_indexing():
            other.names = {"en": "Sokcho Harbour"}
            other.save()
    assert SearchDocument.objects.get(kind="city", object_id=other.pk).vector is not None
