"""Email to the people of the network, each message in its recipient's language.

A message is written from two templates, `<name>_subject.txt` and `<name>.txt`. It never
carries protected content: templates name the kind of thing that waits and give a link
that asks the reader to sign in, never a restricted title, name or quote.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit


def absolute_url(path: str) -> str:
    """The address of a page of this platform, as a link in an email needs it."""
    return settings.SITE_URL + path


def language_of(user: Any) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "preferred_language", "") or ""
    return language if language in known else settings.LANGUAGE_CODE


def send_message(
    address: str, template: str, context: dict[str, Any], *, language: str, user: Any = None
) -> None:
    """Render `template` in `language` and send it to one address, noting it in the audit log."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    audit(
        AuditEntry.Action.EMAIL_SENT,
        target=user,
        target_repr=str(user) if user is not None else address,
        details={"template": template, "language": language},
    )


def send_to_user(user: Any, template: str, context: dict[str, Any]) -> bool:
    """Send a message to a person in their language; False when they have no address or
    their account is deactivated."""
    if not user.email or not user.is_active:
        return False
    send_message(
        user.email, template, {"user": user, **context}, language=language_of(user), user=user
    )
    return True
