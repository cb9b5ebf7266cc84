"""No score, order, count or facet count of a search moves with a record the reader may not see.

Each searcher runs the same queries before and after records hidden from them (restricted,
embargoed, withdrawn, draft, network-only, a restricted event, a narrator whose real name
is withheld) are added, all full of the queries' words; every result they may see must
keep its place and its score, and the counts must stay as they were.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Event, Item
from hrcities.archive.tests.factories import make_event, make_item, make_person
from hrcities.search.engines import engine
from hrcities.search.models import SearchDocument
from hrcities.search.query import parse
from hrcities.search.services import COUNT_LIMIT, Filters, filtered, search

pytestmark = pytest.mark.django_db

WORD = "quillwort"
OTHER = "marigold"
QUERIES = [
    WORD,
    f"{WORD} {OTHER}",
    f"{WORD} OR {OTHER}",
    f'"{WORD} garden"',
    f"{OTHER} -{WORD}",
    "기억",
    "testimony",
]
SEARCHERS = [
    "anonymous",
    "member",
    "city reader",
    "contributor",
    "editor of another city",
    "editor of the same city",
    "network admin",
    "named reader",
]


@pytest.fixture
def people(gwangju, busan, reader, gwangju_editor, busan_editor, admin):
    city_reader = make_user("gwangju-reader")
    give_role(city_reader, "reader", city=gwangju)
    contributor = make_user("gwangju-contributor")
    give_role(contributor, "contributor", city=gwangju)
    return {
        "anonymous": AnonymousUser(),
        "member": reader,
        "city reader": city_reader,
        "contributor": contributor,
        "editor of another city": busan_editor,
        "editor of the same city": gwangju_editor,
        "network admin": admin,
        "named reader": make_user("named-reader"),
    }


def _visible_corpus(gwangju, busan, named):
    """Records of varied length and word counts, some seen by some searchers only."""
    long_text = " ".join(["The garden by the old station was a place to meet."] * 12)
    make_item(gwangju, titles={"en": f"{WORD} garden testimony"}, descriptions={"en": long_text})
    make_item(
        gwangju,
        titles={"en": "Letters from the square"},
        descriptions={"en": f"A {WORD} grew there. {OTHER} too. {WORD} garden, {WORD}."},
    )
    make_item(busan, titles={"en": f"{OTHER} market"}, descriptions={"en": f"{OTHER} {OTHER}."})
    make_item(
        busan,
        titles={"en": f"{OTHER} and {WORD} testimony"},
        descriptions={"en": long_text},
        date_text="1987-06-10",
    )
    make_item(gwangju, titles={"ko": "오월의 기억"}, original_language="ko")
    make_item(gwangju, titles={"en": f"Network note on {WORD}"}, access="network")
    make_item(
        gwangju,
        titles={"en": f"Shared {WORD} testimony"},
        access="restricted",
        allowed_users=[named],
    )
    make_item(gwangju, titles={"en": f"{WORD} draft testimony"}, publication="draft")
    make_item(
        busan,
        titles={"en": f"Released {OTHER} testimony"},
        access="embargoed",
        embargo_until=timezone.localdate() - timedelta(days=1),
    )
    make_event(gwangju, titles={"en": f"{OTHER} gathering"})
    # Visible to all; its narrator is set among the hidden records, with a withheld name.
    return make_item(
        busan,
        titles={"en": "Account of the harbour"},
        restricted_fields=["narrator_name"],
    )


def _hidden_records(city, unnamed):
    """Records each full of the queries' words, each hidden from someone."""
    words = " ".join([f"{WORD} garden {OTHER} 기억 testimony"] * 20)
    hidden = {"descriptions": {"en": words}, "transcript": words}
    make_item(city, titles={"en": f"{WORD} closed"}, access="restricted", **hidden)
    make_item(
        city,
        titles={"en": f"{WORD} embargoed"},
        access="embargoed",
        embargo_until=timezone.localdate() + timedelta(days=365),
        **hidden,
    )
    make_item(city, titles={"en": f"{WORD} withdrawn"}, is_withdrawn=True, **hidden)
    make_item(city, titles={"en": f"{WORD} draft"}, publication="draft", **hidden)
    make_item(city, titles={"en": f"{WORD} submitted"}, publication="submitted", **hidden)
    make_item(city, titles={"en": f"{OTHER} members only"}, access="network", **hidden)
    make_event(
        city, titles={"en": f"{WORD} closed event"}, access="restricted", descriptions={"en": words}
    )
    narrator = make_person(
        city, real_name=f"{WORD.title()} {OTHER.title()}", real_name_may_be_shown=True
    )
    unnamed.narrator = narrator
    unnamed.save()


