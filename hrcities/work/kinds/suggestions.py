"""Tag suggestions waiting for a person's decision on their city's records."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import EDIT_ROLES
from hrcities.classify.registry import TAGGABLE
from hrcities.taxonomy.models import Tagging

from ..models import Frequency
from ..registry import Kind, WorkItem, register
from .common import content_type, day_of, has_field, label_of, readable, scoped_roles, title_for


def _waiting(user: Any) -> list[tuple[Any, Any, Any]]:
    """(model, records, suggestions) for each taggable kind with suggestions on records
    the user decides tags of (the editors of their city or organisation)."""
    found = []
    for entry in TAGGABLE.values():
        model = entry.model
        if not has_field(model, "city"):
            continue  # a shared vocabulary's records (UPR recommendations): no city's work
        # A goal under an accepted target waits for no one (see Tagging.objects.waiting).
        suggested = Tagging.objects.waiting().filter(content_type=content_type(model))
        records = (
            readable(model, user)
            .filter(scoped_roles(user, EDIT_ROLES, model))
            .filter(pk__in=suggested.values("object_id"))
        )
        found.append((model, records, suggested))
    return found


def suggestions_waiting(user: Any, today: date) -> list[WorkItem]:
    items = []
    for model, records, suggested in _waiting(user):
        records = list(records)
        waiting = {
            row["object_id"]: row
            for row in suggested.filter(object_id__in=[r.pk for r in records])
            .values("object_id")
            .annotate(count=Count("pk"), newest=Max("created_at"))
        }
        for record in records:
            row = waiting[record.pk]
            items.append(
                WorkItem(
                    key=f"{label_of(model)}:{record.pk}:{day_of(row['newest']).isoformat()}",
                    title=title_for(record, user),
                    url=reverse("core:record-tags", args=[label_of(model), record.pk]),
                    date=day_of(row["newest"]),
                    note=ngettext("%(n)s suggestion", "%(n)s suggestions", row["count"])
                    % {"n": row["count"]},
                )
            )
    return sorted(items, key=lambda item: item.date, reverse=True)


SUGGESTIONS = register(
    Kind(
        "suggestions",
        _("Tag suggestions to decide"),
        _("Records of your city or organisation with suggested tags that no one has decided."),
        suggestions_waiting,
        7,
        default=Frequency.NEVER,
        count=lambda user, today: sum(records.count() for _m, records, _w in _waiting(user)),
        page="work:suggestion-queue",
        page_label=_("Decide them one by one in the queue"),
    )
)
