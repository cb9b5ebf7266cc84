"""The leak matrix for consent: each scope's rule read through every channel (the
channels of `channels.py`, and the people's pages), by the public, a member without a
role, researchers of the owning city and of another, a contributor, and the keepers.

- Without "name", the narrator's real name is never shown, though the hidden-field
  setting and the person's own setting would show it; keepers read it, marked.
- Without "quote", the transcript's words are read on the item's page only.
- "Research only": keepers and the owner's researchers see the record; no one else.
- Past its renewal date, while the network hides such records: keepers only.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Item, Place
from hrcities.core.models import NetworkSettings
from hrcities.core.services import update_record
from hrcities.taxonomy.models import SdgGoal
from hrcities.taxonomy.tags import record_suggestions, set_accepted_tags

from .cases import attach_image
from .channels import CHANNELS, KEEPERS_ONLY, NO_ITEMS, PUBLIC_ONLY, read_items_channel
from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db

REAL_NAME = "Hyunsoo Realperson"
PSEUDONYM = "Narrator Magnolia"
NO_NAME = "Magnolia testimony"
SPOKEN = "The lanterns were humming quietly over Geumnam street"
# Two words of the transcript, in the order spoken: the words are found one by one, but
# no phrase of the transcript can be probed for.
PHRASE = "humming quietly"
NO_QUOTE = "Lantern testimony"
RESEARCH = "Research Sentinel"
LAPSED = "Lapsed Sentinel"
PERSON_CHANNELS = ["person pages", "people API"]
SEARCHES = ["testimony", "Sentinel"]
MEANING = "sentinel research lapsed"


@pytest.fixture
def consented(gwangju, gwangju_editor):
    """Four public, published Gwangju items whose consents each hold one rule back."""
    narrator = make_person(
        gwangju, pseudonym=PSEUDONYM, real_name=REAL_NAME, real_name_may_be_shown=True
    )
    no_name = make_item(
        gwangju,
        kind="testimony",
        titles={"en": NO_NAME},
        descriptions={"en": f"{REAL_NAME} remembers the fountain."},
        narrator=narrator,
        restricted_fields=[],  # the hidden-field setting would show the name
    )
    give_consent(no_name, "archive", "publish", "quote")
    no_quote = make_item(
        gwangju,
        kind="testimony",
        titles={"en": NO_QUOTE},
        descriptions={"en": "Lanterns on the street, remembered."},
        transcript=SPOKEN,
        narrator=make_person(gwangju),
    )
    give_consent(no_quote, "archive", "publish", "name")
    research = make_item(gwangju, titles={"en": RESEARCH}, narrator=make_person(gwangju))
    give_consent(research, "archive", "publish", "quote", "name", "research")
    lapsed = make_item(gwangju, titles={"en": LAPSED}, narrator=make_person(gwangju))
    give_consent(
        lapsed,
        "archive",
        "publish",
        "quote",
        "name",
        reconsent_due=timezone.localdate() - timedelta(days=1),
    )
    items = [no_name, no_quote, research, lapsed]
    SdgGoal.objects.update_or_create(number=10, defaults={"titles": {"en": "Inequalities"}})
    SdgGoal.objects.update_or_create(number=5, defaults={"titles": {"en": "Gender equality"}})
    for item in items:
        place = Place(city=gwangju, titles={"en": f"Place of {item.title}"}, latitude=35.1)
        place.longitude = 126.9
        place.full_clean()
        place.save()
        Item.objects.filter(pk=item.pk).update(
            place=place, date_text="1980", date_start=date(1980, 1, 1), date_end=date(1980, 12, 31)
        )
        item.refresh_from_db()
        attach_image(item, gwangju_editor)
        update_record(item, {"rights": "CC BY"}, by=gwangju_editor, based_on_version=None)
        set_accepted_tags(item, ["sdg:10"], by=gwangju_editor)
        record_suggestions(item, [("sdg:5", 0.9)])
    return items


def hide_lapsed(on: bool) -> None:
    settings = NetworkSettings.current()
    settings.hide_records_past_renewal = on
    settings.save()


def read(client, channel, items):
    if channel == "person pages":
        people = [item.narrator for item in items]
        return "".join(
            client.get(reverse("archive:person-detail", args=[p.pk])).content.decode()
            for p in people
        )
    if channel == "people API":
        listed = client.get("/api/archive/people", {"limit": 100}).content.decode()
        return listed + "".join(
            client.get(f"/api/archive/people/{item.narrator_id}").content.decode() for item in items
        )
    return read_items_channel(client, channel, items, searches=SEARCHES, meaning=MEANING)


READERS = ["public", "member", "busan researcher", "contributor", "researcher", "keeper"]
# Every channel but the search by meaning is read in one test per reader, so the records are
# made once for all of them; search by meaning has its own tests, as its records are made
# with sentence vectors (the conftest turns them on for tests named "semantic").
SEMANTIC = "semantic search"
BY_WORDS = [c for c in CHANNELS if c != SEMANTIC]


def failing(client, channels, items, holds) -> list[str]:
    """Return the channels on which what this client reads breaks the rule `holds`."""
    return [c for c in channels if not holds(c, read(client, c, items))]


@pytest.fixture
def sign_in_as(client, gwangju, busan, gwangju_editor):
    def sign_in(who):
        if who == "member":
            client.force_login(make_user("outsider"))
        elif who == "busan researcher":
            user = make_user("busan-researcher")
            give_role(user, "researcher", city=busan)
            client.force_login(user)
        elif who == "contributor":
            user = make_user("gwangju-contributor")
            give_role(user, "contributor", city=gwangju)
            client.force_login(user)
        elif who == "researcher":
            user = make_user("gwangju-researcher")
            give_role(user, "researcher", city=gwangju)
            client.force_login(user)
        elif who == "keeper":
            client.force_login(gwangju_editor)
        return client

    return sign_in


def reads_items(channel, who):
    """Whether this reader gets the items' content on this channel at all."""
    if channel in NO_ITEMS:
        return False
    if channel in PUBLIC_ONLY:
        return True  # as the public sees them
    if channel in KEEPERS_ONLY:
        return who == "keeper"
    return True


