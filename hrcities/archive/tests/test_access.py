"""The one visibility rule, `visible_to`, and what each reader receives of an item."""

from datetime import date, timedelta

import pytest

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Item
from hrcities.archive.presenting import REDACTED, present_item
from hrcities.archive.services import redact_phrase, withdraw_consent
from hrcities.network.tests.factories import make_organisation

from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


def visible(item, user):
    return Item.objects.visible_to(user, today=TODAY).filter(pk=item.pk).exists()


@pytest.fixture
def outsider(db):
    return make_user("outsider")


def test_public_items_are_seen_by_everyone(gwangju, anonymous, outsider):
    item = make_item(gwangju)
    assert visible(item, anonymous) and visible(item, outsider)


def test_drafts_are_seen_only_by_those_who_keep_them(gwangju, anonymous, outsider, gwangju_editor):
    draft = make_item(gwangju, publication="draft")
    assert not visible(draft, anonymous)
    assert not visible(draft, outsider)
    assert visible(draft, gwangju_editor)


def test_network_items_need_a_sign_in(gwangju, anonymous, outsider):
    item = make_item(gwangju, access="network")
    assert not visible(item, anonymous)
    assert visible(item, outsider)


def test_restricted_items_are_seen_by_the_named_people_and_organisations(
    gwangju, anonymous, outsider
):
    named = make_user("named")
    foundation = make_organisation(slug="may-18")
    member = make_user("member")
    give_role(member, "reader", organisation=foundation)
    item = make_item(
        gwangju, access="restricted", allowed_users=[named], allowed_organisations=[foundation]
    )

    assert not visible(item, anonymous)
    assert not visible(item, outsider)
    assert visible(item, named)
    assert visible(item, member)


def test_an_embargo_lifts_on_its_day_to_the_tier_set(gwangju, anonymous, outsider):
    to_public = make_item(
        gwangju, access="embargoed", embargo_until=TODAY + timedelta(days=1), after_embargo="public"
    )
    lifted = make_item(gwangju, access="embargoed", embargo_until=TODAY, after_embargo="network")

    assert not visible(to_public, anonymous) and not visible(to_public, outsider)
    assert (
        Item.objects.visible_to(anonymous, today=TODAY + timedelta(days=1))
        .filter(pk=to_public.pk)
        .exists()
    )
    assert not visible(lifted, anonymous)
    assert visible(lifted, outsider)


def test_a_withdrawn_consent_hides_the_item_at_once_but_keeps_it(
    gwangju, anonymous, outsider, gwangju_editor
):
    narrator = make_person(gwangju)
    item = make_item(gwangju, kind="testimony", narrator=narrator)
    consent = give_consent(item, "archive", "publish")

    withdraw_consent(consent, by=gwangju_editor)

    assert not visible(item, anonymous)
    assert not visible(item, outsider)
    assert Item.objects.filter(pk=item.pk).exists()
    assert visible(item, gwangju_editor)  # the keepers still see the archival copy
    from hrcities.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="consent-withdrawn", target_id=str(item.pk)).exists()


def test_hidden_fields_are_dropped_for_readers_and_kept_for_keepers(
    gwangju, anonymous, gwangju_editor
):
    narrator = make_person(gwangju, real_name="Kim Real", real_name_may_be_shown=True)
    item = make_item(
        gwangju,
        kind="testimony",
        narrator=narrator,
        exact_location="3rd floor, 12 Geumnam-ro",
        contact="+82 10 0000 0000",
        restricted_fields=["narrator_name", "contact", "exact_location"],
    )

    public = present_item(item, anonymous)
    assert (public.narrator, public.contact, public.exact_location) == (narrator.pseudonym, "", "")
    kept = present_item(item, gwangju_editor)
    assert (kept.narrator, kept.contact) == ("Kim Real", "+82 10 0000 0000")


def test_new_items_keep_names_contacts_and_places_private_by_default(gwangju):
    item = Item(city=gwangju, kind="testimony", titles={"ko": "증언"})
    assert sorted(item.restricted_fields) == ["contact", "exact_location", "narrator_name"]


def test_a_real_name_not_allowed_is_never_shown_even_when_the_field_is_open(gwangju, anonymous):
    narrator = make_person(gwangju, real_name="Kim Real", real_name_may_be_shown=False)
    item = make_item(gwangju, narrator=narrator, restricted_fields=[])
    assert present_item(item, anonymous).narrator == narrator.pseudonym


