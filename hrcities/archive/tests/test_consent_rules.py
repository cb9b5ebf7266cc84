"""Consent rules in motion: what an item's current consents decide, the consents a keeper
is to renew, and changes (a researcher role granted or revoked, a consent withdrawn or
recorded anew, the network's setting switched) taking effect at once on every channel,
the search index and the page cache included."""

import re
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hrcities.accounts.services import grant_role, revoke_role
from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Consent, Item
from hrcities.archive.services import record_consent, withdraw_consent
from hrcities.core.models import NetworkSettings
from hrcities.core.services import restore_revision, revisions_for, update_record

from .factories import give_consent, make_item, make_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def found(client, q):
    body = client.get("/api/search", {"q": q, "semantic": "false"}).json()
    return [hit["title"] for hit in body["results"]]


def hide_lapsed(on: bool) -> None:
    settings = NetworkSettings.current()
    settings.hide_records_past_renewal = on
    settings.save()


# --- what the current consents decide ---------------------------------------------------


def test_a_persons_newest_consent_replaces_their_earlier_ones(gwangju):
    narrator = make_person(gwangju)
    item = make_item(gwangju, kind="testimony", narrator=narrator)
    give_consent(item, "archive", "publish", given_on=date(2020, 1, 1))
    give_consent(item, "archive", "publish", "quote", "name", given_on=date(2021, 1, 1))
    item.refresh_from_db()

    assert item.consented_scopes() == {"archive", "publish", "quote", "name"}
    assert not item.is_name_withheld and not item.is_quote_withheld
    assert list(item.consents.current()) == [item.consents.first()]


def test_with_several_people_only_what_all_agreed_to_holds(gwangju):
    narrator, sister = make_person(gwangju), make_person(gwangju)
    item = make_item(gwangju, kind="testimony", narrator=narrator)
    give_consent(item, "archive", "publish", "quote", "name")
    give_consent(item, "archive", "publish", "quote", person=sister)
    item.refresh_from_db()

    assert item.consented_scopes() == {"archive", "publish", "quote"}
    assert item.is_name_withheld and not item.is_quote_withheld


def test_one_persons_research_only_consent_makes_the_record_research_only(gwangju):
    item = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    give_consent(item, "archive", "publish", "quote", "name")
    give_consent(item, "archive", "publish", "research", person=make_person(gwangju))
    item.refresh_from_db()

    assert item.is_research_only
    assert not Item.objects.visible_to(AnonymousUser()).filter(pk=item.pk).exists()


def test_items_without_a_consent_follow_their_hidden_field_settings_alone(gwangju):
    item = make_item(gwangju, narrator=make_person(gwangju))

    assert item.consented_scopes() is None
    assert not (item.is_name_withheld or item.is_quote_withheld or item.is_research_only)


def test_the_renewal_date_is_the_earliest_of_the_current_consents(gwangju):
    item = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    give_consent(item, "archive", "publish", reconsent_due=date(2021, 1, 1))
    give_consent(item, "archive", "publish", given_on=date(2021, 2, 1), reconsent_due=None)
    give_consent(
        item, "archive", "publish", person=make_person(gwangju), reconsent_due=date(2030, 1, 1)
    )
    item.refresh_from_db()

    assert item.consent_due == date(2030, 1, 1)  # the narrator's older date was replaced


# --- consents a keeper is to renew ------------------------------------------------------


def test_consents_past_renewal_are_those_current_and_kept_by_the_user(
    gwangju, busan, gwangju_editor, admin
):
    lapsed = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    due = give_consent(lapsed, "archive", "publish", reconsent_due=YESTERDAY)
    renewed = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    give_consent(renewed, "archive", "publish", reconsent_due=YESTERDAY)
    give_consent(renewed, "archive", "publish", given_on=TODAY, reconsent_due=TODAY)
    withdrawn = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    withdraw_consent(
        give_consent(withdrawn, "archive", "publish", reconsent_due=YESTERDAY), by=gwangju_editor
    )
    elsewhere = make_item(busan, kind="testimony", narrator=make_person(busan))
    other = give_consent(elsewhere, "archive", "publish", reconsent_due=YESTERDAY)
    researcher = make_user()
    give_role(researcher, "researcher", city=gwangju)

    assert list(Consent.objects.past_renewal_kept_by(gwangju_editor)) == [due]
    assert set(Consent.objects.past_renewal_kept_by(admin)) == {due, other}
    assert not Consent.objects.past_renewal_kept_by(researcher).exists()
    assert not Consent.objects.past_renewal_kept_by(AnonymousUser()).exists()
    assert not Consent.objects.past_renewal_kept_by(gwangju_editor, today=YESTERDAY).exists()


