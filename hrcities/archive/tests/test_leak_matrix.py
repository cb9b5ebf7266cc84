"""The leak matrix: for each protected thing (restricted, network-only and embargoed
items, a withdrawn testimony, a redacted phrase, hidden fields), every channel is read
as the public, as a member without a role, and as the people allowed to see it."""

from datetime import date

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.models import Item, Place

from .cases import (
    EMBARGOED,
    EXACT_PLACE,
    HIDDEN_FROM_MEMBERS,
    HIDDEN_FROM_PUBLIC,
    NETWORK,
    REAL_NAME,
    REDACTED_WORDS,
    RESTRICTED,
    leaked,
    make_cases,
    pdf_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(gwangju, gwangju_editor):
    made = make_cases(gwangju, gwangju_editor)
    items = [made.public, made.restricted, made.network, made.embargoed, made.withdrawn]
    # Date every item and give each its own place, so the timeline and the map carry them.
    Item.objects.filter(pk__in=[i.pk for i in items]).update(
        date_text="1980", date_start=date(1980, 1, 1), date_end=date(1980, 12, 31)
    )
    for item in items:
        place = Place(
            city=gwangju, titles={"en": f"Place of {item.title}"}, latitude=35.1, longitude=126.9
        )
        place.full_clean()
        place.save()
        Item.objects.filter(pk=item.pk).update(place=place)
    return made


def read_channel(client, channel: str, cases) -> str:
    """Return everything a channel gives this client about the test items, as text."""
    items = [cases.public, cases.restricted, cases.network, cases.embargoed, cases.withdrawn]
    if channel == "item pages":
        return "".join(
            client.get(reverse("archive:item-detail", args=[i.pk])).content.decode() for i in items
        )
    if channel == "print pages":
        return "".join(
            client.get(reverse("archive:item-print", args=[i.pk])).content.decode() for i in items
        )
    if channel == "item list":
        return client.get(reverse("archive:item-list"), {"limit": 100}).content.decode()
    if channel == "timeline":
        return client.get(
            reverse("archive:timeline"), {"period": "1980", "zoom": "year"}
        ).content.decode()
    if channel == "map data":
        return client.get(reverse("archive:map-data")).content.decode()
    if channel == "API":
        listed = client.get("/api/archive/items?limit=100").content.decode()
        return listed + "".join(
            client.get(f"/api/archive/items/{i.pk}").content.decode() for i in items
        )
    if channel == "JSON-LD":
        single = "".join(
            client.get(f"/api/archive/items/{i.pk}/jsonld").content.decode() for i in items
        )
        return single + b"".join(client.get("/api/archive/dump.jsonld").streaming_content).decode()
    if channel == "CSV":
        return b"".join(client.get("/api/archive/items.csv").streaming_content).decode()
    if channel == "OAI-PMH":
        return client.get(
            "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        ).content.decode()
    if channel == "PDF":
        return "".join(
            pdf_text(client.get(reverse("archive:item-pdf", args=[i.pk])).content) for i in items
        )
    raise AssertionError(channel)


CHANNELS = [
    "item pages",
    "print pages",
    "item list",
    "timeline",
    "map data",
    "API",
    "JSON-LD",
    "CSV",
    "OAI-PMH",
    "PDF",
]


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_public_reads_nothing_protected_on_any_channel(client, cases, channel):
    text = read_channel(client, channel, cases)

    assert not leaked(text, HIDDEN_FROM_PUBLIC)
    if channel not in ("map data",):
        assert "Testimony at the Provincial Office" in text or "도청 앞 증언" in text


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_member_without_a_role_reads_only_network_items_beyond_the_public(client, cases, channel):
    client.force_login(make_user("outsider"))

    text = read_channel(client, channel, cases)

    assert not leaked(text, HIDDEN_FROM_MEMBERS)
    public_only = channel in ("OAI-PMH", "PDF")
    assert (NETWORK in text) == (not public_only)


@pytest.mark.parametrize(
    "channel", ["item pages", "item list", "timeline", "map data", "API", "JSON-LD", "CSV"]
)
def test_the_named_reader_of_a_restricted_item_reads_it_and_nothing_else(client, cases, channel):
    client.force_login(cases.named)

    text = read_channel(client, channel, cases)

    assert RESTRICTED in text
    assert not leaked(text, [REDACTED_WORDS, REAL_NAME, EXACT_PLACE, EMBARGOED])


@pytest.mark.parametrize("channel", ["item pages", "API"])
def test_the_keepers_read_the_withheld_words_and_fields(client, cases, gwangju_editor, channel):
    client.force_login(gwangju_editor)

    text = read_channel(client, channel, cases)

    assert REDACTED_WORDS in text and REAL_NAME in text and EXACT_PLACE in text


def test_a_records_tags_are_read_only_by_those_who_may_read_the_record(
    client, cases, gwangju_editor
):
    """The tags API answers for a hidden item exactly as for one that does not exist, and
    gives its tags (the editors' and the suggester's) to those who may read it."""
    from hrcities.taxonomy.models import SdgGoal
    from hrcities.taxonomy.tags import set_accepted_tags

    SdgGoal.objects.update_or_create(number=16, defaults={"titles": {"en": "Peace"}})
    hidden = [cases.restricted, cases.network, cases.embargoed, cases.withdrawn]
    for item in [cases.public, *hidden]:
        set_accepted_tags(item, ["sdg:16"], by=gwangju_editor)

    def tags(item):
        response = client.get(f"/api/records/archive.item/{item.pk}/tags")
        answer = response.json()
        answer.pop("instance", None)  # the address asked
        return response.status_code, answer

    missing = client.get("/api/records/archive.item/999999/tags").json()
    missing.pop("instance")
    assert tags(cases.public)[0] == 200
    assert tags(cases.public)[1]["accepted"][0]["label"] == "sdg:16"
    for item in hidden:
        assert tags(item) == (404, missing)

    client.force_login(cases.named)
    assert tags(cases.restricted)[0] == 200
    assert tags(cases.embargoed)[0] == 404
    # The editing page says no more than the API.
    response = client.get(f"/records/archive.item/{cases.embargoed.pk}/tags/")
    assert response.status_code == 404

    client.force_login(gwangju_editor)
    assert all(tags(item)[0] == 200 for item in [cases.restricted, cases.embargoed])


def test_a_suggestion_on_a_hidden_item_answers_as_a_missing_one(
    client, cases, gwangju_editor, api_token
):
    """Deciding a suggested tag (API or page) on an item the user may not read says no
    more than a suggestion number that does not exist, and decides nothing."""
    from hrcities.taxonomy.models import SdgGoal, Tagging, TagStatus
    from hrcities.taxonomy.tags import record_suggestions

    SdgGoal.objects.update_or_create(number=16, defaults={"titles": {"en": "Peace"}})
    record_suggestions(cases.embargoed, [("sdg:16", 0.9)])
    suggestion = Tagging.objects.for_record(cases.embargoed).get()
    key = api_token(cases.named)

    def decide(tagging_id):
        response = client.post(
            f"/api/records/tags/{tagging_id}/decision",
            {"accept": True},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        answer = response.json()
        answer.pop("instance", None)
        return response.status_code, answer

    assert decide(suggestion.pk) == decide(999999)
    assert decide(suggestion.pk)[0] == 404
    client.force_login(cases.named)
    page = reverse("commitments:tag-decide", args=[suggestion.pk])
    assert client.post(page, {"decision": "accept"}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == TagStatus.SUGGESTED

    client.force_login(gwangju_editor)
    assert client.post(page, {"decision": "accept"}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == TagStatus.ACCEPTED
