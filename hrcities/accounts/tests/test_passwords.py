"""Password change while signed in, and reset by an emailed link in the person's language."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from hrcities.accounts.tests.factories import PASSWORD, make_user
from hrcities.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a quieter morning in Mudeungsan"


def signs_in(client, username, password) -> bool:
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def ask_for_reset(client, email, **headers):
    return client.post(reverse("accounts:password-reset"), {"email": email}, **headers)


def test_changing_ones_password_needs_the_old_one_and_is_audited(signed_in, reader):
    client = signed_in(reader)
    url = reverse("accounts:password-change")
    body = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    wrong = client.post(url, {"old_password": "not it", **body})
    assert "old_password" in wrong.context["form"].errors
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert "new_password2" in weak.context["form"].errors
    changed = client.post(url, {"old_password": PASSWORD, **body})

    assert changed.status_code == 302 and changed.url == reverse("accounts:profile")
    assert "_auth_user_id" in client.session  # still signed in
    assert AuditEntry.objects.filter(action="password-changed", actor=reader).count() == 1
    client.logout()
    assert signs_in(client, "reader", NEW_PASSWORD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(client):
    user = make_user("minji", email="minji@example.org")

    asked = ask_for_reset(client, "MINJI@example.org")
    assert asked.status_code == 302 and asked.url == reverse("accounts:password-reset-done")
    [message] = mail.outbox
    assert message.to == ["minji@example.org"]
    assert "minji" in message.body
    path = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    form = client.get(path, follow=True)
    assert form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done.url == reverse("accounts:password-reset-complete")
    assert signs_in(client, "minji", NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="password-reset-sent", target_id=user.pk).exists()
    assert AuditEntry.objects.filter(action="password-reset", actor=user).exists()

    client.logout()
    used = client.get(path, follow=True)
    assert not used.context["validlink"]
    assert "This link cannot be used" in used.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    make_user("minji", email="minji@example.org")

    known = ask_for_reset(client, "minji@example.org")
    unknown = ask_for_reset(client, "nobody@example.org")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(mail.outbox) == 1
    done = client.get(unknown.url).content.decode()
    assert "If an account has this address" in done


def test_a_deactivated_account_gets_no_reset_email(client):
    make_user("gone", email="gone@example.org", is_active=False)

    ask_for_reset(client, "gone@example.org")

    assert mail.outbox == []


def test_the_reset_email_is_in_the_persons_language_not_the_askers(client):
    make_user("minji", email="minji@example.org", preferred_language="ko")

    ask_for_reset(client, "minji@example.org", HTTP_ACCEPT_LANGUAGE="en")

    [message] = mail.outbox
    assert "비밀번호" in message.subject and "비밀번호" in message.body
    assert PASSWORD not in message.body


def test_the_sign_in_page_offers_a_reset(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password-reset") in page