# --- changes in motion ------------------------------------------------------------------


@pytest.fixture
def research_item(gwangju):
    item = make_item(gwangju, titles={"en": "Research Sentinel"}, narrator=make_person(gwangju))
    give_consent(item, "archive", "publish", "research")
    return item


def test_granting_and_revoking_a_researcher_role_takes_effect_at_once(
    client, gwangju, admin, research_item
):
    user = make_user()
    client.force_login(user)
    page = reverse("archive:item-detail", args=[research_item.pk])
    assert client.get(page).status_code == 404 and found(client, "Sentinel") == []

    assignment = grant_role(user, "researcher", by=admin, city=gwangju)

    assert client.get(page).status_code == 200
    assert found(client, "Sentinel") == ["Research Sentinel"]

    revoke_role(assignment, by=admin)

    assert client.get(page).status_code == 404
    assert found(client, "Sentinel") == []


def test_a_researcher_role_for_one_city_opens_no_other_citys_records(client, busan, research_item):
    user = make_user()
    give_role(user, "researcher", city=busan)
    client.force_login(user)

    assert client.get(research_item.get_absolute_url()).status_code == 404
    assert found(client, "Sentinel") == []


def test_a_consent_recorded_for_research_only_hides_a_public_record_at_once(
    client, gwangju, gwangju_editor
):
    item = make_item(gwangju, titles={"en": "Camellia Sentinel"}, narrator=make_person(gwangju))
    assert found(client, "Camellia") == ["Camellia Sentinel"]

    record_consent(item, by=gwangju_editor, scopes=["archive", "research"], given_on=TODAY)

    assert found(client, "Camellia") == []
    assert client.get(item.get_absolute_url()).status_code == 404


def test_renewing_a_lapsed_consent_brings_the_record_back_at_once(client, gwangju, gwangju_editor):
    item = make_item(gwangju, titles={"en": "Lapsed Sentinel"}, narrator=make_person(gwangju))
    scopes = ["archive", "publish", "quote", "name"]
    record_consent(
        item, by=gwangju_editor, scopes=scopes, given_on=date(2020, 1, 1), reconsent_due=YESTERDAY
    )
    hide_lapsed(True)
    assert found(client, "Lapsed") == []

    record_consent(
        item, by=gwangju_editor, scopes=scopes, given_on=TODAY, reconsent_due=date(2099, 1, 1)
    )

    assert found(client, "Lapsed") == ["Lapsed Sentinel"]
    assert client.get(item.get_absolute_url()).status_code == 200


def test_switching_the_network_setting_takes_effect_at_once(client, gwangju):
    item = make_item(gwangju, titles={"en": "Lapsed Sentinel"}, narrator=make_person(gwangju))
    give_consent(item, "archive", "publish", reconsent_due=YESTERDAY)

    hide_lapsed(True)
    assert found(client, "Lapsed") == []
    assert client.get(item.get_absolute_url()).status_code == 404

    hide_lapsed(False)
    assert found(client, "Lapsed") == ["Lapsed Sentinel"]
    assert client.get(item.get_absolute_url()).status_code == 200


def test_a_withdrawn_research_consent_hides_the_record_from_its_researchers(
    client, gwangju, gwangju_editor, research_item
):
    user = make_user()
    give_role(user, "researcher", city=gwangju)
    client.force_login(user)

    withdraw_consent(research_item.consents.get(), by=gwangju_editor)

    assert client.get(research_item.get_absolute_url()).status_code == 404
    assert found(client, "Sentinel") == []


def test_no_edit_or_restore_loosens_what_the_consent_decides(gwangju, gwangju_editor):
    item = make_item(gwangju, narrator=make_person(gwangju))
    update_record(item, {"titles": {"en": "Old title"}}, by=gwangju_editor, based_on_version=None)
    update_record(item, {"titles": {"en": "New title"}}, by=gwangju_editor, based_on_version=None)
    give_consent(item, "archive", "research")
    oldest = revisions_for(item).last()

    restore_revision(oldest, by=gwangju_editor)
    item.refresh_from_db()

    assert item.title == "Old title"
    assert item.is_research_only and item.is_name_withheld and item.is_quote_withheld


