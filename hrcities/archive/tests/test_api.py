"""The archive API: what each reader receives, and who may change what."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.archive.models import Item, MediaFile, Person
from hrcities.core.models import AuditEntry

from .cases import (
    EXACT_PLACE,
    HIDDEN_FROM_MEMBERS,
    HIDDEN_FROM_PUBLIC,
    NETWORK,
    PSEUDONYM,
    REAL_NAME,
    REDACTED_WORDS,
    RESTRICTED,
    leaked,
    make_cases,
)
from .factories import make_item, make_person

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def get(client, path, key=None):
    return client.get(path, **(bearer(key) if key else {}))


def send(client, method, path, body, key):
    return getattr(client, method)(
        path, json.dumps(body), content_type="application/json", **bearer(key)
    )


def every_item_page(client, cases, key=None):
    """Return the list and every item's detail as one text, 404s left out."""
    texts = [get(client, "/api/archive/items?limit=500", key).content.decode()]
    for item in (cases.public, cases.restricted, cases.network, cases.embargoed, cases.withdrawn):
        response = get(client, f"/api/archive/items/{item.pk}", key)
        if response.status_code == 200:
            texts.append(response.content.decode())
        else:
            assert response.status_code == 404
    return "\n".join(texts)


@pytest.fixture
def cases(gwangju, gwangju_editor):
    return make_cases(gwangju, gwangju_editor)


def test_the_public_receives_only_public_items_without_hidden_fields_or_redacted_words(
    client, cases
):
    text = every_item_page(client, cases)

    assert leaked(text, HIDDEN_FROM_PUBLIC) == []
    detail = get(client, f"/api/archive/items/{cases.public.pk}").json()
    assert detail["narrator"] == PSEUDONYM
    assert detail["transcript"] == "I saw […] there."
    assert (detail["exact_location"], detail["hidden_fields"]) == (
        "",
        ["contact", "exact_location", "narrator_name"],
    )
    ids = [i["id"] for i in get(client, "/api/archive/items").json()["items"]]
    assert ids == [cases.public.pk]


def test_a_member_without_a_role_sees_network_items_and_nothing_more(
    client, cases, reader, api_token
):
    text = every_item_page(client, cases, api_token(reader))

    assert leaked(text, HIDDEN_FROM_MEMBERS) == []
    assert NETWORK in text


def test_restricted_items_reach_the_people_they_are_shared_with(client, cases, api_token):
    response = get(client, f"/api/archive/items/{cases.restricted.pk}", api_token(cases.named))

    assert response.status_code == 200
    assert response.json()["title"] == RESTRICTED


def test_the_keepers_see_real_names_exact_places_and_redacted_words(
    client, cases, gwangju_editor, api_token
):
    text = every_item_page(client, cases, api_token(gwangju_editor))

    assert leaked(text, HIDDEN_FROM_PUBLIC) == HIDDEN_FROM_PUBLIC


def test_a_withdrawn_item_answers_404_as_if_it_did_not_exist(client, cases, reader, api_token):
    for key in (None, api_token(reader)):
        response = get(client, f"/api/archive/items/{cases.withdrawn.pk}", key)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_a_stale_version_is_refused_with_409(client, gwangju, gwangju_editor, api_token):
    item = make_item(gwangju, publication="draft")
    key = api_token(gwangju_editor)
    first = send(
        client, "patch", f"/api/archive/items/{item.pk}", {"version": 1, "titles": {"en": "A"}}, key
    )
    assert first.status_code == 200 and first.json()["version"] == 2

    stale = send(
        client, "patch", f"/api/archive/items/{item.pk}", {"version": 1, "titles": {"en": "B"}}, key
    )

    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert Item.objects.get(pk=item.pk).titles == {"en": "A"}


def test_another_citys_editor_may_not_change_or_add_items(client, gwangju, busan_editor, api_token):
    item = make_item(gwangju)
    key = api_token(busan_editor)

    change = send(
        client, "patch", f"/api/archive/items/{item.pk}", {"version": 1, "titles": {"en": "X"}}, key
    )
    add = send(
        client,
        "post",
        "/api/archive/items",
        {"kind": "document", "titles": {"en": "Not mine"}, "city": "gwangju"},
        key,
    )

    assert (change.status_code, add.status_code) == (403, 403)
    assert Item.objects.get(pk=item.pk).titles != {"en": "X"}


