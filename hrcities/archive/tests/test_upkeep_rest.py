"""Deleting an event, removing a file from an item and allowing a real name on one role
link, from pages (asking first) and the API: what a keeper does, what another city's
editor cannot do, and what a refusal says (and never says)."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hrcities.archive.models import Event, MediaFile, PersonRole
from hrcities.archive.services import add_media, link_person, relate
from hrcities.core.models import AuditEntry

from .factories import make_event, make_item, make_person

pytestmark = pytest.mark.django_db


def confirmed(client, url):
    return client.post(url, {"confirm": "on"})


# --- events --------------------------------------------------------------------------------


def test_an_unused_event_is_deleted_after_asking(client, gwangju, gwangju_editor):
    event = make_event(gwangju, titles={"en": "Funeral march"})
    client.force_login(gwangju_editor)
    url = reverse("archive:event-delete", args=[event.pk])
    assert url in client.get(event.get_absolute_url()).content.decode()

    asked = client.get(url)
    deleted = confirmed(client, url)

    assert asked.status_code == 200 and "Delete the event" in asked.content.decode()
    assert deleted.status_code == 302 and not Event.objects.filter(pk=event.pk).exists()


def test_an_event_named_by_items_is_refused_naming_what_you_see_and_hiding_the_rest(
    client, gwangju, busan, gwangju_editor
):
    event = make_event(gwangju, titles={"en": "Funeral march"})
    make_item(gwangju, titles={"en": "Photo of the march"}).events.add(event)
    other = make_event(gwangju, titles={"en": "Vigil"})
    relate(other, "related-to", event, by=gwangju_editor)
    hidden = make_item(busan, titles={"en": "Busan secret letter"}, access="restricted")
    hidden.events.add(event)
    client.force_login(gwangju_editor)
    url = reverse("archive:event-delete", args=[event.pk])

    page = client.get(url).content.decode()
    posted = confirmed(client, url)
    api = client.delete(f"/api/archive/events/{event.pk}")

    assert "Photo of the march" in page and "Vigil" in page
    assert "you may not see" in page and "Busan secret letter" not in page
    assert "Delete the event" not in page  # no button while refused
    assert posted.status_code == 409 and api.status_code == 422
    assert "Busan secret letter" not in api.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("who", ["busan_editor", "reader"])
def test_another_citys_editor_cannot_delete_an_event(client, who, request, gwangju):
    event = make_event(gwangju)
    client.force_login(request.getfixturevalue(who))

    page = confirmed(client, reverse("archive:event-delete", args=[event.pk]))
    api = client.delete(f"/api/archive/events/{event.pk}")

    assert page.status_code in (403, 404) and api.status_code in (403, 404)
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_api_deletes_an_unused_event(client, gwangju, gwangju_editor):
    event = make_event(gwangju)
    client.force_login(gwangju_editor)

    assert client.delete(f"/api/archive/events/{event.pk}").status_code == 204
    assert not Event.objects.filter(pk=event.pk).exists()


# --- media ---------------------------------------------------------------------------------


@pytest.fixture
def photo(gwangju, gwangju_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    item = make_item(gwangju, titles={"en": "Square in May"})
    upload = SimpleUploadedFile("square.png", out.getvalue(), content_type="image/png")
    return add_media(item, upload, by=gwangju_editor)


def test_a_keeper_removes_a_file_and_its_stored_bytes_after_asking(
    client, gwangju_editor, photo, django_capture_on_commit_callbacks
):
    names = [photo.file.name, photo.thumbnail.name]
    assert all(default_storage.exists(name) for name in names)
    client.force_login(gwangju_editor)
    url = reverse("archive:media-remove", args=[photo.pk])
    assert url in client.get(photo.item.get_absolute_url()).content.decode()

    asked = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        removed = confirmed(client, url)

    assert "stored file is deleted" in asked and "thumbnail" in asked
    assert removed.status_code == 302 and not MediaFile.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
    entry = AuditEntry.objects.filter(details__media_removed="square.png").get()
    assert entry.actor == gwangju_editor


@pytest.mark.parametrize("who", ["busan_editor", "contributor", "reader"])
def test_others_cannot_remove_a_file(client, who, request, photo):
    client.force_login(request.getfixturevalue(who))

    page = confirmed(client, reverse("archive:media-remove", args=[photo.pk]))
    api = client.delete(f"/api/archive/media/{photo.pk}")

    assert page.status_code in (403, 404) and api.status_code in (403, 404)
    assert MediaFile.objects.filter(pk=photo.pk).exists()
    assert default_storage.exists(photo.file.name)


def test_the_api_removes_a_file(client, gwangju_editor, photo, django_capture_on_commit_callbacks):
    client.force_login(gwangju_editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/archive/media/{photo.pk}")

    assert response.status_code == 204 and not default_storage.exists(photo.file.name)


# --- a real name on one role link -------------------------------------------------------


@pytest.fixture
def link(gwangju, gwangju_editor):
    person = make_person(
        gwangju, pseudonym="Narrator Magnolia", real_name="Jeong Real", real_name_may_be_shown=True
    )
    item = make_item(gwangju, titles={"en": "A public photograph"})
    return link_person(person, "subject", by=gwangju_editor, item=item)


def test_a_keeper_allows_a_real_name_on_one_link_after_reading_what_it_opens(
    client, gwangju_editor, link
):
    client.force_login(gwangju_editor)
    url = reverse("archive:role-real-name", args=[link.pk])
    roles = client.get(reverse("archive:person-roles", args=[link.person_id])).content.decode()
    assert url in roles

    asked = client.get(url).content.decode()
    unconfirmed = client.post(url, {})
    link.refresh_from_db()
    assert not link.real_name_shown and unconfirmed.status_code == 400
    allowed = confirmed(client, url)

    assert "Everyone who may read" in asked and "Allow the real name" in asked
    assert allowed.status_code == 302
    link.refresh_from_db()
    assert link.real_name_shown
    assert "Jeong Real" in client.get(link.item.get_absolute_url()).content.decode()

    confirmed(client, url)  # the same page takes it back
    link.refresh_from_db()
    assert not link.real_name_shown


@pytest.mark.parametrize("who", ["busan_editor", "contributor"])
def test_others_cannot_allow_a_real_name(client, who, request, link):
    client.force_login(request.getfixturevalue(who))

    response = confirmed(client, reverse("archive:role-real-name", args=[link.pk]))

    assert response.status_code in (403, 404)
    assert not PersonRole.objects.get(pk=link.pk).real_name_shown


def test_the_api_changes_an_event_from_the_version_read(client, gwangju, gwangju_editor):
    event = make_event(gwangju, titles={"en": "Funeral march"})
    client.force_login(gwangju_editor)
    url = f"/api/archive/events/{event.pk}"
    version = client.get(url).json()["version"]

    changed = client.patch(
        url,
        {"version": version, "titles": {"en": "Funeral march", "ko": "장례 행진"}},
        content_type="application/json",
    )
    stale = client.patch(
        url, {"version": version, "titles": {"en": "Older edit"}}, content_type="application/json"
    )

    assert changed.status_code == 200 and changed.json()["titles"]["ko"] == "장례 행진"
    assert stale.status_code == 409
    event.refresh_from_db()
    assert event.titles == {"en": "Funeral march", "ko": "장례 행진"}


def test_another_citys_editor_cannot_change_an_event_nor_link_a_place_it_may_not_see(
    client, gwangju, busan, gwangju_editor, busan_editor
):
    from hrcities.archive.models import Place

    event = make_event(gwangju, publication="draft")
    busan_place = Place.objects.create(city=busan, titles={"en": "Busan office"})
    client.force_login(busan_editor)
    url = f"/api/archive/events/{event.pk}"
    assert client.patch(url, {"version": 1}, content_type="application/json").status_code == 404

    client.force_login(gwangju_editor)
    version = client.get(url).json()["version"]
    linked = client.patch(
        url, {"version": version, "place_ids": [busan_place.pk]}, content_type="application/json"
    )
    assert linked.status_code == 422
    assert linked.json()["errors"][0]["field"] == "place_ids"
    assert not event.places.exists()
