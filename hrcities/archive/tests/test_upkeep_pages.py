"""The pages that keep collections, places, people, roles, relations and redactions,
without the Django admin: what a keeper does, what another city's editor and a reader
cannot do, and what a refusal says."""

import pytest
from django.urls import reverse

from hrcities.access.tiers import Publication
from hrcities.archive.models import Collection, Person, PersonRole, Place, Redaction, Relation
from hrcities.archive.services import create_archive_record, redact_phrase
from hrcities.core.models import AuditEntry, Revision
from hrcities.network.models import GeoNamesPlace

from .factories import make_item, make_person

pytestmark = pytest.mark.django_db


def place_form(**changes):
    answers = {
        "owner": "city:gwangju",
        "title_en": "Former Provincial Office",
        "title_ko": "옛 전남도청",
        "title_original": "",
        "original_language": "ko",
        "description_en": "",
        "description_ko": "",
        "address": "Geumnam-ro, Dong-gu",
        "latitude": "35.1468",
        "longitude": "126.9198",
        "geonames_q": "",
    }
    answers.update(changes)
    return answers


def make_place(city, **overrides):
    values = {"city": city, "titles": {"en": "Place"}, "original_language": "en"}
    values.update(overrides)
    return create_archive_record(Place, by=None, **values)


def make_collection(city, slug="letters", **overrides):
    values = {
        "city": city,
        "slug": slug,
        "titles": {"en": f"Collection {slug}"},
        "original_language": "en",
        "publication": Publication.PUBLISHED,
    }
    values.update(overrides)
    return create_archive_record(Collection, by=None, **values)


# --- places ----------------------------------------------------------------------------


