"""Submitting for review, and adding files: only those who may change the item, and
never a way to take a published item off view or to widen who reads a restricted one."""

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Item

from .factories import make_item

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def other_contributor(gwangju):
    user = make_user("other-contributor")
    give_role(user, "contributor", city=gwangju)
    return user


def publication(item):
    return Item.objects.values_list("publication", flat=True).get(pk=item.pk)


def test_a_contributor_cannot_take_a_published_item_off_public_view_by_submitting_it(
    client, gwangju, contributor, api_token
):
    item = make_item(gwangju, titles={"en": "A published photograph"})

    response = client.post(f"/api/archive/items/{item.pk}/submit", **bearer(api_token(contributor)))

    assert response.status_code == 422
    assert "draft" in response.json()["detail"]
    assert publication(item) == "published"
    assert client.get(f"/api/archive/items/{item.pk}").status_code == 200


def test_a_named_reader_cannot_show_a_restricted_item_to_every_contributor_by_submitting_it(
    client, gwangju, contributor, other_contributor, api_token
):
    item = make_item(
        gwangju,
        titles={"en": "Restricted testimony"},
        access="restricted",
        allowed_users=[contributor],
    )

    response = client.post(f"/api/archive/items/{item.pk}/submit", **bearer(api_token(contributor)))

    assert response.status_code == 422
    assert publication(item) == "published"
    seen = client.get(f"/api/archive/items/{item.pk}", **bearer(api_token(other_contributor)))
    assert seen.status_code == 404


def test_a_named_reader_without_a_role_may_not_submit(client, gwangju, reader, api_token):
    item = make_item(gwangju, access="restricted", allowed_users=[reader])

    response = client.post(f"/api/archive/items/{item.pk}/submit", **bearer(api_token(reader)))

    assert response.status_code == 403
    assert publication(item) == "published"


def test_a_contributor_sends_a_draft_to_the_reviewers(client, gwangju, contributor, api_token):
    draft = make_item(gwangju, publication="draft")

    response = client.post(
        f"/api/archive/items/{draft.pk}/submit", **bearer(api_token(contributor))
    )

    assert response.status_code == 200 and response.json()["publication"] == "submitted"


def test_the_submit_button_refuses_a_published_item_and_says_why(
    client, gwangju, contributor, signed_in
):
    item = make_item(gwangju)

    response = signed_in(contributor).post(
        reverse("archive:item-submit", args=[item.pk]), follow=True
    )

    assert publication(item) == "published"
    assert "Only a draft is sent to the reviewers" in response.content.decode()