# --- name -------------------------------------------------------------------------------


def name_withheld(channel: str, text: str) -> bool:
    named = ("item pages", "API", "JSON-LD", "CSV", "print pages", *PERSON_CHANNELS)
    return (
        REAL_NAME not in text
        and "Realperson" not in text
        and (channel not in named or PSEUDONYM in text)
    )


@pytest.mark.parametrize("who", READERS[:-1])
def test_without_consent_to_the_name_no_one_but_keepers_reads_the_real_name(
    sign_in_as, consented, who
):
    client = sign_in_as(who)

    assert failing(client, [*BY_WORDS, *PERSON_CHANNELS], consented[:1], name_withheld) == []


@pytest.mark.parametrize("who", READERS[:-1])
def test_without_consent_to_the_name_semantic_search_never_gives_the_real_name(
    sign_in_as, consented, who
):
    assert failing(sign_in_as(who), [SEMANTIC], consented[:1], name_withheld) == []


def test_keepers_read_the_real_name_the_consent_withholds(sign_in_as, consented):
    channels = ["item pages", "print pages", "API", "JSON-LD", "CSV", *PERSON_CHANNELS]

    named = failing(sign_in_as("keeper"), channels, consented[:1], lambda _c, t: REAL_NAME in t)

    assert named == []


def test_the_item_page_tells_keepers_the_name_is_hidden_from_the_public(sign_in_as, consented):
    page = sign_in_as("keeper").get(consented[0].get_absolute_url()).content.decode()

    assert "real name hidden from the public: no consent to use it" in page


def test_the_person_page_tells_keepers_what_the_public_reads(sign_in_as, consented):
    narrator = consented[0].narrator
    page = sign_in_as("keeper").get(reverse("archive:person-detail", args=[narrator.pk]))

    text = page.content.decode()
    assert f"<h1>{REAL_NAME}" in text
    assert f"Shown to the public as</dt><dd>{PSEUDONYM}</dd>" in text


