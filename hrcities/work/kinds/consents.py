"""Consents to ask again: those of records the reader keeps whose renewal date is near
or past, and that no later consent of the same narrator renewed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrcities.archive.models import Consent

from ..registry import Kind, WorkItem, register
from .common import AHEAD_DAYS, title_for


def consents_due(user: Any, today: date) -> Any:
    return Consent.objects.renewal_due_kept_by(user, due_by=today + timedelta(days=AHEAD_DAYS))


def consents_to_renew(user: Any, today: date) -> list[WorkItem]:
    """Consents due for renewal within the coming days, or already past their date."""
    return [
        WorkItem(
            key=f"consent:{consent.pk}:{consent.reconsent_due.isoformat()}",
            title=title_for(consent.item, user),
            url=reverse("archive:item-consents", args=[consent.item_id]),
            date=consent.reconsent_due,
            note=str(_("past its date") if consent.reconsent_due < today else _("due soon")),
        )
        for consent in consents_due(user, today)
    ]


CONSENTS = register(
    Kind(
        "consents",
        _("Consents to renew"),
        _("Consents on records you keep whose renewal date is within 30 days or has passed."),
        consents_to_renew,
        3,
        count=lambda user, today: consents_due(user, today).count(),
    )
)