def test_an_editor_adds_a_draft_that_the_public_does_not_see_until_published(
    client, gwangju, gwangju_editor, api_token
):
    key = api_token(gwangju_editor)
    response = send(
        client,
        "post",
        "/api/archive/items",
        {
            "kind": "photo",
            "titles": {"ko": "금남로의 시민들", "en": "Citizens on Geumnam-ro"},
            "original_language": "ko",
            "date": "1980-05-18/1980-05-27",
            "city": "gwangju",
        },
        key,
    )
    assert response.status_code == 201
    created = response.json()
    assert (created["publication"], created["date_start"]) == ("draft", "1980-05-18")
    assert sorted(created["hidden_fields"]) == []  # the keeper sees all
    assert get(client, f"/api/archive/items/{created['id']}").status_code == 404

    published = client.post(f"/api/archive/items/{created['id']}/publish", **bearer(key))

    assert published.status_code == 200
    assert get(client, f"/api/archive/items/{created['id']}").status_code == 200


def test_a_testimony_is_published_only_with_a_consent_recorded_by_a_reviewer(
    client, gwangju, gwangju_editor, reader, api_token
):
    item = make_item(gwangju, kind="testimony", publication="draft")
    key = api_token(gwangju_editor)
    refused = client.post(f"/api/archive/items/{item.pk}/publish", **bearer(key))
    assert refused.status_code == 422

    consent = send(
        client,
        "post",
        f"/api/archive/items/{item.pk}/consents",
        {"scopes": ["archive", "publish"], "given_on": "2020-05-18"},
        key,
    )
    assert consent.status_code == 201
    assert client.post(f"/api/archive/items/{item.pk}/publish", **bearer(key)).status_code == 200
    assert get(client, f"/api/archive/items/{item.pk}/consents", api_token(reader)).status_code in (
        403,
        404,
    )

    withdrawn = send(
        client, "post", f"/api/archive/consents/{consent.json()['id']}/withdraw", {}, key
    )

    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_on"]
    assert get(client, f"/api/archive/items/{item.pk}").status_code == 404


def test_a_redacted_phrase_is_gone_from_the_public_answer_at_once(
    client, gwangju, gwangju_editor, api_token
):
    item = make_item(gwangju, transcript=f"I saw {REDACTED_WORDS}. {REDACTED_WORDS} shouted.")
    response = send(
        client,
        "post",
        f"/api/archive/items/{item.pk}/redactions",
        {"field": "transcript", "phrase": REDACTED_WORDS},
        api_token(gwangju_editor),
    )

    assert response.status_code == 201
    assert [(r["phrase"], r["places"]) for r in response.json()] == [(REDACTED_WORDS, 2)]
    assert (
        get(client, f"/api/archive/items/{item.pk}").json()["transcript"]
        == "I saw […]. […] shouted."
    )


def test_uploaded_media_link_to_the_protected_file_view_and_are_judged_by_content(
    client, gwangju, gwangju_editor, api_token
):
    item = make_item(gwangju)
    key = api_token(gwangju_editor)
    pdf = SimpleUploadedFile(
        "leaflet.pdf", b"%PDF-1.4\n%\xe2\xe3\n", content_type="application/pdf"
    )
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4\n", content_type="image/jpeg")

    stored = client.post(f"/api/archive/items/{item.pk}/media", {"file": pdf}, **bearer(key))
    refused = client.post(f"/api/archive/items/{item.pk}/media", {"file": fake}, **bearer(key))

    assert stored.status_code == 201
    media = MediaFile.objects.get(item=item)
    assert stored.json()["url"].endswith(f"/archive/media/{media.pk}/")
    assert refused.status_code == 422
    assert MediaFile.objects.count() == 1


def test_the_item_list_filters_by_kind_city_and_title_words(client, gwangju, busan):
    make_item(gwangju, kind="photo", titles={"ko": "도청 앞 광장"})
    make_item(gwangju, kind="document", titles={"en": "Martial law decree"})
    make_item(busan, kind="photo", titles={"en": "Busan harbour"})

    def titles(query):
        return sorted(i["title"] for i in client.get(f"/api/archive/items?{query}").json()["items"])

    assert titles("kind=photo&city=gwangju") == ["도청 앞 광장"]
    assert titles("q=martial") == ["Martial law decree"]
    assert titles("q=도청") == ["도청 앞 광장"]


