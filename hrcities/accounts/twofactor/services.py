"""Adding, checking and removing a user's authenticator app and recovery codes. Audited.

A wrong code counts against the device at once (django-otp's throttling: the next try
waits 1, 2, 4, 8 ... seconds), so checks commit on their own and never inside a
transaction that a refusal would roll back.
"""

from __future__ import annotations

import re
from base64 import b32encode
from datetime import datetime
from typing import Any

import django_otp
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..permissions import is_network_admin

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
APP_CODE = re.compile(r"^\d{6}$")


class CodeRefused(ValidationError):
    """A code that was wrong, or came while the device waits after wrong codes."""


def confirmed_app(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and confirmed_app(user) is not None


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def start_app_setup(user: Any) -> TOTPDevice:
    """Return the user's app waiting for its first code, creating it (with a new secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _waiting_until(device: Device) -> datetime | None:
    allowed, data = device.verify_is_allowed()
    return None if allowed else (data or {}).get("locked_until")


def _refuse_while_waiting(device: Device) -> None:
    until = _waiting_until(device)
    if until is not None:
        seconds = max(1, int((until - timezone.now()).total_seconds() + 0.999))
        raise CodeRefused(
            _(
                "Too many wrong codes. Wait %(seconds)s seconds, then try again with the "
                "code your app shows now."
            )
            % {"seconds": seconds},
            code="throttled",
        )


def _check_device(device: Device, code: str) -> Device:
    _refuse_while_waiting(device)
    verified = django_otp.verify_token(device.user, device.persistent_id, code)
    if verified is None:
        raise CodeRefused(
            _("That code is not right. Type the six digits your app shows now."), code="wrong"
        )
    return verified


def check_code(user: Any, code: str) -> Device:
    """Return the device that accepts this code: the app's six digits or a recovery code.

    A recovery code is used up. Raises CodeRefused for a wrong code or while waiting.
    """
    code = _normalised(code)
    if APP_CODE.match(code):
        device: Device | None = confirmed_app(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not code:
        raise CodeRefused(
            _("That code is not right. Type the six digits your app shows now."), code="wrong"
        )
    return _check_device(device, code)


def confirm_app(device: TOTPDevice, code: str) -> list[str]:
    """Turn the app on once it shows the right code; return new recovery codes (shown once)."""
    _check_device(device, _normalised(code))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = _new_recovery_codes(device.user)
        audit(AuditEntry.Action.TWO_FACTOR_ADDED, by=device.user, target=device.user)
    return codes


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def renew_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes with new ones (the old ones stop working)."""
    if confirmed_app(user) is None:
        raise ValidationError(_("Set up an authenticator app first."))
    codes = _new_recovery_codes(user)
    audit(
        AuditEntry.Action.TWO_FACTOR_ADDED,
        by=user,
        target=user,
        details={"recovery_codes": "renewed"},
    )
    return codes


def remove_two_factor(user: Any, *, code: str = "", password: str = "") -> None:
    """Remove the user's app and recovery codes, once they prove it is them.

    Either a current code (or a recovery code) or the account's password will do.
    """
    if password:
        # The session is signed in already (and has given its code): no sign-in throttling.
        if not user.check_password(password):
            raise ValidationError({"password": _("That password is not right.")})
    elif code:
        try:
            check_code(user, code)
        except CodeRefused as error:
            raise ValidationError({"code": error.messages}) from None
    else:
        raise ValidationError(
            _("Type a code from your app, or your password, to show that it is you.")
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit(AuditEntry.Action.TWO_FACTOR_REMOVED, by=user, target=user)


def clear_refusal(by: Any, person: Any) -> str:
    """Return why `by` may not remove `person`'s two-factor sign-in ("" when they may)."""
    if person.pk == getattr(by, "pk", None):
        return _("Remove your own authenticator app on your account page.")
    if not is_network_admin(by):
        return _("Only a network admin may remove another person's two-factor sign-in.")
    return ""


@transaction.atomic
def clear_two_factor(person: Any, *, by: Any) -> None:
    """Remove a person's app and recovery codes for them, when they have lost both: a
    network admin's act, audited under the admin's name. The person signs in with their
    password alone, or sets up a new app first where the network requires one."""
    refusal = clear_refusal(by, person)
    if refusal:
        raise PermissionDenied(refusal)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    audit(
        AuditEntry.Action.TWO_FACTOR_REMOVED,
        by=by,
        target=person,
        details={"removed_for": person.get_username()},
    )