def test_the_real_name_is_not_found_by_search(sign_in_as, consented):
    client = sign_in_as("member")

    body = client.get("/api/search", {"q": "Realperson", "semantic": "false"}).json()

    assert body["count"] == 0


# --- quote ------------------------------------------------------------------------------


def quote_rule(who: str):
    def holds(channel: str, text: str) -> bool:
        on_its_page = channel == "item pages"
        # The record itself is there, without its words, wherever the reader gets items.
        listed = not reads_items(channel, who) or channel == "tag suggestions"
        return (
            (SPOKEN in text) == on_its_page
            and ("Geumnam" in text) == on_its_page
            and (listed or NO_QUOTE in text)
        )

    return holds


@pytest.mark.parametrize("who", ["public", "member", "researcher"])
def test_without_consent_to_quote_the_words_are_read_on_the_item_page_only(
    sign_in_as, consented, who
):
    client = sign_in_as(who)

    assert failing(client, BY_WORDS, consented[1:2], quote_rule(who)) == []


@pytest.mark.parametrize("who", ["public", "member", "researcher"])
def test_without_consent_to_quote_semantic_search_gives_none_of_the_words(
    sign_in_as, consented, who
):
    assert failing(sign_in_as(who), [SEMANTIC], consented[1:2], quote_rule(who)) == []


def test_the_item_page_says_the_transcript_is_not_to_be_quoted(client, consented):
    page = client.get(consented[1].get_absolute_url()).content.decode()

    assert "The narrator did not agree to be quoted." in page
    assert SPOKEN in page


def test_the_api_says_why_the_transcript_is_empty(client, consented):
    body = client.get(f"/api/archive/items/{consented[1].pk}").json()

    assert body["transcript"] == "" and body["quote_withheld"] is True


def test_keepers_read_the_transcript_on_every_channel_that_has_it(sign_in_as, consented):
    client = sign_in_as("keeper")

    for channel in ("item pages", "print pages", "API", "JSON-LD"):
        assert SPOKEN in read(client, channel, consented[1:2]), channel


def test_an_unquotable_record_is_found_by_its_words_with_no_extract_of_them(client, consented):
    body = client.get("/api/search", {"q": "humming", "semantic": "false"}).json()
    page = client.get("/search/", {"q": "humming"}).content.decode()

    assert [hit["title"] for hit in body["results"]] == [NO_QUOTE]
    hit = body["results"][0]
    assert "humming" not in (hit["snippet"] + hit["title"]).lower()
    assert NO_QUOTE in page and "humming</mark>" not in page


def test_no_phrase_of_an_unquotable_transcript_can_be_probed(client, consented):
    body = client.get("/api/search", {"q": f'"{PHRASE}"', "semantic": "false"}).json()

    assert body["count"] == 0


def test_the_search_index_keeps_no_extract_of_an_unquotable_transcript(consented):
    from hrcities.search.models import SearchDocument

    document = SearchDocument.objects.get(kind="item", object_id=consented[1].pk)

    stored = " ".join(str(value) for value in document.__dict__.values())
    assert SPOKEN not in stored
    assert "humming quietly" not in stored.lower()


# --- research only ----------------------------------------------------------------------

SEES_RESEARCH = {"researcher", "keeper"}


def research_rule(who: str):
    def holds(channel: str, text: str) -> bool:
        sees = (
            who in SEES_RESEARCH
            and channel not in (*PUBLIC_ONLY, *NO_ITEMS)
            and (channel not in KEEPERS_ONLY or who == "keeper")
        )
        return (RESEARCH in text) == sees

    return holds


@pytest.mark.parametrize("who", READERS)
def test_a_research_only_record_is_seen_by_keepers_and_the_owners_researchers_only(
    sign_in_as, consented, who
):
    client = sign_in_as(who)

    assert failing(client, BY_WORDS, consented[2:3], research_rule(who)) == []


