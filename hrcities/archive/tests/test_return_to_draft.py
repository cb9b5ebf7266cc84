"""A reviewer returns a submitted item to its submitter, with a note, from the item's page
or the API; the submitter is told (page of work with the note, email without it), and
nobody else may do it."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from hrcities.access.tiers import Publication
from hrcities.archive.services import return_to_draft, submit_for_review
from hrcities.archive.tests.factories import make_item
from hrcities.core.models import AuditEntry
from hrcities.work.tests.factories import titles, with_address

pytestmark = pytest.mark.django_db

TITLE = "Letters from the Provincial Office"
NOTE = "Please add the date of the second letter."


@pytest.fixture
def submitted(gwangju, contributor):
    item = make_item(gwangju, titles={"en": TITLE}, publication=Publication.DRAFT)
    return submit_for_review(item, by=contributor)


def test_a_reviewer_returns_an_item_to_draft_from_its_page_after_asking(
    client, gwangju_editor, contributor, submitted, django_capture_on_commit_callbacks
):
    with_address(contributor)
    client.force_login(gwangju_editor)
    url = reverse("archive:item-return", args=[submitted.pk])
    assert url in client.get(submitted.get_absolute_url()).content.decode()

    asked = client.get(url)
    unconfirmed = client.post(url, {"note": NOTE})
    submitted.refresh_from_db()
    assert submitted.publication == Publication.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"note": NOTE, "confirm": "on"})

    assert asked.status_code == 200 and "A note to the submitter" in asked.content.decode()
    assert unconfirmed.status_code == 400
    assert done.status_code == 302 and done.url == submitted.get_absolute_url()
    submitted.refresh_from_db()
    assert submitted.publication == Publication.DRAFT
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RECORD_RETURNED)
    assert entry.details["note"] == NOTE
    [message] = mail.outbox
    assert message.to == [contributor.email]
    assert NOTE not in message.body and TITLE not in message.body


def test_the_submitter_reads_the_note_on_their_page_of_work(
    client, gwangju_editor, contributor, submitted
):
    return_to_draft(submitted, by=gwangju_editor, note=NOTE)
    client.force_login(contributor)

    page = client.get(reverse("work:kind", args=["decided"])).content.decode()

    assert titles("decided", contributor) == [TITLE]
    assert "sent back to draft" in page and NOTE in page


@pytest.mark.parametrize("who", ["busan_editor", "contributor", "reader"])
def test_others_cannot_return_an_item_to_draft(client, who, request, submitted):
    client.force_login(request.getfixturevalue(who))

    page = client.post(
        reverse("archive:item-return", args=[submitted.pk]), {"note": "x", "confirm": "on"}
    )
    api = client.post(
        f"/api/archive/items/{submitted.pk}/return",
        json.dumps({"note": "x"}),
        content_type="application/json",
    )

    assert page.status_code in (403, 404) and api.status_code in (403, 404)
    submitted.refresh_from_db()
    assert submitted.publication == Publication.SUBMITTED
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.RECORD_RETURNED).exists()


def test_the_api_returns_a_submitted_item_and_refuses_a_draft(client, gwangju_editor, submitted):
    client.force_login(gwangju_editor)
    url = f"/api/archive/items/{submitted.pk}/return"

    returned = client.post(url, json.dumps({"note": NOTE}), content_type="application/json")
    again = client.post(url, json.dumps({}), content_type="application/json")

    assert returned.status_code == 200 and returned.json()["publication"] == "draft"
    assert again.status_code == 422 and "Only a submitted record" in again.content.decode()


def test_the_page_of_a_draft_sends_the_reviewer_back(client, gwangju_editor, gwangju):
    item = make_item(gwangju, titles={"en": TITLE}, publication=Publication.DRAFT)
    client.force_login(gwangju_editor)

    response = client.get(reverse("archive:item-return", args=[item.pk]), follow=True)

    assert "is not waiting for review" in response.content.decode()
    assert reverse("archive:item-return", args=[item.pk]) not in response.content.decode()


def test_programmes_and_measure_reviews_go_back_to_draft_too(
    client, gwangju, gwangju_editor, busan_editor, contributor
):
    from hrcities.education.tests.factories import make_programme
    from hrcities.emergency.tests.factories import make_measure, make_review

    programme = make_programme(gwangju, titles={"en": "Rights at work"}, publication="draft")
    submit_for_review(programme, by=contributor)
    review = make_review(make_measure(gwangju), publication=Publication.DRAFT)
    submit_for_review(review, by=contributor)
    programme_page = reverse("education:programme-return", args=[programme.slug])
    review_api = f"/api/emergency/measures/{review.measure_id}/reviews/{review.pk}/return"

    client.force_login(busan_editor)
    refused = client.post(programme_page, {"confirm": "on"})
    refused_api = client.post(review_api, "{}", content_type="application/json")
    client.force_login(gwangju_editor)
    shown = client.get(programme.get_absolute_url()).content.decode()
    asked = client.get(reverse("emergency:review-return", args=[review.measure_id, review.pk]))
    done = client.post(programme_page, {"note": NOTE, "confirm": "on"})
    done_api = client.post(review_api, json.dumps({"note": NOTE}), content_type="application/json")
    programme_api = client.post(
        f"/api/education/programmes/{programme.pk}/return", "{}", content_type="application/json"
    )

    assert refused.status_code in (403, 404) and refused_api.status_code in (403, 404)
    assert programme_page in shown and asked.status_code == 200
    assert done.status_code == 302 and done_api.status_code == 200
    assert programme_api.status_code == 422  # a draft already
    programme.refresh_from_db()
    review.refresh_from_db()
    assert (programme.publication, review.publication) == (Publication.DRAFT, Publication.DRAFT)
    assert sorted(titles("decided", contributor)) == sorted(["Rights at work", str(review)])
