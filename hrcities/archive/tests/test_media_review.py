"""Files are part of an item: contributors add them to drafts, and only reviewers add
them to what is submitted or published, so nothing reaches the public unreviewed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import MediaFile

from .factories import make_item

pytestmark = pytest.mark.django_db

UNREVIEWED = "Unreviewed transcript words"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def a_text_file():
    return SimpleUploadedFile(
        "notes.txt", b"Notes from the interview.\n", content_type="text/plain"
    )


def test_a_contributors_file_never_reaches_the_public_on_a_published_item(
    client, gwangju, contributor, api_token
):
    item = make_item(gwangju, titles={"en": "A published photograph"})

    response = client.post(
        f"/api/archive/items/{item.pk}/media",
        {"file": a_text_file(), "transcript": UNREVIEWED},
        **bearer(api_token(contributor)),
    )

    assert response.status_code == 403
    assert not MediaFile.objects.filter(item=item).exists()
    assert UNREVIEWED not in client.get(f"/api/archive/items/{item.pk}").content.decode()
    page = client.get(reverse("archive:item-detail", args=[item.pk])).content.decode()
    assert UNREVIEWED not in page


def test_the_add_file_page_is_refused_to_a_contributor_on_a_published_item(
    client, gwangju, contributor, signed_in
):
    item = make_item(gwangju)
    browser = signed_in(contributor)
    add = reverse("archive:item-media-add", args=[item.pk])

    assert browser.get(add).status_code == 403
    posted = browser.post(add, {"file": a_text_file(), "transcript": UNREVIEWED})
    assert posted.status_code == 403
    assert not MediaFile.objects.filter(item=item).exists()
    assert add not in browser.get(reverse("archive:item-detail", args=[item.pk])).content.decode()


def test_a_contributor_adds_files_to_a_draft(client, gwangju, contributor, api_token):
    draft = make_item(gwangju, publication="draft")

    response = client.post(
        f"/api/archive/items/{draft.pk}/media",
        {"file": a_text_file(), "transcript": "Draft notes"},
        **bearer(api_token(contributor)),
    )

    assert response.status_code == 201
    assert MediaFile.objects.filter(item=draft).count() == 1


def test_a_reviewer_adds_files_to_a_published_item(client, gwangju, api_token):
    reviewer = make_user("reviewer")
    give_role(reviewer, "reviewer", city=gwangju)
    item = make_item(gwangju)

    response = client.post(
        f"/api/archive/items/{item.pk}/media",
        {"file": a_text_file(), "transcript": "Reviewed notes"},
        **bearer(api_token(reviewer)),
    )

    assert response.status_code == 201
    assert "Reviewed notes" in client.get(f"/api/archive/items/{item.pk}").content.decode()
