"""Codes as an authenticator app would show them, for the two-factor tests."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hrcities.accounts.twofactor.services import confirm_app, start_app_setup


def code_for_secret(secret: str, *, steps_ahead: int = 0) -> str:
    """The six digits an app shows for this base32 secret (as printed on the set-up page)."""
    key = re.sub(r"\s", "", secret).upper()
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits the app would not show now (nor a step before or after)."""
    near = {code_for(device, steps_ahead=n) for n in (-1, 0, 1, 2)}
    return next(c for c in ("123456", "654321", "111111", "222222", "333333") if c not in near)


def secret_on_page(html: str) -> str:
    found = re.search(r'<code id="two-factor-secret"[^>]*>([A-Z2-7 ]+)</code>', html)
    assert found, "the set-up page shows no secret"
    return found.group(1)


def with_app(user: Any) -> tuple[TOTPDevice, list[str]]:
    """Give the user a confirmed app; return it and their recovery codes."""
    device = start_app_setup(user)
    codes = confirm_app(device, code_for(device))
    device.refresh_from_db()
    return device, codes
