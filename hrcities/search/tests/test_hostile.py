"""No query, however hostile, makes the search fail: results or a clear message."""

import pytest

from hrcities.search.query import MAX_CHARS

from .factories import make_document

pytestmark = pytest.mark.django_db

MEMORIES = "Memories of the uprising"
MAY = "오월 항쟁의 기억"
NO_WORDS = "Nothing to search for: the query has no words or numbers in it."
COMMON_WORDS = "Nothing to search for: the query has only very common words."
ONLY_EXCLUSIONS = "Nothing to search for: add a word to look for, not only words to leave out."

# Each hostile query with what a user notices: the titles found (best first) or the
# message that says why there is nothing to search for. No titles and no message means
# the words are searched for and honestly match nothing in the corpus.
NASTY = {
    "x" * 10_000: ([], None),
    "기억 " * 3_000: ([MAY], None),
    "NEAR(": ([MEMORIES], None),
    "NEAR(a b, 3)": ([], None),
    '"': ([], NO_WORDS),
    '"unbalanced quote': ([], None),
    '""': ([], NO_WORDS),
    "*": ([], NO_WORDS),
    "a*": ([], COMMON_WORDS),
    "^start": ([], None),
    "title_tokens:memory": ([], None),
    "tokens : x": ([], None),
    "\x00": ([], NO_WORDS),
    "memory\x00\x1f\x7f": ([MEMORIES], None),
    "AND OR NOT": ([], None),
    "OR": ([], NO_WORDS),
    "- -- ---": ([], NO_WORDS),
    ")(": ([], NO_WORDS),
    "((((": ([], NO_WORDS),
    "'; DROP TABLE search_searchdocument; --": ([], None),
    "\\": ([], NO_WORDS),
    "' OR 1=1 --": ([], None),
    "!memory & | <-> :*": ([MEMORIES], None),
    "을": ([], None),
    "the of and": ([], COMMON_WORDS),
    "-memory": ([], ONLY_EXCLUSIONS),
    "\u200b\u200e": ([], NO_WORDS),
    "😀" * 50: ([], NO_WORDS),
    "%s %% %(x)s {0}": ([], None),
}

# Hostile wrapping around a word the corpus holds must not lose the record.
STILL_FINDS = {
    "uprising*": [MEMORIES],
    "survivors:*": [MEMORIES],
    "^uprising": [MEMORIES],
    "(uprising)": [MEMORIES],
    "((((uprising": [MEMORIES],
    "uprising OR": [MEMORIES],
    "uprising\\": [MEMORIES],
    "survivors\x00": [MEMORIES],
    "\u200buprising\u200e": [MEMORIES],
    "uprising 😀": [MEMORIES],
    "uprising -nothing": [MEMORIES],
    '"survivors remember"': [MEMORIES],
    "uprising " * 3_000: [MEMORIES],
    "기억*": [MAY],
    "항쟁을": [MAY],
}

CASES = [(q, titles, message) for q, (titles, message) in NASTY.items()] + [
    (q, titles, None) for q, titles in STILL_FINDS.items()
]


@pytest.fixture
def corpus(db):
    make_document("Memories of the uprising", "Survivors remember the NEAR uprising.")
    make_document("오월 항쟁의 기억", "기억을 나누다", language="ko")


CASE_IDS = [repr(q[:24]) for q, _, _ in CASES]


@pytest.mark.parametrize(("q", "titles", "message"), CASES, ids=CASE_IDS)
def test_a_hostile_query_answers_the_api_with_matching_results_or_a_message(
    corpus, client, q, titles, message
):
    response = client.get("/api/search", {"q": q})

    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert [r["title"] for r in body["results"]] == titles
    assert body["count"] == len(titles)
    if message:
        assert body["message"].startswith(message)
    else:
        assert body["message"] == ""


@pytest.mark.parametrize(("q", "titles", "message"), CASES, ids=CASE_IDS)
def test_a_hostile_query_answers_the_page_with_matching_results_or_a_message(
    corpus, client, q, titles, message
):
    response = client.get("/search/", {"q": q})

    assert response.status_code == 200
    page = response.content.decode()
    if message:
        assert message in page
    elif titles:
        assert all(title in page for title in titles)
        assert f"{len(titles)} result" in page
    else:
        assert "Nothing matches." in page
    # The other record of the corpus is never offered for a query that does not match it.
    for title in {MEMORIES, MAY} - set(titles):
        assert title not in page


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
    ("params", "named"),
    [
        ({"sort": "popularity"}, "sort"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2020", "to": "1990"}, "to"),
        ({"semantic": "perhaps"}, "semantic"),
    ],
)
def test_bad_parameters_answer_422_problem_details_naming_the_parameter(client, db, params, named):
    response = client.get("/api/search", {"q": "memory", **params})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [f"query.{named}"]
    assert errors[0]["detail"]


def test_bad_dates_on_the_page_give_a_message_not_an_error(client, db):
    response = client.get("/search/", {"q": "memory", "from": "yesterday", "page": "x"})
    assert response.status_code == 200
    assert "Give a year" in response.content.decode()


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%AF", "%00%00"])
def test_undecodable_bytes_in_the_address_are_answered_not_failed(corpus, client, raw):
    assert client.get(f"/api/search?q={raw}").status_code == 200
    assert client.get(f"/search/?q={raw}").status_code == 200
