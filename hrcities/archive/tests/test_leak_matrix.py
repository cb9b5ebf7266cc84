"""The leak matrix: for each protected thing (restricted, network-only and embargoed
items, a withdrawn testimony, a redacted phrase, hidden fields), every channel is read
as the public, as a member without a role, and as the people allowed to see it.

The channels are the archive's own pages, feeds and exports, the search (page, API with
its counts and facet counts, and the path that finds records by meaning), tags, tag
suggestions and their queue, record history, the thumbnails of its images, and the city's
annual report."""

from datetime import date

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.models import Item, Place
from hrcities.core.services import update_record
from hrcities.taxonomy.models import SdgGoal
from hrcities.taxonomy.tags import record_suggestions, set_accepted_tags

from .cases import (
    EMBARGOED,
    EXACT_PLACE,
    HIDDEN_FROM_MEMBERS,
    HIDDEN_FROM_PUBLIC,
    NETWORK,
    REAL_NAME,
    REDACTED_WORDS,
    RESTRICTED,
    WITHDRAWN,
    attach_image,
    leaked,
    make_cases,
)
from .channels import (
    CHANNELS,
    KEEPERS_ONLY,
    MEANING,
    NO_ITEMS,
    PUBLIC_ONLY,
    read_items_channel,
)

pytestmark = pytest.mark.django_db


HIDDEN_DESCRIPTION = "Sentinel record: the night watch."


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
    # One later version of each item, so its history holds every field as stored (the
    # hidden items get a description that does not depend on their number, for the
    # search by meaning), and an accepted tag and an open suggestion on each, so the tag
    # answers carry something.
    SdgGoal.objects.update_or_create(number=10, defaults={"titles": {"en": "Inequalities"}})
    SdgGoal.objects.update_or_create(number=5, defaults={"titles": {"en": "Gender equality"}})
    for item in items:
        item.refresh_from_db()
        # An image on each, so the thumbnails (and the files) are a channel too.
        attach_image(item, gwangju_editor)
        changes = {"rights": "CC BY"}
        if item.pk != made.public.pk:
            changes["descriptions"] = {"en": HIDDEN_DESCRIPTION}
        update_record(item, changes, by=gwangju_editor, based_on_version=None)
        set_accepted_tags(item, ["sdg:10"], by=gwangju_editor)
        record_suggestions(item, [("sdg:5", 0.9)])
    return made


PUBLIC_TITLE = "Testimony at the Provincial Office"


def read_channel(client, channel: str, cases) -> str:
    """Return everything a channel gives this client about the test items, as text."""
    items = [cases.public, cases.restricted, cases.network, cases.embargoed, cases.withdrawn]
    return read_items_channel(client, channel, items)


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_public_reads_nothing_protected_on_any_channel(client, cases, channel):
    text = read_channel(client, channel, cases)

    assert not leaked(text, HIDDEN_FROM_PUBLIC)
    if channel in NO_ITEMS:
        assert "Women on city committees" in text  # the report itself was read
    elif channel in KEEPERS_ONLY:
        assert PUBLIC_TITLE not in text
    elif channel == "tag suggestions":
        # The answers name no title: the public item's tags are the only ones given.
        assert text.count('"label": "sdg:10"') == 1
    else:
        assert PUBLIC_TITLE in text or "도청 앞 증언" in text


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_member_without_a_role_reads_only_network_items_beyond_the_public(client, cases, channel):
    client.force_login(make_user("outsider"))

    text = read_channel(client, channel, cases)

    assert not leaked(text, HIDDEN_FROM_MEMBERS)
    reads_network_items = channel not in (*PUBLIC_ONLY, *KEEPERS_ONLY, *NO_ITEMS)
    assert (NETWORK in text) == reads_network_items


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_named_reader_of_a_restricted_item_reads_it_and_nothing_else(client, cases, channel):
    client.force_login(cases.named)

    text = read_channel(client, channel, cases)

    assert not leaked(text, [REDACTED_WORDS, REAL_NAME, EXACT_PLACE, EMBARGOED, WITHDRAWN])
    reads_it = channel not in (*PUBLIC_ONLY, *KEEPERS_ONLY, *NO_ITEMS)
    assert (RESTRICTED in text) == reads_it


