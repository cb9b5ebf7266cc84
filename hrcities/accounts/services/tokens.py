"""API tokens: created, shown once, revoked, and looked up by their hash."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from ..models import ApiToken, User, hash_token


@transaction.atomic
def create_api_token(user: User, name: str, *, expires_at: Any = None) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you can tell it apart later.")})
    raw = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_hash=hash_token(raw),
        key_hint=raw[:8],
        expires_at=expires_at,
    )
    audit(AuditEntry.Action.TOKEN_CREATED, by=user, target=token, details={"name": token.name})
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: Any) -> None:
    """Revoke a token at once; requests that present it are refused from now on."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(AuditEntry.Action.TOKEN_REVOKED, by=by, target=token, details={"name": token.name})


def user_for_token(raw: str) -> User | None:
    """Return the active token's user, noting the use; None for unknown or revoked keys."""
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
