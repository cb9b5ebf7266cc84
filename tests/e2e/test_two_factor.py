"""Two-factor sign-in in Chromium: a Seoul editor adds an authenticator app, signs out, signs
in with password and code, and turns it off again; in English and Korean, axe-core clean.

The app's codes are computed here from the secret the set-up page shows, as a phone would.
"""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from .conftest import axe_violations

WORDS = {
    "en": {
        "set_up": "Set up an authenticator app",
        "turn_on": "Turn on two-factor sign-in",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "wrong": "That code is not right",
        "turn_off": "Turn two-factor sign-in off",
        "is_off": "Two-factor sign-in is off for your account.",
    },
    "ko": {
        "set_up": "인증 앱 설정",
        "turn_on": "2단계 인증 켜기",
        "sign_in": "로그인",
        "sign_out": "로그아웃",
        "wrong": "코드가 맞지 않습니다",
        "turn_off": "2단계 인증 끄기",
        "is_off": "이 계정의 2단계 인증을 껐습니다.",
    },
}


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    key = re.sub(r"\s", "", secret)
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def give_password(page, words) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill("seoul-editor")
    page.locator("#id_password").fill("hrcities-demo")
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_editor_signs_in_with_an_authenticator_app(page, language):
    words = WORDS[language]
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    give_password(page, words)

    # Set up: scan the QR code or type the secret, then confirm with the app's code.
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name=words["set_up"]).click()
    page.wait_for_load_state()
    assert page.locator("svg.qr-code[role=img]").is_visible()
    assert_accessible(page)
    secret = page.locator("#two-factor-secret").inner_text()
    page.locator("#id_code").fill(app_code(secret))
    page.get_by_role("button", name=words["turn_on"]).click()
    page.wait_for_load_state()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    # Sign out; the password alone no longer signs in.
    page.get_by_role("button", name=words["sign_out"]).click()
    page.wait_for_load_state()
    give_password(page, words)
    assert page.url.endswith(reverse("accounts:two-factor-sign-in"))
    assert page.get_by_role("link", name="Demo: editor for Seoul").count() == 0
    assert_accessible(page)

    # A wrong code is refused with a clear message, next to the field.
    page.locator("#id_code").fill("000000" if app_code(secret) != "000000" else "111111")
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_load_state()
    assert words["wrong"] in page.locator("main").inner_text()
    assert_accessible(page)

    # The right code (after the one-second wait a wrong code costs) signs in.
    time.sleep(1.2)
    page.locator("#id_code").fill(app_code(secret, steps_ahead=1))
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Demo: editor for Seoul").is_visible()

    # Turn it off again: the page asks first, and the password proves it is the editor.
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name=words["turn_off"]).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_password").fill("hrcities-demo")
    page.get_by_role("button", name=words["turn_off"]).click()
    page.wait_for_load_state()
    assert words["is_off"] in page.locator("main").inner_text()
