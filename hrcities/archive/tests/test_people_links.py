"""Naming a person in a record: only their keepers' records, or what the public already
reads of them, and never a real name their keepers did not allow there."""

import json

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import PersonRole
from hrcities.core.models import AuditEntry

from .factories import make_item, make_person

pytestmark = pytest.mark.django_db

REAL_NAME = "Jeong Hidden-Name"
PSEUDONYM = "Narrator Magnolia"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, body, key):
    return client.post(path, json.dumps(body), content_type="application/json", **bearer(key))


def put(client, path, body, key):
    return client.put(path, json.dumps(body), content_type="application/json", **bearer(key))


@pytest.fixture
def narrator(gwangju, reader):
    """The narrator of a restricted Gwangju testimony whose real name may be shown there."""
    person = make_person(
        gwangju, pseudonym=PSEUDONYM, real_name=REAL_NAME, real_name_may_be_shown=True
    )
    make_item(
        gwangju,
        kind="testimony",
        titles={"en": "A restricted testimony"},
        narrator=person,
        access="restricted",
        allowed_users=[reader],
        restricted_fields=["contact", "exact_location"],
    )
    return person


def everything_the_public_reads_of(client, item, person):
    """The item's page and JSON-LD, the person's page and API answer, and the dump."""
    texts = [
        client.get(reverse("archive:item-detail", args=[item.pk])).content.decode(),
        client.get(f"/api/archive/items/{item.pk}/jsonld").content.decode(),
        client.get(reverse("archive:person-detail", args=[person.pk])).content.decode(),
        client.get(f"/api/archive/people/{person.pk}").content.decode(),
        b"".join(client.get("/api/archive/dump.jsonld").streaming_content).decode(),
    ]
    return "\n".join(texts)


def test_another_citys_editor_cannot_publish_a_restricted_narrators_real_name(
    client, busan, busan_editor, narrator, api_token
):
    public_item = make_item(busan, titles={"en": "A public Busan photograph"})

    response = post(
        client,
        "/api/archive/roles",
        {"person": narrator.pk, "role": "subject", "item": public_item.pk},
        api_token(busan_editor),
    )

    assert response.status_code in (403, 422)
    assert not PersonRole.objects.filter(person=narrator).exists()
    assert REAL_NAME not in everything_the_public_reads_of(client, public_item, narrator)


def test_another_citys_editor_cannot_name_a_person_they_see_under_a_pseudonym(
    client, gwangju, busan, busan_editor, narrator, api_token
):
    # The narrator is public under a pseudonym on another testimony that hides the name.
    make_item(gwangju, kind="testimony", titles={"en": "A public testimony"}, narrator=narrator)
    public_item = make_item(busan, titles={"en": "A public Busan photograph"})
    key = api_token(busan_editor)

    linked = post(
        client,
        "/api/archive/roles",
        {"person": narrator.pk, "role": "subject", "item": public_item.pk},
        key,
    )
    created = post(
        client,
        "/api/archive/items",
        {
            "kind": "photo",
            "titles": {"en": "Another photograph"},
            "city": "busan",
            "narrator_id": narrator.pk,
            "hidden_fields": [],
        },
        key,
    )

    assert linked.status_code == 403 and created.status_code == 403
    assert not PersonRole.objects.filter(person=narrator).exists()
    assert REAL_NAME not in everything_the_public_reads_of(client, public_item, narrator)


def test_a_person_the_public_reads_in_full_may_be_named_by_another_city(
    client, gwangju, busan, busan_editor, api_token
):
    named = make_person(gwangju, pseudonym="Kim Open", real_name="", real_name_may_be_shown=False)
    make_item(gwangju, titles={"en": "A public Gwangju item"}, narrator=named)
    public_item = make_item(busan)

    response = post(
        client,
        "/api/archive/roles",
        {"person": named.pk, "role": "witness", "item": public_item.pk},
        api_token(busan_editor),
    )

    assert response.status_code == 201


def test_a_keepers_link_shows_the_pseudonym_until_a_keeper_allows_the_real_name(
    client, gwangju, busan_editor, gwangju_editor, narrator, api_token
):
    public_item = make_item(gwangju, titles={"en": "A public Gwangju photograph"})

    linked = post(
        client,
        "/api/archive/roles",
        {"person": narrator.pk, "role": "subject", "item": public_item.pk},
        api_token(gwangju_editor),
    )

    assert linked.status_code == 201 and linked.json()["real_name_shown"] is False
    public = everything_the_public_reads_of(client, public_item, narrator)
    assert REAL_NAME not in public and PSEUDONYM in public

    path = f"/api/archive/roles/{linked.json()['id']}/real-name"
    refused = put(client, path, {"shown": True}, api_token(busan_editor))
    assert refused.status_code == 403
    assert REAL_NAME not in everything_the_public_reads_of(client, public_item, narrator)

    allowed = put(client, path, {"shown": True}, api_token(gwangju_editor))
    assert allowed.status_code == 200 and allowed.json()["real_name_shown"] is True
    assert REAL_NAME in everything_the_public_reads_of(client, public_item, narrator)
    assert AuditEntry.objects.filter(
        actor=gwangju_editor, details__real_name_shown__isnull=False
    ).exists()


def test_the_reviewers_of_the_linked_record_may_hide_the_real_name_again(
    client, gwangju, busan, busan_editor, gwangju_editor, api_token
):
    person = make_person(gwangju, real_name="Lee Public", real_name_may_be_shown=True)
    make_item(gwangju, narrator=person, restricted_fields=[])
    busan_item = make_item(busan)

    linked = post(
        client,
        "/api/archive/roles",
        {"person": person.pk, "role": "witness", "item": busan_item.pk},
        api_token(busan_editor),
    )
    assert linked.status_code == 201 and linked.json()["real_name_shown"] is True

    hidden = put(
        client,
        f"/api/archive/roles/{linked.json()['id']}/real-name",
        {"shown": False},
        api_token(busan_editor),
    )

    assert hidden.status_code == 200
    assert "Lee Public" not in everything_the_public_reads_of(client, busan_item, person)


def test_a_contributor_may_not_allow_a_real_name(client, gwangju, gwangju_editor, narrator):
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    public_item = make_item(gwangju)
    from hrcities.archive.services import link_person, show_real_name

    link = link_person(narrator, "subject", by=gwangju_editor, item=public_item)

    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        show_real_name(link, True, by=contributor)
    link.refresh_from_db()
    assert link.real_name_shown is False


def test_the_item_form_lists_no_narrator_of_a_record_the_contributor_may_not_see(
    gwangju, narrator, signed_in
):
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    shown = make_person(gwangju, pseudonym="Narrator Azalea")
    make_item(gwangju, narrator=shown)

    page = signed_in(contributor).get(reverse("archive:item-create")).content.decode()

    assert "Narrator Azalea" in page
    assert PSEUDONYM not in page and REAL_NAME not in page