def test_redacted_words_never_reach_readers(gwangju, anonymous, gwangju_editor):
    item = make_item(
        gwangju,
        descriptions={"en": "The soldier Park Secret beat him near the station."},
        transcript="I saw Park Secret there. Park Secret shouted.",
    )
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Park Secret")
    redact_phrase(item, by=gwangju_editor, field="description", language="en", phrase="Park Secret")

    public = present_item(item, anonymous)
    assert "Park Secret" not in public.transcript + public.description
    assert public.transcript == f"I saw {REDACTED} there. {REDACTED} shouted."
    assert "Park Secret" in present_item(item, gwangju_editor).transcript


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_the_history_of_an_archive_record_is_only_for_those_who_keep_it(
    gwangju, client, signed_in, gwangju_editor, reader
):
    from django.urls import reverse

    from hrcities.core.services import update_record

    item = make_item(gwangju, transcript="The name was Kim Secret.")
    update_record(
        item, {"transcript": "The name was withheld."}, by=gwangju_editor, based_on_version=1
    )
    page = reverse("core:record-history", args=["archive.item", item.pk])
    api = f"/api/records/archive.item/{item.pk}/revisions"

    assert client.get(page).status_code == 404
    assert client.get(api).status_code == 404
    assert signed_in(reader).get(page).status_code == 404
    kept = signed_in(gwangju_editor).get(page)
    assert kept.status_code == 200 and "Kim Secret" in kept.content.decode()


def test_contributors_see_their_citys_drafts_but_not_withdrawn_or_other_cities(gwangju, busan):
    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    draft = make_item(gwangju, publication="draft")
    submitted = make_item(gwangju, publication="submitted")
    withdrawn = make_item(gwangju, publication="draft", is_withdrawn=True)
    elsewhere = make_item(busan, publication="draft")

    assert visible(draft, contributor) and visible(submitted, contributor)
    assert not visible(withdrawn, contributor)
    assert not visible(elsewhere, contributor)


def test_editing_the_text_keeps_withheld_words_withheld(gwangju, anonymous, gwangju_editor):
    from hrcities.archive.services import update_archive_record

    item = make_item(gwangju, transcript="I saw Park Secret there.")
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Park Secret")

    update_archive_record(
        item,
        {"transcript": "Early that morning I saw Park Secret there, and Park Secret saw me."},
        by=gwangju_editor,
        based_on_version=item.version,
    )

    item.refresh_from_db()
    shown = present_item(item, anonymous).transcript
    assert "Park Secret" not in shown
    assert shown.count(REDACTED) == 2


def test_contributors_cannot_open_what_reviewers_decide(gwangju):
    from django.core.exceptions import PermissionDenied

    from hrcities.archive.services import create_archive_record, update_archive_record

    contributor = make_user("contributor")
    give_role(contributor, "contributor", city=gwangju)
    with pytest.raises(PermissionDenied, match="access"):
        create_archive_record(
            Item,
            by=contributor,
            city=gwangju,
            kind="document",
            titles={"en": "x"},
            access="network",
        )
    draft = make_item(gwangju, publication="draft")
    for changes in ({"restricted_fields": []}, {"publication": "published"}):
        with pytest.raises(PermissionDenied):
            update_archive_record(draft, changes, by=contributor, based_on_version=1)


def test_withheld_words_and_a_hidden_real_name_are_cut_from_every_text_of_the_item(
    gwangju, anonymous, gwangju_editor
):
    from hrcities.archive.models import MediaFile

    narrator = make_person(gwangju, real_name="Kim Realname")
    item = make_item(
        gwangju,
        narrator=narrator,
        descriptions={"en": "Told by Kim Realname."},
        transcript="I saw Park Secret there.",
    )
    redact_phrase(item, by=gwangju_editor, field="transcript", phrase="Park Secret")
    media = MediaFile(
        item=item, original_name="a.txt", content_type="text/plain", size=1, sha256="x"
    )
    media.transcript = "Kim Realname: Park Secret shouted."

    view = present_item(item, anonymous)

    assert view.cut_phrases(media.transcript) == f"{REDACTED}: {REDACTED} shouted."
    assert "Kim Realname" not in view.description
    kept = present_item(item, gwangju_editor)
    assert kept.cut_phrases(media.transcript) == media.transcript