# What the keepers read of the withheld words and fields on each channel.
KEEPERS_READ = {
    "item pages": [REDACTED_WORDS, REAL_NAME, EXACT_PLACE],
    "print pages": [REDACTED_WORDS, REAL_NAME, EXACT_PLACE],
    "item list": [REDACTED_WORDS],  # the description, unredacted for them
    "timeline": [],
    "map data": [],
    "API": [REDACTED_WORDS, REAL_NAME, EXACT_PLACE],
    "JSON-LD": [REDACTED_WORDS, REAL_NAME, EXACT_PLACE],
    "CSV": [REDACTED_WORDS, REAL_NAME],  # the table has no exact-place column
    "OAI-PMH": [],
    "PDF": [],
    # The search index holds what the public may read of each record, for keepers too:
    # they read the withheld words on the record itself.
    "search page": [],
    "search API": [],
    "semantic search": [],
    "tag suggestions": [],
    "suggestion queue": [],  # titles only
    "record history": [REDACTED_WORDS, EXACT_PLACE],  # the item's own fields, as stored
    "thumbnails": [],
    "city page": [],  # titles only
    "report": [],
}


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_keepers_read_every_item_and_the_withheld_words_where_the_channel_has_them(
    client, cases, gwangju_editor, channel
):
    client.force_login(gwangju_editor)

    text = read_channel(client, channel, cases)

    withheld = [REDACTED_WORDS, REAL_NAME, EXACT_PLACE]
    assert [word for word in withheld if word in text] == KEEPERS_READ[channel]
    every_item = [PUBLIC_TITLE, RESTRICTED, NETWORK, EMBARGOED, WITHDRAWN]
    if channel in PUBLIC_ONLY:
        assert leaked(text, every_item) == [PUBLIC_TITLE]
    elif channel in NO_ITEMS:
        assert leaked(text, every_item) == []
    else:
        assert leaked(text, every_item) == every_item


def test_another_citys_editor_finds_no_item_in_the_queue_counts_or_undo(
    client, cases, busan_editor
):
    """An editor elsewhere decides nothing of Gwangju's: the queue, My work's count and the
    undo of a decided suggestion give nothing of its items, hidden or public."""
    from django.utils import timezone

    from hrcities.taxonomy.models import Tagging, TagStatus
    from hrcities.work.registry import kind_named

    client.force_login(busan_editor)
    every_item = [PUBLIC_TITLE, RESTRICTED, NETWORK, EMBARGOED, WITHDRAWN]

    queue = client.get(reverse("work:suggestion-queue")).content.decode()
    assert leaked(queue, every_item) == []
    assert "No suggestion waits for your decision." in queue
    assert kind_named("suggestions").count_for(busan_editor, timezone.localdate()) == 0
    rejected = Tagging.objects.filter(label="sdg:5")
    rejected.update(status=TagStatus.REJECTED)
    answers = {}
    for tagging in rejected:
        undo = client.post(reverse("commitments:tag-undo", args=[tagging.pk]))
        assert leaked(undo.content.decode(), [RESTRICTED, EMBARGOED, WITHDRAWN]) == []
        answers[tagging.object_id] = undo.status_code
    # The public and network items may be read by a member, not changed; the hidden ones
    # answer as if they were not there.
    assert answers.pop(cases.public.pk) == answers.pop(cases.network.pk) == 403
    assert set(answers.values()) == {404}
    assert set(rejected.values_list("status", flat=True)) == {TagStatus.REJECTED}


# What each reader finds of the four hidden items, by their shared title word.
SENTINELS_FOUND = {
    "public": [],
    "member": [NETWORK],
    "named reader": [NETWORK, RESTRICTED],
    "keeper": [NETWORK, RESTRICTED, EMBARGOED, WITHDRAWN],
}
READERS = list(SENTINELS_FOUND)


@pytest.fixture
def sign_in_as(client, cases, gwangju_editor):
    """Return a function that signs the test client in as one of READERS."""

    def sign_in(who):
        if who == "member":
            client.force_login(make_user("outsider"))
        elif who == "named reader":
            client.force_login(cases.named)
        elif who == "keeper":
            client.force_login(gwangju_editor)
        return client

    return sign_in


# Every test item is a Gwangju record in English.
FACET_VALUES = {"kind": "item", "city": "gwangju", "lang": "en"}


