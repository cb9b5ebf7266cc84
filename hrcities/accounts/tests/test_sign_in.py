"""Sign-in throttling: guessing passwords stops after a few tries (issue 16, L4)."""

from __future__ import annotations

from django.urls import reverse

from hrcities.accounts.tests.factories import PASSWORD
from hrcities.core.models import AuditEntry


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_forty_wrong_passwords_then_the_right_one_does_not_sign_in(client, reader):
    answers = [attempt(client, "reader", f"guess-{n}").status_code for n in range(40)]
    assert answers[:4] == [200] * 4  # the form again, with its error
    assert set(answers[5:]) == {429}

    locked = attempt(client, "reader", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many sign-in attempts" in locked.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302  # still signed out


def test_the_pause_is_explained_in_korean(client, reader):
    for n in range(5):
        attempt(client, "reader", f"guess-{n}")
    page = client.post(
        reverse("accounts:login"),
        {"username": "reader", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert page.status_code == 429
    assert "로그인 시도가 너무 많습니다" in page.content.decode()


def test_a_right_password_before_the_limit_clears_the_count(client, reader):
    for n in range(4):
        attempt(client, "reader", f"guess-{n}")
    assert attempt(client, "reader", PASSWORD).status_code == 302
    client.logout()
    for n in range(4):
        assert attempt(client, "reader", f"again-{n}").status_code == 200
    assert attempt(client, "reader", PASSWORD).status_code == 302


def test_another_address_is_not_locked_out_by_someone_elses_guessing(client, reader):
    for n in range(6):
        attempt(client, "reader", f"guess-{n}", address="198.51.100.9")
    assert attempt(client, "reader", PASSWORD, address="203.0.113.7").status_code == 302


def test_every_wrong_attempt_is_still_audited(client, reader):
    for n in range(7):
        attempt(client, "reader", f"guess-{n}")
    assert AuditEntry.objects.filter(action="sign-in-failed", target_repr="reader").count() >= 5