@pytest.mark.parametrize("who", READERS)
def test_a_research_only_record_is_found_by_semantic_search_for_those_who_see_it_only(
    sign_in_as, consented, who
):
    assert failing(sign_in_as(who), [SEMANTIC], consented[2:3], research_rule(who)) == []


@pytest.mark.parametrize("who", READERS)
def test_a_research_only_record_answers_404_and_counts_nowhere(sign_in_as, consented, who):
    client = sign_in_as(who)
    research = consented[2]
    sees = who in SEES_RESEARCH

    page = client.get(research.get_absolute_url())
    api = client.get(f"/api/archive/items/{research.pk}")
    body = client.get("/api/search", {"q": "Sentinel", "semantic": "false"}).json()
    listed = client.get("/api/archive/items", {"limit": 100}).json()

    assert page.status_code == api.status_code == (200 if sees else 404)
    titles = sorted(hit["title"] for hit in body["results"])
    assert (RESEARCH in titles) == sees
    assert body["count"] == len(titles)
    assert [v["count"] for v in body["facets"]["kind"]] == [len(titles)]
    assert listed["count"] == len(listed["items"])
    assert (RESEARCH in [i["titles"].get("en") for i in listed["items"]]) == sees


# --- past renewal -----------------------------------------------------------------------


def renewal_rule(who: str):
    def holds(channel: str, text: str) -> bool:
        sees = who == "keeper" and channel not in (*PUBLIC_ONLY, *NO_ITEMS)
        return (LAPSED in text) == sees

    return holds


@pytest.mark.parametrize("who", ["public", "member", "researcher", "keeper"])
def test_past_renewal_records_are_seen_only_by_keepers_while_the_network_hides_them(
    sign_in_as, consented, who
):
    hide_lapsed(True)

    assert failing(sign_in_as(who), BY_WORDS, consented[3:4], renewal_rule(who)) == []


@pytest.mark.parametrize("who", ["public", "member", "researcher", "keeper"])
def test_past_renewal_records_are_found_by_semantic_search_only_by_keepers_while_hidden(
    sign_in_as, consented, who
):
    hide_lapsed(True)

    assert failing(sign_in_as(who), [SEMANTIC], consented[3:4], renewal_rule(who)) == []


def test_past_renewal_records_stay_in_view_while_the_network_keeps_them(client, consented):
    hide_lapsed(False)
    shown = [c for c in CHANNELS if c not in (*NO_ITEMS, *KEEPERS_ONLY, "tag suggestions")]

    assert failing(client, shown, consented[3:4], lambda _channel, text: LAPSED in text) == []


def test_keepers_are_told_on_the_item_page_that_the_consent_is_past_renewal(sign_in_as, consented):
    client = sign_in_as("keeper")
    hide_lapsed(True)
    hidden = client.get(consented[3].get_absolute_url()).content.decode()
    hide_lapsed(False)
    shown = client.get(consented[3].get_absolute_url()).content.decode()

    assert "Consent past its renewal date" in hidden
    assert "Hidden from everyone but its keepers" in hidden
    assert "Still in view" in shown


def test_the_print_page_points_to_the_item_page_for_an_unquotable_transcript(client, consented):
    page = client.get(reverse("archive:item-print", args=[consented[1].pk])).content.decode()

    assert "the transcript is read on the record&#x27;s own page only" in page
    assert consented[1].get_absolute_url() in page and "humming" not in page


def test_the_consent_notes_read_in_korean(sign_in_as, consented):
    client = sign_in_as("keeper")
    hide_lapsed(True)

    quote_page = client.get(consented[1].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko")
    name_page = client.get(consented[0].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko")
    lapsed_page = client.get(consented[3].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko")

    assert "구술자가 인용에 동의하지 않았습니다." in quote_page.content.decode()
    assert "실명 비공개: 실명 사용 동의 없음" in name_page.content.decode()
    assert "갱신 기한이 지난 동의" in lapsed_page.content.decode()