def test_a_keeper_adds_a_place_by_typing_its_coordinates(signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)
    response = client.post(reverse("archive:place-create"), place_form())
    place = Place.objects.get()
    assert response.status_code == 302 and response.url == place.get_absolute_url()
    assert (place.latitude, place.longitude) == (35.1468, 126.9198)
    page = client.get(place.get_absolute_url()).content.decode()
    assert "35.1468, 126.9198" in page and "Edit" in page
    assert Revision.objects.filter(object_id=str(place.pk), action="create").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "95", "The latitude must be between -90 and 90."),
        ("longitude", "-181.5", "The longitude must be between -180 and 180."),
    ],
)
def test_coordinates_out_of_range_are_refused_naming_the_field(
    signed_in, gwangju_editor, field, value, message
):
    client = signed_in(gwangju_editor)
    response = client.post(reverse("archive:place-create"), place_form(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors[field] == [message]
    assert not Place.objects.exists()


def test_a_geonames_place_is_found_by_name_and_gives_its_coordinates(signed_in, gwangju_editor):
    GeoNamesPlace.objects.create(
        geonames_id=1841811,
        name="Gwangju",
        ascii_name="gwangju",
        name_ko="광주",
        country_code="KR",
        latitude=35.15472,
        longitude=126.91556,
        population=1416938,
    )
    client = signed_in(gwangju_editor)
    answers = place_form(latitude="", longitude="", geonames_q="광주", find="1")
    found = client.post(reverse("archive:place-create"), answers)
    assert found.status_code == 200 and "Gwangju (광주), KR" in found.content.decode()
    assert not Place.objects.exists()  # looking up saves nothing
    answers.pop("find")
    client.post(reverse("archive:place-create"), {**answers, "geonames_place": "1841811"})
    place = Place.objects.get()
    assert place.geonames_place_id == 1841811
    assert (place.latitude, place.longitude) == (35.15472, 126.91556)


def test_another_citys_editor_changes_and_deletes_no_place_of_gwangju(
    signed_in, gwangju, busan_editor
):
    place = make_place(gwangju, titles={"en": "Geumnam-ro"}, latitude=35.0, longitude=126.0)
    make_item(gwangju, place=place)  # public, so Busan's editor sees the place
    client = signed_in(busan_editor)
    edit = client.post(
        reverse("archive:place-edit", args=[place.pk]), place_form(version="1", latitude="1")
    )
    delete = client.post(reverse("archive:place-delete", args=[place.pk]), {"confirm": "on"})
    assert edit.status_code == 403 and delete.status_code == 403
    place.refresh_from_db()
    assert place.latitude == 35.0 and place.version == 1


def test_a_reader_may_not_add_places_collections_or_people(signed_in, reader):
    client = signed_in(reader)
    for name in ("archive:place-create", "archive:collection-create", "archive:person-create"):
        assert client.get(reverse(name)).status_code == 403
    assert not Place.objects.exists() and not Person.objects.exists()


def test_a_place_that_items_name_is_not_deleted_and_the_refusal_names_them(
    signed_in, gwangju, gwangju_editor
):
    place = make_place(gwangju)
    make_item(gwangju, place=place, titles={"en": "Letter from the fountain"})
    client = signed_in(gwangju_editor)
    url = reverse("archive:place-delete", args=[place.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and "I understand what this does" in asked.content.decode()
    refused = client.post(url, {"confirm": "on"})
    text = refused.content.decode()
    assert refused.status_code == 409 and "1 item: “Letter from the fountain”" in text
    assert Place.objects.filter(pk=place.pk).exists()


def test_a_place_deleted_after_confirmation_keeps_its_last_version(
    signed_in, gwangju, gwangju_editor
):
    place = make_place(gwangju)
    client = signed_in(gwangju_editor)
    url = reverse("archive:place-delete", args=[place.pk])
    assert client.post(url, {}).status_code == 400  # the box is not ticked
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not Place.objects.filter(pk=place.pk).exists()
    assert Revision.objects.filter(object_id=str(place.pk), action="delete").exists()


def test_the_place_list_is_paginated_and_speaks_korean(client, signed_in, gwangju, gwangju_editor):
    for n in range(27):
        make_place(gwangju, titles={"en": f"Site {n:02d}"})
    client = signed_in(gwangju_editor)
    first = client.get(reverse("archive:place-list")).content.decode()
    second = client.get(reverse("archive:place-list") + "?page=2").content.decode()
    assert "27 places" in first and "Site 00" in first and "Site 26" not in first
    assert "Site 26" in second
    korean = client.get(reverse("archive:place-list"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "장소" in korean


# --- collections -----------------------------------------------------------------------


def test_a_keeper_adds_edits_and_publishes_a_collection(signed_in, gwangju_editor):
    client = signed_in(gwangju_editor)
    answers = {
        "owner": "city:gwangju",
        "title_en": "Letters of the families",
        "original_language": "ko",
        "access": "public",
    }
    response = client.post(reverse("archive:collection-create"), answers)
    collection = Collection.objects.get(slug="letters-of-the-families")
    assert response.status_code == 302 and collection.publication == Publication.DRAFT
    edit = reverse("archive:collection-edit", args=[collection.slug])
    changed = {**answers, "title_en": "Letters", "slug": collection.slug, "version": "1"}
    assert client.post(edit, changed).status_code == 302
    stale = client.post(edit, {**changed, "title_en": "Old"})
    assert stale.status_code == 409
    client.post(edit, {"publish": "1"})
    collection.refresh_from_db()
    assert collection.title == "Letters" and collection.publication == Publication.PUBLISHED


def test_a_collection_holding_items_is_deleted_only_by_moving_them(
    signed_in, gwangju, gwangju_editor
):
    letters = make_collection(gwangju, "letters")
    photos = make_collection(gwangju, "photos")
    items = [make_item(gwangju, collection=letters) for _ in range(3)]
    client = signed_in(gwangju_editor)
    url = reverse("archive:collection-delete", args=["letters"])
    assert "It holds 3 items you may see" in client.get(url).content.decode()
    refused = client.post(url, {"confirm": "on"})
    assert refused.status_code == 409 and "is still used by 3 items" in refused.content.decode()
    moved = client.post(url, {"confirm": "on", "move_to": photos.pk})
    assert moved.status_code == 302
    assert not Collection.objects.filter(slug="letters").exists()
    for item in items:
        item.refresh_from_db()
        assert item.collection == photos and item.version == 2


def test_the_collection_list_and_a_collections_items_are_paginated(client, gwangju):
    letters = make_collection(gwangju, "letters")
    for n in range(26):
        make_collection(gwangju, f"c{n:02d}")
        make_item(gwangju, collection=letters)
    listing = client.get(reverse("archive:collection-list")).content.decode()
    assert "27 collections" in listing and "Page 1 of 2" in listing
    items = client.get(letters.get_absolute_url()).content.decode()
    assert "26 items in this collection" in items and "Page 1 of 2" in items


# --- people ----------------------------------------------------------------------------


def test_a_keeper_adds_a_person_whose_real_name_readers_never_see(
    client, signed_in, gwangju, gwangju_editor
):
    keeper = signed_in(gwangju_editor)
    answers = {"owner": "city:gwangju", "pseudonym": "Camellia", "real_name": "Kim Secret"}
    assert keeper.post(reverse("archive:person-create"), answers).status_code == 302
    person = Person.objects.get()
    assert person.titles == {"und": "Camellia"}
    make_item(gwangju, narrator=person)
    client.logout()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Camellia" in page and "Kim Secret" not in page


def test_a_narrator_is_not_deleted_and_the_refusal_names_the_items(
    signed_in, gwangju, gwangju_editor
):
    person = make_person(gwangju)
    make_item(gwangju, narrator=person, titles={"en": "Night at the office"})
    client = signed_in(gwangju_editor)
    refused = client.post(reverse("archive:person-delete", args=[person.pk]), {"confirm": "on"})
    assert refused.status_code == 409
    assert "1 item: “Night at the office”" in refused.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_keeper_gives_a_person_a_role_found_by_title_and_takes_it_back(
    signed_in, gwangju, gwangju_editor
):
    person = make_person(gwangju, pseudonym="Witness A")
    item = make_item(gwangju, titles={"en": "Photograph of the fountain"})
    client = signed_in(gwangju_editor)
    url = reverse("archive:person-roles", args=[person.pk])
    found = client.post(url, {"role": "witness", "q": "fountain", "find": "1"})
    assert "Photograph of the fountain" in found.content.decode()
    added = client.post(url, {"role": "witness", "q": "fountain", "target": f"item:{item.pk}"})
    assert added.status_code == 302
    link = PersonRole.objects.get(person=person, item=item, role="witness")
    remove = reverse("archive:role-remove", args=[link.pk])
    assert client.post(remove, {"confirm": "on"}).status_code == 302
    assert not PersonRole.objects.exists()


# --- relations -------------------------------------------------------------------------


def test_a_keeper_relates_records_across_cities_and_removes_the_relation(
    signed_in, gwangju, busan, gwangju_editor
):
    ours = make_item(gwangju, titles={"en": "Gwangju testimony"})
    theirs = make_item(busan, titles={"en": "Busan testimony of the same days"})
    client = signed_in(gwangju_editor)
    url = reverse("archive:item-relations", args=[ours.pk])
    answers = {"kind": "shares-experience-with", "q": "same days", "target": f"item:{theirs.pk}"}
    assert client.post(url, answers).status_code == 302
    relation = Relation.objects.get()
    assert "Busan testimony of the same days" in client.get(url).content.decode()
    remove = reverse("archive:relation-remove", args=[relation.pk])
    assert client.post(remove, {"confirm": "on"}).status_code == 302
    assert not Relation.objects.exists()


def test_the_record_picker_never_shows_a_restricted_title_of_another_city(
    signed_in, gwangju, busan, gwangju_editor
):
    ours = make_item(gwangju)
    hidden = make_item(busan, titles={"en": "Restricted Sentinel of Busan"}, access="restricted")
    client = signed_in(gwangju_editor)
    url = reverse("archive:item-relations", args=[ours.pk])
    found = client.post(url, {"kind": "related-to", "q": "Sentinel", "find": "1"})
    assert "Restricted Sentinel" not in found.content.decode()
    forced = client.post(url, {"kind": "related-to", "q": "", "target": f"item:{hidden.pk}"})
    assert forced.status_code == 400 and not Relation.objects.exists()
    assert "Restricted Sentinel" not in forced.content.decode()


def test_another_citys_editor_cannot_manage_gwangju_relations(signed_in, gwangju, busan_editor):
    item = make_item(gwangju)
    client = signed_in(busan_editor)
    assert client.get(reverse("archive:item-relations", args=[item.pk])).status_code == 403


# --- redactions ------------------------------------------------------------------------


def test_removing_a_redaction_asks_first_keeps_its_revisions_and_is_logged(
    client, signed_in, gwangju, gwangju_editor
):
    item = make_item(gwangju, descriptions={"en": "He saw Park Secret there."})
    redaction = redact_phrase(item, by=gwangju_editor, phrase="Park Secret")
    assert "Park Secret" not in client.get(item.get_absolute_url()).content.decode()
    keeper = signed_in(gwangju_editor)
    url = reverse("archive:redaction-remove", args=[redaction.pk])
    asked = keeper.get(url).content.decode()
    assert "Readers will read “Park Secret”" in asked
    assert keeper.post(url, {"confirm": "on"}).status_code == 302
    assert not Redaction.objects.exists()
    actions = Revision.objects.filter(object_id=str(redaction.pk)).values_list("action", flat=True)
    assert sorted(actions) == ["create", "delete"]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.PROTECTION_LOOSENED, target_id=str(item.pk)
    ).exists()
    keeper.logout()
    assert "Park Secret" in client.get(item.get_absolute_url()).content.decode()


def test_a_redactions_history_is_read_only_by_the_items_keepers(
    client, signed_in, gwangju, gwangju_editor, busan_editor
):
    item = make_item(gwangju, descriptions={"en": "He saw Park Secret there."})
    redaction = redact_phrase(item, by=gwangju_editor, phrase="Park Secret")
    url = reverse("core:record-history", args=["archive.redaction", redaction.pk])
    assert client.get(url).status_code == 404
    assert signed_in(busan_editor).get(url).status_code == 404
    assert signed_in(gwangju_editor).get(url).status_code == 200


def test_another_citys_editor_cannot_remove_a_redaction(
    signed_in, gwangju, gwangju_editor, busan_editor
):
    item = make_item(gwangju, descriptions={"en": "He saw Park Secret there."})
    redaction = redact_phrase(item, by=gwangju_editor, phrase="Park Secret")
    client = signed_in(busan_editor)
    response = client.post(
        reverse("archive:redaction-remove", args=[redaction.pk]), {"confirm": "on"}
    )
    assert response.status_code == 403 and Redaction.objects.exists()
