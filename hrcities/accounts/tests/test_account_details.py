"""A person keeps their own name, email address and email language on their account page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from hrcities.accounts.tests.factories import make_user
from hrcities.core.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = reverse("accounts:account-details")


def details(**changes):
    body = {"display_name": "Kim Minji", "email": "minji@example.org", "preferred_language": "en"}
    return {**body, **changes}


def test_a_person_changes_their_name_address_and_language_and_it_is_audited(signed_in):
    person = make_user("minji", email="old@example.org", preferred_language="en")
    client = signed_in(person)

    answer = client.post(URL, details(preferred_language="ko"))

    assert answer.status_code == 302 and answer.url == reverse("accounts:profile")
    person.refresh_from_db()
    assert (person.display_name, person.email, person.preferred_language) == (
        "Kim Minji",
        "minji@example.org",
        "ko",
    )
    entry = AuditEntry.objects.get(action="account-changed")
    assert entry.actor == person
    assert entry.details == {"fields": ["display_name", "email", "preferred_language"]}
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "minji@example.org" in page and "한국어" in page


def test_the_reset_email_goes_to_the_new_address_in_the_new_language(client, signed_in):
    person = make_user("minji", email="old@example.org", preferred_language="en")
    signed_in(person).post(URL, details(preferred_language="ko"))
    client.logout()

    client.post(reverse("accounts:password-reset"), {"email": "minji@example.org"})

    [message] = mail.outbox
    assert message.to == ["minji@example.org"] and "비밀번호" in message.subject


def test_an_address_another_account_has_is_refused_beside_the_field(signed_in):
    make_user("other", email="minji@example.org")
    person = make_user("minji", email="old@example.org")

    answer = signed_in(person).post(URL, details(email="MINJI@example.org"))

    assert answer.status_code == 200
    assert "Another account has this email address" in str(answer.context["form"].errors["email"])
    person.refresh_from_db()
    assert person.email == "old@example.org" and person.display_name == ""
    assert not AuditEntry.objects.filter(action="account-changed").exists()


def test_a_missing_or_malformed_address_or_an_unknown_language_is_refused(signed_in):
    client = signed_in(make_user("minji", email="old@example.org"))

    form = client.post(URL, details(email="", preferred_language="xx")).context["form"]
    assert set(form.errors) == {"email", "preferred_language"}
    form = client.post(URL, details(email="not an address")).context["form"]
    assert set(form.errors) == {"email"}


def test_saving_unchanged_details_writes_no_audit_line(signed_in):
    person = make_user("minji", display_name="Kim Minji", email="minji@example.org")
    signed_in(person).post(URL, details())
    assert not AuditEntry.objects.filter(action="account-changed").exists()


def test_a_visitor_is_asked_to_sign_in(client):
    answer = client.get(URL)
    assert answer.status_code == 302 and reverse("accounts:login") in answer.url


def test_the_page_speaks_korean(signed_in):
    client = signed_in(make_user("minji", email="minji@example.org"))
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "내 정보" in page
