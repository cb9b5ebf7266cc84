"""The list of statuses an action can have, kept by network admins.

A status is shared by every city's actions, so it is changed with care: its usual
progress feeds every roll-up, and a status in use is never deleted from under the
actions that have it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.dependants import refuse_deletion
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit

from .models import ActionStatus, StatusChange

STATUS_FIELDS = ("slug", "names", "default_progress", "is_closed", "counts_in_progress")


@transaction.atomic
def add_status(*, by: Any, **values: Any) -> ActionStatus:
    """Add a status at the end of the list."""
    require_network_admin(by)
    last = ActionStatus.objects.aggregate(last=Max("position"))["last"]
    status = ActionStatus(position=0 if last is None else last + 1, **values)
    status.full_clean()
    status.save()
    audit(AuditEntry.Action.RECORD_CREATED, by=by, target=status)
    return status


@transaction.atomic
def update_status(status: ActionStatus, changes: dict[str, Any], *, by: Any) -> ActionStatus:
    """Change a status's names, usual progress or whether it closes an action."""
    require_network_admin(by)
    status = ActionStatus.objects.select_for_update().get(pk=status.pk)
    before = {name: getattr(status, name) for name in STATUS_FIELDS}
    for name, value in changes.items():
        setattr(status, name, value)
    status.full_clean()
    changed = sorted(name for name in STATUS_FIELDS if getattr(status, name) != before[name])
    if changed:
        status.save(update_fields=changed)
        audit(AuditEntry.Action.RECORD_UPDATED, by=by, target=status, details={"fields": changed})
    return status


@transaction.atomic
def place_status(status: ActionStatus, *, by: Any, position: int) -> None:
    """Put a status at `position` (1 is first) in the list forms and filters show; the
    others keep their order around it."""
    require_network_admin(by)
    ordered = [s for s in ActionStatus.objects.select_for_update().order_by("position", "slug")]
    current = next(s for s in ordered if s.pk == status.pk)
    ordered.remove(current)
    ordered.insert(max(0, min(position - 1, len(ordered))), current)
    for index, each in enumerate(ordered):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=status,
        details={"fields": ["position"], "position": ordered.index(current) + 1},
    )


def move_status(status: ActionStatus, *, by: Any, up: bool) -> None:
    """Move a status one place up or down the list."""
    ordered = list(ActionStatus.objects.order_by("position", "slug").values_list("pk", flat=True))
    index = ordered.index(status.pk) + 1
    place_status(status, by=by, position=index - 1 if up else index + 1)


def status_dependants(status: ActionStatus) -> list[str]:
    """Return what keeps a status from being deleted: actions that have it, and the
    status changes on commitment timelines that name it."""
    lines = []
    actions = status.actions.count()
    if actions:
        lines.append(
            ngettext("%(n)s action has this status.", "%(n)s actions have this status.", actions)
            % {"n": actions}
        )
    changes = StatusChange.objects.filter(Q(old_status=status) | Q(new_status=status)).count()
    if changes:
        lines.append(
            ngettext(
                "%(n)s status change on the commitments' timelines names it.",
                "%(n)s status changes on the commitments' timelines name it.",
                changes,
            )
            % {"n": changes}
        )
    return lines


@transaction.atomic
def delete_status(status: ActionStatus, *, by: Any) -> None:
    """Delete a status no action has, nor ever had."""
    require_network_admin(by)
    refuse_deletion(status, status_dependants(status))
    audit(
        AuditEntry.Action.RECORD_DELETED,
        by=by,
        target=status,
        details={"names": status.names, "slug": status.slug},
    )
    status.delete()


def renaming_hint() -> str:
    return _("To stop using a status that actions have had, rename it or move it down the list.")