def assert_counts_match(body, titles):
    """Assert that the results, the count and every facet count cover exactly these titles."""
    assert sorted(r["title"] for r in body["results"]) == sorted(titles)
    assert body["count"] == len(titles)
    for facet, value in FACET_VALUES.items():
        counts = [(v["value"], v["count"]) for v in body["facets"][facet]]
        assert counts == ([(value, len(titles))] if titles else [])
    if not titles:
        assert all(values == [] for values in body["facets"].values())


@pytest.mark.parametrize("who", READERS)
def test_search_counts_and_facet_counts_leave_out_what_the_reader_may_not_see(
    sign_in_as, cases, who
):
    client = sign_in_as(who)
    found = SENTINELS_FOUND[who]

    body = client.get("/api/search", {"q": "Sentinel", "semantic": "false", "limit": 100}).json()
    page = client.get("/search/", {"q": "Sentinel"}).content.decode()

    assert_counts_match(body, found)
    assert f"{len(found)} result" in page
    assert leaked(page, [NETWORK, RESTRICTED, EMBARGOED, WITHDRAWN]) == found


@pytest.mark.parametrize("who", READERS)
def test_the_semantic_path_finds_by_meaning_only_what_the_reader_may_see(sign_in_as, cases, who):
    client = sign_in_as(who)
    found = SENTINELS_FOUND[who]

    by_words = client.get("/api/search", {"q": MEANING, "semantic": "false"}).json()
    by_meaning = client.get("/api/search", {"q": MEANING, "semantic": "true", "limit": 100}).json()

    assert by_words["count"] == 0  # only the meaning finds them
    assert by_meaning["semantic"] == bool(found)
    assert_counts_match(by_meaning, found)


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("words", [REDACTED_WORDS, "Realname", "Geumnam-ro"])
def test_withheld_words_find_nothing_in_search(sign_in_as, cases, who, words):
    client = sign_in_as(who)

    body = client.get("/api/search", {"q": words, "semantic": "false"}).json()
    page = client.get("/search/", {"q": words}).content.decode()

    assert_counts_match(body, [])
    assert "Nothing matches." in page and PUBLIC_TITLE not in page


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
    suggestion = Tagging.objects.for_record(cases.embargoed).get(label="sdg:16")
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


def test_no_email_to_anyone_names_a_protected_record(
    cases, gwangju, gwangju_editor, contributor, django_capture_on_commit_callbacks
):
    """The email channel: reviews, decisions, consents, embargoes and suggestions on the
    protected items are told by email, and no email carries a title, a name, a withheld
    word or a quote of any of them (nor of the public one: emails name no record)."""
    from datetime import timedelta

    from django.utils import timezone

    from hrcities.access.tiers import Publication
    from hrcities.archive.services import publish, submit_for_review
    from hrcities.work.tests.factories import with_address
    from hrcities.work.tests.leaks import every_email

    from .cases import PSEUDONYM
    from .factories import give_consent, make_item

    today = timezone.localdate()
    with_address(gwangju_editor)
    with_address(contributor)
    Item.objects.filter(pk=cases.embargoed.pk).update(embargo_until=today + timedelta(days=9))
    for item in (cases.public, cases.restricted, cases.network, cases.embargoed):
        give_consent(item, "archive", "publish", reconsent_due=today)
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Draft Sentinel", "Decided Sentinel"):
            draft = make_item(
                gwangju, titles={"en": title}, publication=Publication.DRAFT, access="restricted"
            )
            submit_for_review(draft, by=contributor)
        publish(draft, by=gwangju_editor)

    text = every_email()

    secrets = [*HIDDEN_FROM_PUBLIC, PUBLIC_TITLE, "도청 앞 증언", PSEUDONYM, HIDDEN_DESCRIPTION]
    assert leaked(text, [*secrets, "Draft Sentinel", "Decided Sentinel", "Sentinel"]) == []
    # The keeper was told of each kind (so the emails were written), the contributor of
    # the decision.
    for told in ("Waiting for your review", "Consents to renew", "Embargoes ending soon"):
        assert told in text
    assert "Tag suggestions to decide" in text and "Your submissions decided" in text
    assert "[hrcities] Waiting for your review: 1 new" in text  # told at once, too
