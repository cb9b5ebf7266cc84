"""The API that keeps collections, places, people, roles, relations and redactions:
problem details that name the field, refusals for other cities and readers, 409 on a
stale version, and deletions refused while records depend on them."""

import json

import pytest

from hrcities.archive.models import Collection, Person, PersonRole, Place, Redaction, Relation
from hrcities.archive.services import link_person, redact_phrase, relate
from hrcities.core.models import Revision

from .factories import make_item, make_person
from .test_upkeep_pages import make_collection, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client, api_token):
    def send(user, method, path, body=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token(user)}"} if user else {}
        if body is None:
            return getattr(client, method)(path, **headers)
        return getattr(client, method)(
            path, json.dumps(body), content_type="application/json", **headers
        )

    return send


def test_a_keeper_adds_a_place_and_a_latitude_out_of_range_names_the_field(
    call, gwangju, gwangju_editor
):
    body = {"city": "gwangju", "titles": {"en": "Fountain"}, "latitude": 91, "longitude": 126.9}
    refused = call(gwangju_editor, "post", "/api/archive/places", body)
    assert refused.status_code == 422
    problem = refused.json()
    assert "latitude" in json.dumps(problem) and "between -90 and 90" in json.dumps(problem)
    assert not Place.objects.exists()
    made = call(gwangju_editor, "post", "/api/archive/places", {**body, "latitude": 35.1})
    assert made.status_code == 201 and made.json()["latitude"] == 35.1
    assert made.json()["version"] == 1


def test_a_stale_place_edit_is_refused_with_409(call, gwangju, gwangju_editor):
    place = make_place(gwangju)
    path = f"/api/archive/places/{place.pk}"
    assert call(gwangju_editor, "patch", path, {"version": 1, "address": "A"}).status_code == 200
    stale = call(gwangju_editor, "patch", path, {"version": 1, "address": "B"})
    assert stale.status_code == 409
    place.refresh_from_db()
    assert place.address == "A"


def test_another_citys_editor_and_a_reader_change_nothing(call, gwangju, busan_editor, reader):
    place = make_place(gwangju, latitude=35.0, longitude=126.0)
    make_item(gwangju, place=place)  # public: the place is seen by everyone
    person = make_person(gwangju)
    make_item(gwangju, narrator=person)
    for user in (busan_editor, reader):
        patch = call(
            user, "patch", f"/api/archive/places/{place.pk}", {"version": 1, "latitude": 1}
        )
        assert patch.status_code == 403
        assert call(user, "delete", f"/api/archive/people/{person.pk}").status_code == 403
        body = {"city": "gwangju", "titles": {"en": "Theirs"}}
        assert call(user, "post", "/api/archive/places", body).status_code == 403
    place.refresh_from_db()
    assert place.latitude == 35.0 and Person.objects.filter(pk=person.pk).exists()


def test_a_place_named_by_an_item_is_not_deleted_and_the_problem_names_the_item(
    call, gwangju, gwangju_editor
):
    place = make_place(gwangju)
    make_item(gwangju, place=place, titles={"en": "Bus at the station"})
    refused = call(gwangju_editor, "delete", f"/api/archive/places/{place.pk}")
    assert refused.status_code == 422 and "Bus at the station" in refused.content.decode()
    assert Place.objects.filter(pk=place.pk).exists()


def test_a_narrator_is_not_deleted_and_the_problem_names_the_items(call, gwangju, gwangju_editor):
    person = make_person(gwangju)
    make_item(gwangju, narrator=person, titles={"en": "Night at the office"})
    refused = call(gwangju_editor, "delete", f"/api/archive/people/{person.pk}")
    assert refused.status_code == 422 and "Night at the office" in refused.content.decode()
    unnamed = make_person(gwangju)
    assert call(gwangju_editor, "delete", f"/api/archive/people/{unnamed.pk}").status_code == 204
    assert not Person.objects.filter(pk=unnamed.pk).exists()


