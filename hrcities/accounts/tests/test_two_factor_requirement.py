"""The network can require an authenticator app of everyone who keeps restricted archive
records: network admins and the editors and reviewers of their owners. Nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.accounts.twofactor.requirement import must_use_two_factor
from hrcities.archive.tests.factories import make_event, make_item
from hrcities.core.models import NetworkSettings

from .twofactor_helpers import code_for_secret, secret_on_page


@pytest.fixture
def required(db):
    NetworkSettings.objects.create(pk=1, require_two_factor_for_keepers=True)


@pytest.fixture
def restricted_in_gwangju(gwangju):
    return make_item(gwangju, access="restricted")


def test_a_keeper_of_restricted_records_reaches_only_the_set_up_page(
    signed_in, gwangju_editor, restricted_in_gwangju, required
):
    client = signed_in(gwangju_editor)
    for path in (reverse("accounts:profile"), reverse("archive:item-list"), "/"):
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer.url == reverse("accounts:two-factor-setup")
    page = client.get(reverse("accounts:two-factor-setup"))
    assert "The network asks everyone who keeps restricted archive records" in (
        page.content.decode()
    )
    # The API answers with a problem, not a page.
    api = client.get("/api/accounts/me")
    assert api.status_code == 403
    assert api.json()["title"] == "Two-factor sign-in required"
    # Signing out still works.
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_once_the_app_is_set_up_the_keeper_works_as_before(
    signed_in, gwangju_editor, restricted_in_gwangju, required
):
    client = signed_in(gwangju_editor)
    secret = secret_on_page(client.get(reverse("accounts:two-factor-setup")).content.decode())
    client.post(reverse("accounts:two-factor-setup"), {"code": code_for_secret(secret)})
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("archive:item-list")).status_code == 200


def test_keepers_api_tokens_keep_working(
    client, gwangju_editor, restricted_in_gwangju, required, api_token
):
    token = api_token(gwangju_editor)
    answer = client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200


def test_nothing_is_required_while_the_network_does_not_ask(
    signed_in, gwangju_editor, restricted_in_gwangju
):
    assert not must_use_two_factor(gwangju_editor)
    assert signed_in(gwangju_editor).get(reverse("accounts:profile")).status_code == 200


def test_readers_contributors_and_keepers_of_open_records_are_not_asked(
    client, gwangju, busan, reader, contributor, busan_editor, restricted_in_gwangju, required
):
    make_item(busan, access="network")
    # A reader may even be named on the restricted record: reading is not keeping.
    restricted_in_gwangju.allowed_users.set([reader])
    for user in (reader, contributor, busan_editor):
        assert not must_use_two_factor(user), user
        client.force_login(user)
        assert client.get(reverse("accounts:profile")).status_code == 200, user


def test_reviewers_admins_and_keepers_of_restricted_events_are_asked(
    gwangju, busan, admin, required
):
    reviewer = make_user("gwangju-reviewer")
    give_role(reviewer, "reviewer", city=gwangju)
    busan_keeper = make_user("busan-keeper")
    give_role(busan_keeper, "editor", city=busan)
    assert must_use_two_factor(admin)
    assert not must_use_two_factor(reviewer)
    make_item(gwangju, access="restricted", publication="draft")
    make_event(busan, access="restricted")
    assert must_use_two_factor(reviewer)
    assert must_use_two_factor(busan_keeper)
