"""A measure without a published review is "never reviewed" for everyone; its keepers
also see that a review of theirs is under way, and no one else learns of that draft, on
the dashboard or over the API."""

import pytest
from django.urls import reverse

from hrcities.access.tiers import Publication

from .factories import make_measure, make_review

pytestmark = pytest.mark.django_db

DRAFT_NOTE = "no published review (1 draft)"


@pytest.fixture
def measure(gwangju):
    measure = make_measure(gwangju, titles={"en": "Curfew for bars"})
    make_review(measure, publication=Publication.DRAFT, outcome="incompatible")
    return measure


def never_reviewed(client, **headers):
    body = client.get("/api/emergency/watch", **headers).json()
    return {m["title"]: m["unpublished_reviews"] for m in body["never_reviewed"]}


def test_the_public_sees_never_reviewed_and_nothing_of_the_draft(client, measure):
    page = client.get(reverse("emergency:dashboard")).content.decode()

    assert "Curfew for bars" in page
    assert "draft" not in page.split('id="never-reviewed-heading"')[1]
    assert never_reviewed(client) == {"Curfew for bars": 0}


def test_the_keepers_see_that_a_draft_exists(client, signed_in, measure, gwangju_editor):
    keeper = signed_in(gwangju_editor)

    page = keeper.get(reverse("emergency:dashboard")).content.decode()

    assert DRAFT_NOTE in page
    assert never_reviewed(keeper) == {"Curfew for bars": 1}


def test_members_and_other_cities_see_no_draft(client, signed_in, measure, busan_editor, reader):
    for user in (busan_editor, reader):
        other = signed_in(user)
        assert DRAFT_NOTE not in other.get(reverse("emergency:dashboard")).content.decode()
        assert never_reviewed(other) == {"Curfew for bars": 0}


def test_submitted_reviews_count_and_a_published_one_ends_the_alert(
    client, signed_in, measure, gwangju_editor
):
    make_review(measure, publication=Publication.SUBMITTED)
    keeper = signed_in(gwangju_editor)
    page = keeper.get(reverse("emergency:dashboard")).content.decode()
    assert "no published review (2 drafts)" in page

    make_review(measure, outcome="compatible")
    assert never_reviewed(keeper) == {}
    client.logout()
    assert never_reviewed(client) == {}


def test_the_draft_note_reads_in_korean(signed_in, measure, gwangju_editor):
    page = (
        signed_in(gwangju_editor)
        .get(reverse("emergency:dashboard"), HTTP_ACCEPT_LANGUAGE="ko")
        .content.decode()
    )
    assert "no published review" not in page
    assert "초안 1건" in page
