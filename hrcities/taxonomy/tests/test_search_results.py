"""A UPR recommendation in the search results reads by its own words, with the country,
cycle and paragraph it comes from on the line below."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from hrcities.search.indexing import index_record
from hrcities.search.registry import kind_for_model
from hrcities.search.services import Filters, search
from hrcities.taxonomy.models import UprRecommendation
from hrcities.taxonomy.search import first_words

pytestmark = pytest.mark.django_db

TITLE = "Incorporate education on sexual consent in official school curricula, adapting it to…"


@pytest.fixture(autouse=True)
def indexed():
    """Index the recommendation (the loaded vocabularies are not indexed in tests)."""
    recommendation = UprRecommendation.objects.get(country="Slovenia", paragraph="140.130")
    index_record(kind_for_model(UprRecommendation), recommendation)


def only_hit(q: str):
    filters = Filters(kind=["upr-recommendation"])
    results = search(AnonymousUser(), q, filters=filters, use_semantic=False)
    assert results.count == 1, q
    return results.hits[0]


def test_a_recommendation_is_titled_by_its_first_words_and_placed_below():
    hit = only_hit("sexual consent curricula")
    assert hit.title == TITLE
    assert hit.subtitle == "Slovenia, UPR cycle 4, paragraph 140.130"
    with translation.override("ko"):
        assert only_hit("sexual consent curricula").subtitle == "Slovenia, UPR 4주기, 140.130항"


def test_its_country_and_paragraph_still_find_it():
    assert only_hit("Slovenia 140.130 consent").title == TITLE


def test_the_page_and_the_api_show_both_lines(client):
    page = client.get(reverse("search:search"), {"q": "sexual consent curricula"})
    html = page.content.decode()
    title = html.index(f">{TITLE}</a></h3>")
    source = html.index('<p class="result-subtitle">Slovenia, UPR cycle 4, paragraph 140.130</p>')
    assert title < source
    found = client.get(
        "/api/search", {"q": "sexual consent curricula", "kind": "upr-recommendation"}
    )
    (result,) = found.json()["results"]
    assert (result["title"], result["subtitle"]) == (
        TITLE,
        "Slovenia, UPR cycle 4, paragraph 140.130",
    )


def test_first_words_cut_long_text_at_a_word_and_keep_short_text_whole():
    assert first_words("Ratify the convention.", 12) == "Ratify the convention."
    assert first_words("one, two; three: four five", 3) == "one, two; three…"
    assert first_words("Take steps, to end", 2) == "Take steps…"
