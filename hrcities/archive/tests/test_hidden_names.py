"""A real name a reader may not read is cut from every text of the item, its title
first, on every channel; and finding items by title never tells that it is there."""

import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.models import Item, PersonRole, Relation

from .factories import make_item, make_person

pytestmark = pytest.mark.django_db

REAL_NAME = "Kim Realname"
PSEUDONYM = "Narrator Camellia"


@pytest.fixture
def named_in_title(gwangju):
    """A public testimony whose narrator's name is hidden on it, named in its title."""
    narrator = make_person(
        gwangju, pseudonym=PSEUDONYM, real_name=REAL_NAME, real_name_may_be_shown=True
    )
    return make_item(
        gwangju,
        kind="testimony",
        titles={"en": f"Testimony of {REAL_NAME}", "ko": f"{REAL_NAME}의 증언"},
        descriptions={"en": f"{REAL_NAME} remembers the square."},
        transcript=f"My name is {REAL_NAME}.",
        narrator=narrator,
        restricted_fields=["narrator_name"],
        date_text="1980-05-21",
        date_start=date(1980, 5, 21),
        date_end=date(1980, 5, 21),
    )


def channels(client, item):
    """Everything the client reads of the archive where the item could appear."""
    other = make_item(item.city, titles={"en": "Photo of the square"})
    Relation.objects.create(
        source_type=ContentType.objects.get_for_model(Item),
        source_id=other.pk,
        kind="related-to",
        target_type=ContentType.objects.get_for_model(Item),
        target_id=item.pk,
    )
    search = client.get("/api/search", {"q": "Realname", "semantic": "false"}).json()
    return {
        "page": client.get(reverse("archive:item-detail", args=[item.pk])).content.decode(),
        "print": client.get(reverse("archive:item-print", args=[item.pk])).content.decode(),
        "related item's page": client.get(
            reverse("archive:item-detail", args=[other.pk])
        ).content.decode(),
        "item list": client.get(reverse("archive:item-list")).content.decode(),
        "timeline": client.get(
            reverse("archive:timeline"), {"period": "1980", "zoom": "year"}
        ).content.decode(),
        "API": json.dumps(client.get(f"/api/archive/items/{item.pk}").json(), ensure_ascii=False),
        "API list": json.dumps(client.get("/api/archive/items").json(), ensure_ascii=False),
        "JSON-LD": client.get(f"/api/archive/items/{item.pk}/jsonld").content.decode(),
        "dump": b"".join(client.get("/api/archive/dump.jsonld").streaming_content).decode(),
        "CSV": b"".join(client.get("/api/archive/items.csv").streaming_content).decode(),
        "OAI-PMH": client.get(
            "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        ).content.decode(),
        "search": json.dumps(search, ensure_ascii=False),
    }


def leaking(client, item):
    return sorted(name for name, text in channels(client, item).items() if REAL_NAME in text)


def test_a_hidden_narrator_name_is_cut_from_the_title_on_every_channel(client, named_in_title):
    assert leaking(client, named_in_title) == []
    answer = client.get(f"/api/archive/items/{named_in_title.pk}").json()
    assert answer["title"] == "Testimony of […]"
    assert answer["titles"]["ko"] == "[…]의 증언"
    assert answer["descriptions"]["en"] == "[…] remembers the square."
    assert answer["narrator"] == PSEUDONYM


def test_a_member_without_a_role_reads_no_hidden_name_either(client, named_in_title):
    client.force_login(make_user("outsider"))

    assert leaking(client, named_in_title) == []


def test_the_keepers_read_the_title_as_written(client, named_in_title, gwangju_editor):
    client.force_login(gwangju_editor)

    answer = client.get(f"/api/archive/items/{named_in_title.pk}").json()

    assert answer["title"] == f"Testimony of {REAL_NAME}"


def test_finding_items_by_a_hidden_name_in_their_title_finds_nothing(client, named_in_title):
    page = client.get(reverse("archive:item-list"), {"q": "Realname"}).content.decode()
    listed = client.get("/api/archive/items", {"q": "Realname"}).json()

    assert "Testimony of" not in page
    assert listed["count"] == 0 and listed["items"] == []
    # The rest of the title still finds it.
    assert client.get("/api/archive/items", {"q": "Testimony"}).json()["count"] == 1


def test_the_name_of_a_person_shown_in_an_item_is_cut_where_it_may_not_be_shown(client, gwangju):
    person = make_person(gwangju, pseudonym="Witness Lotus", real_name="Lee Hidden")
    item = make_item(gwangju, titles={"en": "Letter from Lee Hidden"})
    PersonRole.objects.create(person=person, role="subject", item=item)

    answer = client.get(f"/api/archive/items/{item.pk}").json()

    assert answer["title"] == "Letter from […]"
    assert client.get("/api/archive/items", {"q": "Hidden"}).json()["count"] == 0


def test_a_refusal_names_the_item_as_its_reader_may_read_it(client, gwangju, api_token):
    named = make_user("named")
    narrator = make_person(gwangju, real_name=REAL_NAME, real_name_may_be_shown=True)
    item = make_item(
        gwangju,
        titles={"en": f"Letter of {REAL_NAME}"},
        narrator=narrator,
        restricted_fields=["narrator_name"],
        access="restricted",
        allowed_users=[named],
    )

    response = client.patch(
        f"/api/archive/items/{item.pk}",
        {"version": item.version, "rights": "CC BY 4.0"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(named)}",
    )

    assert response.status_code == 403
    assert REAL_NAME not in response.content.decode()
    assert "Letter of […]" in response.json()["detail"]
