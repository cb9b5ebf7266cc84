"""Two-factor sign-in: setting up an authenticator app, signing in with a code, throttled
wrong codes, recovery codes, turning it off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hrcities.accounts.tests.factories import PASSWORD
from hrcities.core.models import AuditEntry

from .twofactor_helpers import code_for, code_for_secret, secret_on_page, with_app, wrong_code


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def give_code(client, code):
    return client.post(reverse("accounts:two-factor-sign-in"), {"code": code})


def test_an_app_is_on_only_after_its_first_right_code(signed_in, reader):
    client = signed_in(reader)
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg role="img"' in html and "<title>QR code" in html
    secret = secret_on_page(html)
    # The secret stays the same until the app is confirmed, so a reload does not break a scan.
    assert secret_on_page(client.get(reverse("accounts:two-factor-setup")).content.decode()) == (
        secret
    )
    assert not TOTPDevice.objects.filter(user=reader, confirmed=True).exists()

    wrong = client.post(reverse("accounts:two-factor-setup"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=reader, confirmed=True).exists()

    TOTPDevice.objects.filter(user=reader).update(throttling_failure_count=0)
    done = client.post(reverse("accounts:two-factor-setup"), {"code": code_for_secret(secret)})
    html = done.content.decode()
    assert "Two-factor sign-in is on" in html
    assert html.count("<li><code>") == 10  # the recovery codes, shown this once
    assert TOTPDevice.objects.filter(user=reader, confirmed=True).count() == 1
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.TWO_FACTOR_ADDED, actor=reader
    ).exists()
    # The session that set it up has given its code: it goes on working.
    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 200
    assert "You have 10 recovery codes left." in profile.content.decode()


def test_sign_in_asks_for_the_code_after_the_password(client, reader):
    device, _codes = with_app(reader)
    answer = sign_in(client, "reader")
    assert answer.status_code == 302 and answer.url == reverse("accounts:two-factor-sign-in")
    # The right password alone signs no one in.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert client.get("/api/accounts/me").status_code == 401

    page = client.get(reverse("accounts:two-factor-sign-in"))
    assert "Code from your authenticator app" in page.content.decode()
    done = give_code(client, code_for(device, steps_ahead=1))
    assert done.status_code == 302 and done.url == reverse("core:home")
    assert client.session["_auth_user_id"] == str(reader.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SIGN_IN, actor=reader).exists()


def test_the_code_step_keeps_where_the_reader_was_going(client, reader):
    device, _codes = with_app(reader)
    client.post(
        reverse("accounts:login") + "?next=/accounts/me/",
        {"username": "reader", "password": PASSWORD, "next": "/accounts/me/"},
    )
    done = give_code(client, code_for(device, steps_ahead=1))
    assert done.url == "/accounts/me/"


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client, reader):
    device, _codes = with_app(reader)
    sign_in(client, "reader")
    wrong = give_code(client, wrong_code(device))
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    # Even the right code is refused while the device waits after a wrong one.
    waiting = give_code(client, code_for(device, steps_ahead=1))
    assert "Too many wrong codes. Wait" in waiting.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action=AuditEntry.Action.SIGN_IN_FAILED)
    assert [e.details["reason"] for e in failed.order_by("id")] == ["wrong", "throttled"]

    # Once the wait is over, the right code signs in.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )
    assert give_code(client, code_for(device, steps_ahead=1)).status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_each_wrong_code_doubles_the_wait(client, reader):
    device, _codes = with_app(reader)
    sign_in(client, "reader")
    for _n in range(4):
        TOTPDevice.objects.filter(pk=device.pk).update(
            throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
        )
        give_code(client, wrong_code(device))
    device.refresh_from_db()
    assert device.throttling_failure_count == 4
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    # After four wrong codes the wait is eight seconds: five are not enough.
    waiting = give_code(client, code_for(device, steps_ahead=1))
    assert "Wait 3 seconds" in waiting.content.decode()


def test_a_recovery_code_signs_in_once(client, reader):
    _device, codes = with_app(reader)
    sign_in(client, "reader")
    done = give_code(client, codes[0].upper())
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)
    client.logout()

    sign_in(client, "reader")
    again = give_code(client, codes[0])
    assert "That code is not right" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_first_sends_back_to_sign_in(client, reader):
    with_app(reader)
    answer = client.get(reverse("accounts:two-factor-sign-in"))
    assert answer.status_code == 302 and answer.url == reverse("accounts:login")


def test_a_session_from_before_the_app_was_added_must_sign_in_again(client, reader):
    client.force_login(reader)  # signed in with the password only, earlier
    with_app(reader)
    answer = client.get(reverse("accounts:profile"))
    assert answer.status_code == 302 and answer.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_users_without_an_app_sign_in_as_before(client, reader):
    answer = sign_in(client, "reader")
    assert answer.status_code == 302 and answer.url == reverse("core:home")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_api_tokens_keep_working_for_users_with_an_app(client, reader, api_token):
    with_app(reader)
    token = api_token(reader)
    answer = client.get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200 and answer.json()["username"] == "reader"


@pytest.fixture
def verified(client, reader):
    """The reader with an app, signed in with password and code."""
    device, codes = with_app(reader)
    sign_in(client, "reader")
    give_code(client, code_for(device, steps_ahead=1))
    return device, codes


def test_turning_it_off_asks_first_and_needs_the_password_or_a_code(client, reader, verified):
    page = client.get(reverse("accounts:two-factor-remove"))
    assert "Turn two-factor sign-in off?" in page.content.decode()
    assert TOTPDevice.objects.filter(user=reader).exists()

    nothing = client.post(reverse("accounts:two-factor-remove"), {})
    assert "type a code from your app, or your password" in nothing.content.decode().lower()
    wrong = client.post(reverse("accounts:two-factor-remove"), {"password": "not it"})
    assert "That password is not right." in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=reader).exists()

    done = client.post(reverse("accounts:two-factor-remove"), {"password": PASSWORD})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=reader).exists()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.TWO_FACTOR_REMOVED, actor=reader
    ).exists()
    # The session stays signed in; the next sign-in needs the password only.
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.logout()
    assert sign_in(client, "reader").url == reverse("core:home")


def test_turning_it_off_with_a_wrong_code_keeps_it(client, reader, verified):
    answer = client.post(reverse("accounts:two-factor-remove"), {"code": "999999x"})
    assert "That code is not right" in answer.content.decode()
    assert TOTPDevice.objects.filter(user=reader).exists()


def test_turning_it_off_with_a_recovery_code(client, reader, verified):
    _device, codes = verified
    done = client.post(reverse("accounts:two-factor-remove"), {"code": codes[3]})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=reader).exists()


def test_new_recovery_codes_replace_the_old_ones(client, reader, verified):
    _device, old = verified
    page = client.get(reverse("accounts:two-factor-recovery-codes"))
    assert "Make new recovery codes?" in page.content.decode()
    made = client.post(reverse("accounts:two-factor-recovery-codes"))
    html = made.content.decode()
    assert html.count("<li><code>") == 10
    assert not any(f"<code>{code}</code>" in html for code in old)
    client.logout()
    sign_in(client, "reader")
    assert "That code is not right" in give_code(client, old[1]).content.decode()


def test_the_code_step_speaks_korean(client, reader):
    with_app(reader)
    sign_in(client, "reader")
    page = client.get(reverse("accounts:two-factor-sign-in"), HTTP_ACCEPT_LANGUAGE="ko")
    assert "인증 앱" in page.content.decode()


def test_the_django_admin_sign_in_is_no_way_around_the_code(client, reader):
    reader.is_staff = True
    reader.save(update_fields=["is_staff"])
    with_app(reader)
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "reader", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )
    # Whatever that page did, the next request finds a session without a code: signed out.
    answer = client.get("/admin/")
    assert answer.status_code == 302 and answer.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