def test_a_person_is_added_titled_by_the_pseudonym_and_unseen_until_a_record_names_them(
    call, gwangju, gwangju_editor
):
    body = {"city": "gwangju", "pseudonym": "Camellia", "real_name": "Kim Secret"}
    made = call(gwangju_editor, "post", "/api/archive/people", body)
    assert made.status_code == 201 and made.json()["name"] == "Kim Secret"  # the keeper's view
    assert Person.objects.get().titles == {"und": "Camellia"}
    assert call(None, "get", f"/api/archive/people/{made.json()['id']}").status_code == 404
    changed = call(
        gwangju_editor,
        "patch",
        f"/api/archive/people/{made.json()['id']}",
        {"version": 1, "pseudonym": "Magnolia"},
    )
    assert changed.status_code == 200 and Person.objects.get().titles == {"und": "Magnolia"}


def test_a_collection_is_deleted_only_once_its_items_are_moved(call, gwangju, gwangju_editor):
    letters = make_collection(gwangju, "letters")
    make_collection(gwangju, "photos")
    items = [make_item(gwangju, collection=letters) for _ in range(2)]
    refused = call(gwangju_editor, "delete", "/api/archive/collections/letters")
    assert refused.status_code == 422 and "2 items" in refused.content.decode()
    moved = call(gwangju_editor, "delete", "/api/archive/collections/letters?move_to=photos")
    assert moved.status_code == 204
    assert [i.collection.slug for i in Collection.objects.get().items.all()] == ["photos"] * 2
    assert all(Revision.objects.filter(object_id=str(i.pk), version=2).exists() for i in items)


def test_a_collection_is_added_as_a_draft_and_changed(call, gwangju, gwangju_editor):
    body = {"city": "gwangju", "slug": "songs", "titles": {"en": "Songs"}}
    made = call(gwangju_editor, "post", "/api/archive/collections", body)
    assert made.status_code == 201 and made.json()["publication"] == "draft"
    changed = call(
        gwangju_editor,
        "patch",
        "/api/archive/collections/songs",
        {"version": 1, "titles": {"en": "Songs of May"}},
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Songs of May"


def test_roles_relations_and_redactions_are_taken_back(call, gwangju, busan, gwangju_editor):
    item = make_item(gwangju, descriptions={"en": "He saw Park Secret there."})
    other = make_item(busan)
    link = link_person(make_person(gwangju), "witness", by=gwangju_editor, item=item)
    relation = relate(item, "related-to", other, by=gwangju_editor)
    redaction = redact_phrase(item, by=gwangju_editor, phrase="Park Secret")
    assert call(gwangju_editor, "delete", f"/api/archive/roles/{link.pk}").status_code == 204
    path = f"/api/archive/relations/{relation.pk}"
    assert call(gwangju_editor, "delete", path).status_code == 204
    path = f"/api/archive/items/{item.pk}/redactions/{redaction.pk}"
    assert call(gwangju_editor, "delete", path).status_code == 204
    assert not (PersonRole.objects.exists() or Relation.objects.exists())
    assert not Redaction.objects.exists()


def test_another_city_cannot_take_back_gwangjus_relations_or_redactions(
    call, gwangju, busan, gwangju_editor, busan_editor
):
    item = make_item(gwangju, descriptions={"en": "He saw Park Secret there."})
    relation = relate(item, "related-to", make_item(busan), by=gwangju_editor)
    redaction = redact_phrase(item, by=gwangju_editor, phrase="Park Secret")
    assert call(busan_editor, "delete", f"/api/archive/relations/{relation.pk}").status_code == 403
    path = f"/api/archive/items/{item.pk}/redactions/{redaction.pk}"
    assert call(busan_editor, "delete", path).status_code == 403
    assert Relation.objects.exists() and Redaction.objects.exists()


def test_a_relation_to_a_restricted_record_is_not_found_by_those_who_may_not_see_it(
    call, gwangju, busan, gwangju_editor, busan_editor
):
    hidden = make_item(gwangju, access="restricted")
    relation = relate(hidden, "related-to", make_item(busan), by=gwangju_editor)
    assert call(busan_editor, "delete", f"/api/archive/relations/{relation.pk}").status_code == 404
