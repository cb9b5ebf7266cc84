"""No query, however hostile, makes the search fail: results or a clear message."""

import pytest

from hrcities.search.query import MAX_CHARS

from .factories import make_document

pytestmark = pytest.mark.django_db

NASTY = [
    "x" * 10_000,
    "기억 " * 3_000,
    "NEAR(",
    "NEAR(a b, 3)",
    '"',
    '"unbalanced quote',
    '""',
    "*",
    "a*",
    "^start",
    "title_tokens:memory",
    "tokens : x",
    "\x00",
    "memory\x00\x1f\x7f",
    "AND OR NOT",
    "OR",
    "- -- ---",
    ")(",
    "((((",
    "'; DROP TABLE search_searchdocument; --",
    "\\",
    "' OR 1=1 --",
    "!memory & | <-> :*",
    "을",
    "the of and",
    "-memory",
    "\u200b\u200e",
    "😀" * 50,
    "%s %% %(x)s {0}",
]


@pytest.fixture
def corpus(db):
    make_document("Memories of the uprising", "Survivors remember the NEAR uprising.")
    make_document("오월 항쟁의 기억", "기억을 나누다", language="ko")


@pytest.mark.parametrize("q", NASTY)
def test_a_hostile_query_answers_the_api_with_results_or_a_message(corpus, client, q):
    response = client.get("/api/search", {"q": q})
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert isinstance(body["count"], int)
    assert body["results"] or body["message"] or body["count"] == 0


@pytest.mark.parametrize("q", NASTY)
def test_a_hostile_query_answers_the_page_with_results_or_a_message(corpus, client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


def test_a_query_with_only_punctuation_says_there_is_nothing_to_search_for(corpus, client):
    body = client.get("/api/search", {"q": ')( * "'}).json()
    assert body["message"].startswith("Nothing to search for")


def test_a_query_with_only_exclusions_says_what_is_missing(corpus, client):
    body = client.get("/api/search", {"q": "-memory"}).json()
    assert "not only words to leave out" in body["message"]


def test_a_very_long_query_is_shortened_with_a_note(corpus, client):
    body = client.get("/api/search", {"q": "memory " + "x" * 10_000}).json()
    assert body["notes"] and str(MAX_CHARS) in body["notes"][0]
    assert [r["title"] for r in body["results"]] == []  # "memory" AND "xxx…" matches nothing


def test_fts_operators_are_searched_as_words(corpus, client):
    body = client.get("/api/search", {"q": "NEAR(", "semantic": "false"}).json()
    assert [r["title"] for r in body["results"]] == ["Memories of the uprising"]


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "popularity"},
        {"limit": "0"},
        {"limit": "1000"},
        {"offset": "-1"},
        {"from": "yesterday"},
        {"from": "2020", "to": "1990"},
        {"semantic": "perhaps"},
    ],
)
def test_bad_parameters_answer_422_problem_details(client, db, params):
    response = client.get("/api/search", {"q": "memory", **params})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]


def test_bad_dates_on_the_page_give_a_message_not_an_error(client, db):
    response = client.get("/search/", {"q": "memory", "from": "yesterday", "page": "x"})
    assert response.status_code == 200
    assert "Give a year" in response.content.decode()


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%AF", "%00%00"])
def test_undecodable_bytes_in_the_address_are_answered_not_failed(corpus, client, raw):
    assert client.get(f"/api/search?q={raw}").status_code == 200
    assert client.get(f"/search/?q={raw}").status_code == 200