def test_people_show_the_pseudonym_when_an_item_hides_the_real_name(client, cases):
    people = client.get("/api/archive/people").json()["items"]

    assert PSEUDONYM in [p["name"] for p in people]
    assert REAL_NAME not in json.dumps(people)
    assert EXACT_PLACE not in client.get("/api/archive/places").content.decode()


def test_reviewers_link_people_and_relate_records_across_cities(
    client, gwangju, busan, gwangju_editor, busan_editor, api_token
):
    from hrcities.archive.models import Relation

    from .factories import make_event

    uprising = make_event(gwangju, titles={"en": "Uprising"})
    elsewhere = make_event(busan, titles={"en": "Elsewhere"})
    person = make_person(gwangju)
    key = api_token(gwangju_editor)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    role = client.post(
        "/api/archive/roles",
        {"person": person.pk, "role": "witness", "event": uprising.pk},
        content_type="application/json",
        **auth,
    )
    relation = client.post(
        "/api/archive/relations",
        {
            "source_kind": "event",
            "source_id": uprising.pk,
            "kind": "shares-experience-with",
            "target_kind": "event",
            "target_id": elsewhere.pk,
        },
        content_type="application/json",
        **auth,
    )
    refused = client.post(
        "/api/archive/relations",
        {
            "source_kind": "event",
            "source_id": elsewhere.pk,
            "kind": "related-to",
            "target_kind": "event",
            "target_id": uprising.pk,
        },
        content_type="application/json",
        **auth,
    )

    assert role.status_code == 201 and role.json()["role"] == "witness"
    assert relation.status_code == 201 and relation.json()["target"] == f"event/{elsewhere.pk}"
    assert refused.status_code == 403
    assert Relation.objects.count() == 1


def test_the_api_names_a_new_narrator_with_the_item_as_the_page_does(
    client, gwangju, gwangju_editor, api_token
):
    key = api_token(gwangju_editor)
    response = send(
        client,
        "post",
        "/api/archive/items",
        {
            "kind": "testimony",
            "titles": {"en": "What my mother saw"},
            "city": "gwangju",
            "new_narrator": {"pseudonym": "Mother of B", "real_name": "Lee Private"},
            "submit_for_review": True,
        },
        key,
    )

    assert response.status_code == 201
    item = Item.objects.get(pk=response.json()["id"])
    assert item.publication == "submitted"
    assert (item.narrator.pseudonym, item.narrator.real_name) == ("Mother of B", "Lee Private")
    assert item.narrator.city == gwangju and not item.narrator.real_name_may_be_shown


def test_a_new_narrator_beside_a_chosen_one_is_refused_and_nothing_is_kept(
    client, gwangju, gwangju_editor, api_token
):
    chosen = make_person(gwangju, pseudonym="Already here")
    response = send(
        client,
        "post",
        "/api/archive/items",
        {
            "kind": "testimony",
            "titles": {"en": "Two narrators"},
            "city": "gwangju",
            "narrator_id": chosen.pk,
            "new_narrator": {"pseudonym": "Second one"},
        },
        api_token(gwangju_editor),
    )

    assert response.status_code == 422
    assert "not both" in response.content.decode()
    assert not Item.objects.exists()
    assert not Person.objects.filter(pseudonym="Second one").exists()


def test_a_stale_edit_that_names_a_new_narrator_creates_no_one_and_is_logged_once(
    client, gwangju, gwangju_editor, api_token
):
    item = make_item(gwangju, publication="draft")
    key = api_token(gwangju_editor)
    path = f"/api/archive/items/{item.pk}"
    send(client, "patch", path, {"version": 1, "titles": {"en": "Moved on"}}, key)

    stale = send(
        client, "patch", path, {"version": 1, "new_narrator": {"pseudonym": "Too late"}}, key
    )

    assert stale.status_code == 409
    assert not Person.objects.filter(pseudonym="Too late").exists()
    conflicts = AuditEntry.objects.filter(action=AuditEntry.Action.EDIT_CONFLICT)
    assert conflicts.count() == 1