def _what_one_sees(user, q, path):
    results = search(user, q, use_semantic=path == "semantic")
    in_gwangju = search(user, q, use_semantic=path == "semantic", filters=Filters(city=["gwangju"]))
    by_date = search(user, q, use_semantic=path == "semantic", sort="date")
    keyword = []
    query = parse(q)
    if not query.is_empty:
        window = engine().window(query, filtered(user, Filters()), COUNT_LIMIT + 1)
        keyword = sorted((pk, score) for pk, _codes, score in window)
    return {
        "hits": [(hit.kind, hit.id, hit.title, hit.score) for hit in results.hits],
        "keyword scores": keyword,
        "count": (results.count, results.count_is_lower_bound),
        "facets": {
            facet: [(v.value, v.count) for v in values] for facet, values in results.facets.items()
        },
        "semantic": results.is_semantic,
        "in gwangju": [(hit.id, hit.score) for hit in in_gwangju.hits] + [in_gwangju.count],
        "by date": [hit.id for hit in by_date.hits] + [by_date.count],
    }


@pytest.mark.parametrize("path", ["keyword", "semantic"])
@pytest.mark.parametrize("who", SEARCHERS)
def test_results_scores_and_counts_ignore_records_hidden_from_the_searcher(
    people, gwangju, busan, who, path
):
    user = people[who]
    unnamed = _visible_corpus(gwangju, busan, people["named reader"])
    before = {q: _what_one_sees(user, q, path) for q in QUERIES}
    newest = SearchDocument.objects.order_by("-pk").values_list("pk", flat=True).first()

    _hidden_records(gwangju, unnamed)
    _hidden_records(busan, unnamed)
    added = SearchDocument.objects.filter(pk__gt=newest)
    # What this searcher may see of the new records is theirs to find: take it away again.
    models = {"item": Item, "event": Event}
    for kind, object_id in added.visible_to(user).values_list("kind", "object_id"):
        models[kind].objects.get(pk=object_id).delete()
    if who != "network admin":
        assert added.count() >= 6, "the searcher must have hidden records to be blind to"

    after = {q: _what_one_sees(user, q, path) for q in QUERIES}
    for q in QUERIES:
        assert after[q] == before[q], (who, path, q)


def test_the_hidden_records_are_found_by_those_who_may_see_them(people, gwangju, busan):
    unnamed = _visible_corpus(gwangju, busan, people["named reader"])
    before = search(people["network admin"], WORD, use_semantic=False).count
    _hidden_records(gwangju, unnamed)
    assert search(people["network admin"], WORD, use_semantic=False).count == before + 7
    named = search(AnonymousUser(), f"{WORD.title()} {OTHER.title()}", use_semantic=False)
    assert "Account of the harbour" not in [hit.title for hit in named.hits]


def test_a_drafts_rank_does_not_tell_whether_a_hidden_testimony_holds_a_word(
    client, busan, busan_editor, gwangju, api_token
):
    """The attack of issue 16 (C1): two drafts, one with the word, one with a control."""
    headers = {"Authorization": f"Bearer {api_token(busan_editor)}"}
    for title in (f"probe {WORD}", f"probe {OTHER}"):
        created = client.post(
            "/api/archive/items",
            {
                "kind": "document",
                "titles": {"en": title},
                "original_language": "en",
                "city": "busan",
            },
            content_type="application/json",
            headers=headers,
        )
        assert created.status_code == 201, created.content

    def ranking():
        answer = client.get(
            "/api/search", {"q": f"{WORD} OR {OTHER}", "semantic": "false"}, headers=headers
        ).json()
        return answer["count"], [(hit["title"], hit["score"]) for hit in answer["results"]]

    without = ranking()
    assert without[0] == 2
    make_item(
        gwangju,
        kind="testimony",
        titles={"en": "Closed testimony"},
        transcript=f"{WORD} " * 30,
        access="restricted",
    )
    make_item(gwangju, titles={"en": f"{WORD} withdrawn"}, is_withdrawn=True)
    make_event(gwangju, titles={"en": f"{WORD} {WORD}"}, access="restricted")
    assert ranking() == without
