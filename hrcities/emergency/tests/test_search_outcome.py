"""The search's outcome facet follows the pages' rule: each reader gets the outcome of a
measure's latest published review *they* may see. The public sees public reviews only;
members also see members-only reviews; a review restricted to named people sets the
outcome for them alone; drafts set it for no one. No count tells of a review the reader
may not see."""

from datetime import date

import pytest

from hrcities.access.tiers import Access, Publication

from .factories import make_measure, make_review
from .test_search import facet, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures(gwangju, covid, reader):
    members = make_measure(gwangju, titles={"en": "Curfew members review"}, emergency=covid)
    make_review(members, outcome="incompatible", access=Access.NETWORK)
    later = make_measure(gwangju, titles={"en": "Curfew later review"}, emergency=covid)
    make_review(later, outcome="compatible", reviewed_on=date(2020, 5, 1))
    make_review(later, outcome="concerns", access=Access.NETWORK, reviewed_on=date(2020, 7, 1))
    named = make_measure(gwangju, titles={"en": "Curfew named review"}, emergency=covid)
    restricted = make_review(named, outcome="concerns", access=Access.RESTRICTED)
    restricted.allowed_users.set([reader])
    drafted = make_measure(gwangju, titles={"en": "Curfew drafted review"}, emergency=covid)
    make_review(drafted, outcome="incompatible", publication=Publication.DRAFT)
    return members, later, named, drafted


def test_the_public_counts_public_reviews_only(client, measures):
    _titles, body = found(client, "curfew")

    assert facet(body, "outcome") == {"unreviewed": 3, "compatible": 1}
    assert found(client, "curfew", outcome="incompatible")[0] == []
    assert found(client, "curfew", outcome="concerns")[0] == []
    assert len(found(client, "curfew", outcome="unreviewed")[0]) == 3


def test_members_count_the_members_only_reviews(client, measures, busan_editor):
    client.force_login(busan_editor)

    _titles, body = found(client, "curfew")

    assert facet(body, "outcome") == {"incompatible": 1, "concerns": 1, "unreviewed": 2}
    assert found(client, "curfew", outcome="incompatible")[0] == ["Curfew members review"]
    assert found(client, "curfew", outcome="concerns")[0] == ["Curfew later review"]
    assert found(client, "curfew", outcome="compatible")[0] == []
    assert found(client, "curfew", outcome="unreviewed")[0] == [
        "Curfew drafted review",
        "Curfew named review",
    ]


def test_a_named_reader_counts_the_review_restricted_to_them(client, measures, reader):
    client.force_login(reader)

    _titles, body = found(client, "curfew")

    assert facet(body, "outcome") == {"incompatible": 1, "concerns": 2, "unreviewed": 1}
    assert found(client, "curfew", outcome="concerns")[0] == [
        "Curfew later review",
        "Curfew named review",
    ]


def test_a_draft_review_sets_the_outcome_for_no_one_not_even_its_keepers(
    client, measures, gwangju_editor
):
    client.force_login(gwangju_editor)

    assert "Curfew drafted review" in found(client, "curfew", outcome="unreviewed")[0]
    assert found(client, "curfew", outcome="incompatible")[0] == ["Curfew members review"]


def test_the_outcome_filter_combines_with_other_facets(client, measures, busan_editor):
    client.force_login(busan_editor)

    titles, body = found(client, "curfew", outcome="incompatible", emergency="covid-19")

    assert titles == ["Curfew members review"]
    assert body["count"] == 1
