"""Facet counts, facet filters, dates, sorting and pagination."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.search.services import Filters, search

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(gwangju, busan):
    make_document(
        "School rights in Gwangju",
        "Education for every child",
        city=gwangju,
        date_start=date(1985, 5, 1),
        labels=["theme:right-to-education", "sdg:4", "group:children"],
    )
    make_document(
        "Adult education programme",
        "Education for adults",
        kind="action",
        city=busan,
        date_start=date(2019, 3, 1),
        labels=["theme:right-to-education", "sdg:4"],
    )
    make_document(
        "교육 기록",
        "education 기억",
        city=gwangju,
        language="ko",
        date_start=date(1980, 5, 18),
        labels=["sdg:16"],
    )
    make_document("Unrelated housing", "Housing", city=busan, date_start=date(2001, 1, 1))


def _counts(results, facet):
    return {v.value: v.count for v in results.facets[facet]}


def test_facets_count_the_matching_documents(corpus):
    results = search(AnonymousUser(), "education", use_semantic=False)
    assert results.count == 3
    assert _counts(results, "kind") == {"item": 2, "action": 1}
    assert _counts(results, "city") == {"gwangju": 2, "busan": 1}
    assert _counts(results, "sdg") == {"4": 2, "16": 1}
    assert _counts(results, "theme") == {"right-to-education": 2}
    assert _counts(results, "group") == {"children": 1}
    assert _counts(results, "lang") == {"en": 2, "ko": 1}
    assert _counts(results, "decade") == {"1980s": 2, "2010s": 1}
    assert [v.value for v in results.facets["decade"]] == ["2010s", "1980s"]


def test_a_facet_filter_narrows_results_and_counts(corpus):
    results = search(
        AnonymousUser(), "education", filters=Filters(city=["gwangju"]), use_semantic=False
    )
    assert results.count == 2
    assert _counts(results, "sdg") == {"4": 1, "16": 1}
    assert [v for v in results.facets["city"] if v.is_selected][0].value == "gwangju"


def test_values_of_one_facet_widen_and_facets_together_narrow(corpus):
    either = Filters(sdg=["4", "16"])
    both = Filters(sdg=["4"], city=["gwangju"])
    assert search(AnonymousUser(), "education", filters=either, use_semantic=False).count == 3
    assert search(AnonymousUser(), "education", filters=both, use_semantic=False).count == 1


def test_a_date_range_keeps_records_that_overlap_it(corpus):
    filters = Filters(date_from=date(1980, 1, 1), date_to=date(1989, 12, 31))
    results = search(AnonymousUser(), "education", filters=filters, use_semantic=False)
    assert {h.title for h in results.hits} == {"School rights in Gwangju", "교육 기록"}


def test_filters_without_words_browse_by_date(corpus):
    results = search(AnonymousUser(), "", filters=Filters(city=["busan"], kind=["item", "action"]))
    assert [h.title for h in results.hits] == ["Adult education programme", "Unrelated housing"]


def test_sorting_by_date_puts_the_newest_first(corpus):
    results = search(AnonymousUser(), "education", sort="date", use_semantic=False)
    assert [h.date.year for h in results.hits] == [2019, 1985, 1980]


def test_pages_follow_each_other_without_overlap(db):
    for n in range(25):
        make_document(f"Page test {n}", "paginated words")
    first = search(AnonymousUser(), "paginated", limit=10, offset=0, use_semantic=False)
    third = search(AnonymousUser(), "paginated", limit=10, offset=20, use_semantic=False)
    assert first.count == 25 and len(first.hits) == 10 and len(third.hits) == 5
    assert not {h.id for h in first.hits} & {h.id for h in third.hits}


def test_snippets_mark_the_matching_original_words_and_escape_the_rest(db):
    make_document("Snippet", "<b>Memories</b> & the 기억을 of <script>x</script>", language="en")
    hit = search(AnonymousUser(), "memory 기억", use_semantic=False).hits[0]
    assert "<mark>Memories</mark>" in hit.snippet
    assert "<mark>기억을</mark>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "<script>" not in hit.snippet


def test_beyond_the_window_counts_are_lower_bounds_taken_from_the_newest_matches(
    monkeypatch, gwangju, busan
):
    from hrcities.search import services

    monkeypatch.setattr(services, "COUNT_LIMIT", 3)
    for n in range(3):
        make_document(f"Old housing report {n}", "housing", city=busan)
    for n in range(3):
        make_document(f"New housing report {n}", "housing", city=gwangju)
    results = search(AnonymousUser(), "housing", use_semantic=False)
    assert (results.count, results.count_is_lower_bound) == (3, True)
    assert {v.value: v.count for v in results.facets["city"]} == {"gwangju": 3}
    assert sorted(h.title for h in results.hits) == [f"New housing report {n}" for n in range(3)]

    results = search(AnonymousUser(), "housing", filters=Filters(city=["busan"]))
    assert (results.count, results.count_is_lower_bound) == (3, False)
    assert {v.value: v.count for v in results.facets["city"]} == {"busan": 3}


def test_suggested_tags_count_and_filter_only_when_asked_for(gwangju, admin):
    from hrcities.archive.tests.factories import make_item
    from hrcities.taxonomy.models import SdgGoal
    from hrcities.taxonomy.tags import record_suggestions, set_accepted_tags

    for number in (1, 11):
        SdgGoal.objects.get_or_create(number=number, defaults={"titles": {"en": f"Goal {number}"}})
    confirmed = make_item(gwangju, titles={"en": "Shelter testimony, confirmed"})
    proposed = make_item(gwangju, titles={"en": "Shelter testimony, proposed"})
    set_accepted_tags(confirmed, ["sdg:11"], by=admin)
    record_suggestions(proposed, [("sdg:11", 0.8), ("sdg-target:1.4", 0.7)])

    plain = search(AnonymousUser(), "shelter", use_semantic=False)
    assert {v.value: v.count for v in plain.facets["sdg"]} == {"11": 1}
    only = search(AnonymousUser(), "shelter", filters=Filters(sdg=["11"]), use_semantic=False)
    assert [h.title for h in only.hits] == ["Shelter testimony, confirmed"]

    asked = Filters(include_suggested=True)
    both = search(AnonymousUser(), "shelter", filters=asked, use_semantic=False)
    assert {v.value: v.count for v in both.facets["sdg"]} == {"11": 2, "1": 1}
    asked.sdg = ["1"]
    goal_1 = search(AnonymousUser(), "shelter", filters=asked, use_semantic=False)
    assert [h.title for h in goal_1.hits] == ["Shelter testimony, proposed"]


def test_the_api_counts_suggested_tags_when_asked(client, gwangju):
    from hrcities.archive.tests.factories import make_item
    from hrcities.taxonomy.tags import record_suggestions

    record_suggestions(
        make_item(gwangju, titles={"en": "Shelter report"}), [("theme:housing", 0.9)]
    )
    plain = client.get("/api/search", {"q": "shelter", "semantic": "false"}).json()
    asked = client.get("/api/search", {"q": "shelter", "semantic": "false", "suggested": "true"})
    assert plain["facets"]["theme"] == []
    assert [v["value"] for v in asked.json()["facets"]["theme"]] == ["housing"]