def test_an_api_body_cannot_set_what_the_consent_decides(
    client, gwangju, gwangju_editor, api_token, research_item
):
    response = client.patch(
        f"/api/archive/items/{research_item.pk}",
        {"version": research_item.version, "is_research_only": False, "rights": "CC BY"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )

    research_item.refresh_from_db()
    assert response.status_code in (200, 422)
    assert research_item.is_research_only


def test_a_consent_without_the_name_hides_it_on_the_narrators_other_records_at_once(
    client, gwangju, gwangju_editor
):
    narrator = make_person(gwangju, real_name="Jiwoo Realname", real_name_may_be_shown=True)
    told = make_item(
        gwangju, kind="testimony", titles={"en": "Told"}, narrator=narrator, restricted_fields=[]
    )
    other = make_item(
        gwangju, titles={"en": "Photo by Jiwoo Realname"}, narrator=narrator, restricted_fields=[]
    )
    assert sorted(found(client, "Realname")) == ["Photo by Jiwoo Realname", "Told"]

    record_consent(told, by=gwangju_editor, scopes=["archive", "publish"], given_on=TODAY)

    assert found(client, "Realname") == []
    assert "Jiwoo Realname" not in client.get(other.get_absolute_url()).content.decode()
    assert "Jiwoo Realname" not in client.get(f"/api/archive/people/{narrator.pk}").content.decode()


# --- the page cache ---------------------------------------------------------------------


@contextmanager
def committed(django_capture_on_commit_callbacks):
    connection._hrcities_pending = None
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_consent_changes_and_the_setting_leave_no_cached_page_behind(
    page_cache, gwangju, gwangju_editor, django_capture_on_commit_callbacks
):
    visitor = Client()
    with committed(django_capture_on_commit_callbacks):
        item = make_item(gwangju, titles={"en": "Magnolia Sentinel"}, narrator=make_person(gwangju))
    listing = reverse("archive:item-list")
    first = visitor.get(listing)
    assert "Magnolia Sentinel" in first.content.decode()
    assert visitor.get(listing).get("X-Page-Cache") == "hit"

    with committed(django_capture_on_commit_callbacks):
        record_consent(
            item,
            by=gwangju_editor,
            scopes=["archive", "publish"],
            given_on=date(2020, 1, 1),
            reconsent_due=YESTERDAY,
        )
    assert "Magnolia Sentinel" in visitor.get(listing).content.decode()

    with committed(django_capture_on_commit_callbacks):
        hide_lapsed(True)
    assert "Magnolia Sentinel" not in visitor.get(listing).content.decode()

    with committed(django_capture_on_commit_callbacks):
        hide_lapsed(False)
    assert "Magnolia Sentinel" in visitor.get(listing).content.decode()

    with committed(django_capture_on_commit_callbacks):
        record_consent(item, by=gwangju_editor, scopes=["archive", "research"], given_on=TODAY)
    assert "Magnolia Sentinel" not in visitor.get(listing).content.decode()
    assert visitor.get(item.get_absolute_url()).status_code == 404


# --- the consent page -------------------------------------------------------------------


def test_the_consent_page_says_what_the_current_consents_decide_and_offers_to_record_anew(
    client, gwangju, gwangju_editor
):
    item = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    older = give_consent(item, "archive", "publish", "name", given_on=date(2020, 1, 1))
    newer = give_consent(
        item, "archive", "publish", "research", given_on=date(2021, 1, 1), reconsent_due=YESTERDAY
    )
    client.force_login(gwangju_editor)
    url = reverse("archive:item-consents", args=[item.pk])

    page = client.get(url).content.decode()
    renewing = client.get(url, {"renew": newer.pk}).content.decode()
    not_current = client.get(url, {"renew": older.pk}).content.decode()

    assert "Replaced by a newer consent" in page
    assert "Real name: not agreed." in page and "Quoting: not agreed." in page
    assert "Research use only" in page and "Consent past its renewal date" in page
    assert f"?renew={newer.pk}" in page and f"?renew={older.pk}" not in page
    assert re.search(r'value="research"[^>]*checked', renewing)
    assert not re.search(r'value="quote"[^>]*checked', renewing)
    assert TODAY.isoformat() in renewing and TODAY.isoformat() not in not_current


def test_another_citys_editor_cannot_open_the_consent_page(client, busan_editor, research_item):
    client.force_login(busan_editor)

    response = client.get(reverse("archive:item-consents", args=[research_item.pk]))

    assert response.status_code == 404
