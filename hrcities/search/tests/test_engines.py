"""Both engines (SQLite FTS5, PostgreSQL tsvector) give the same top results.

This runs on whichever database is in use; CI runs it on both, against the same
expectations, so the engines agree with each other.
"""

import pytest
from django.db import connection

from hrcities.search.engines import engine

from .factories import make_document

pytestmark = pytest.mark.django_db

CORPUS = [
    ("Human rights city", "A human rights city acts on human rights every day."),
    ("Rights of migrants", "Human rights for migrant workers in the city."),
    ("City budget", "The city adopted its annual budget."),
    ("인권도시 광주", "광주는 인권도시이다. 인권 교육을 한다."),
    ("인권 교육 프로그램", "교육 프로그램을 운영한다."),
    ("Housing", "Housing rights."),
]
# query: (the first result, or None where the engines may order ties differently; all results)
EXPECTED = {
    "human rights": ("Human rights city", {"Human rights city", "Rights of migrants"}),
    "budget": ("City budget", {"City budget"}),
    "city": (None, {"Human rights city", "City budget", "Rights of migrants"}),
    '"human rights"': ("Human rights city", {"Human rights city", "Rights of migrants"}),
    '"rights city"': ("Human rights city", {"Human rights city"}),
    "인권 교육": ("인권 교육 프로그램", {"인권도시 광주", "인권 교육 프로그램"}),
    "인권도시": ("인권도시 광주", {"인권도시 광주"}),
    "rights -migrant": ("Human rights city", {"Human rights city", "Housing"}),
    "budget OR housing": (None, {"City budget", "Housing"}),
    "migrant OR budget -annual": ("Rights of migrants", {"Rights of migrants"}),
}


@pytest.fixture
def corpus(db):
    return {
        make_document(title, text, language="ko" if title[0] > "~" else "en").pk: title
        for title, text in CORPUS
    }


@pytest.mark.parametrize(("q", "first", "expected"), [(q, *e) for q, e in EXPECTED.items()])
def test_the_engine_in_use_ranks_the_corpus_as_expected(corpus, find, q, first, expected):
    found = find(q)
    assert set(found) == expected, (connection.vendor, found)
    if first:
        assert found[0] == first, (connection.vendor, found)


def test_the_engine_matches_the_database_in_use():
    assert engine().vendor == connection.vendor


def test_a_documents_filter_that_joins_another_table_is_refused_by_name():
    from hrcities.search.engines import where_of
    from hrcities.search.models import SearchDocument

    with pytest.raises(ValueError, match="must not join other tables"):
        where_of(SearchDocument.objects.filter(city__slug="gwangju"))
