"""Writes for declarations, commitments and actions (one transaction each)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import (
    can_create_in,
    require_create_in,
    require_edit,
    require_network_admin,
)
from hrcities.core.dependants import refuse_deletion
from hrcities.core.services import create_record, delete_record, update_record

from .models import (
    Action,
    ActionStatus,
    Addressee,
    Clause,
    Commitment,
    Declaration,
    Milestone,
    StatusChange,
)

# --- declarations ---------------------------------------------------------------------

ADDRESSEE_CUES = [
    (Addressee.UN, re.compile(r"\bUN\b|United Nations|UNESCO|High Commissioner|유엔|국제연합")),
    (
        Addressee.CENTRAL_GOVERNMENTS,
        re.compile(
            r"national (?:and local )?governments?|central governments?|\bStates?\b|중앙정부|국가"
        ),
    ),
    (
        Addressee.LOCAL_GOVERNMENTS,
        re.compile(r"local governments?|cities|municipal|지방정부|지자체|도시"),
    ),
    (Addressee.CIVIL_SOCIETY, re.compile(r"civil societ|NGOs?|시민사회")),
]


def guess_addressees(text: str) -> list[str]:
    """Return who a promise speaks to, from the words it uses; participants if unclear."""
    found = [addressee.value for addressee, cue in ADDRESSEE_CUES if cue.search(text)]
    return found or [Addressee.PARTICIPANTS.value]


def short_title(text: str, words: int = 10) -> str:
    """Return the opening words of a promise as its short title."""
    text = re.sub(r"\s+", " ", text).strip()
    parts = text.split(" ")
    title = " ".join(parts[:words])
    if len(parts) > words:
        title = title.rstrip(",;:.") + " …"
    return title[:200]


# Words the declaration pages use in their own addresses.
RESERVED_SLUGS = {"new", "actions", "tags", "cities", "import", "export"}


def unique_slug(base: str) -> str:
    slug = slugify(base)[:90] or "declaration"
    if slug in RESERVED_SLUGS:
        slug = f"declaration-{slug}"
    candidate, n = slug, 2
    while Declaration.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def ingest_declaration(
    *,
    by: Any,
    title: str,
    preamble: list[str],
    promises: list[str],
    source_text: str = "",
    source_format: str = "",
    **metadata: Any,
) -> Declaration:
    """Store a reviewed declaration with its clauses; each promise becomes a commitment.

    `by=None` is the platform itself (demo and reference loading); people must be
    network admins.
    """
    if by is not None:
        require_network_admin(by)
    if not title.strip():
        raise ValidationError({"title": _("A declaration needs a title.")})
    if not preamble and not promises:
        raise ValidationError(
            _("Nothing to store: no preamble clause and no promise were found in the text.")
        )
    year = str(metadata["start_date"].year) if metadata.get("start_date") else ""
    slug = metadata.pop("slug", None) or unique_slug(
        title if not year or year in title else f"{year} {title}"
    )
    declaration = create_record(
        Declaration,
        by=by,
        slug=slug,
        title=title.strip()[:300],
        source_text=source_text,
        source_format=source_format,
        **metadata,
    )
    for number, text in enumerate(preamble, start=1):
        Clause.objects.create(
            declaration=declaration, kind=Clause.Kind.PREAMBLE, number=number, text=text
        )
    for number, text in enumerate(promises, start=1):
        clause = Clause.objects.create(
            declaration=declaration, kind=Clause.Kind.PROMISE, number=number, text=text
        )
        Commitment.objects.create(
            declaration=declaration,
            clause=clause,
            number=number,
            title=short_title(text),
            text=text,
            addressees=guess_addressees(text),
            is_demo=declaration.is_demo,
        )
    return declaration


# --- actions --------------------------------------------------------------------------


def _note_status_change(
    action: Action, old: ActionStatus | None, old_progress: int | None, by: Any
) -> None:
    if old is not None and old.pk == action.status_id and old_progress == action.progress:
        return
    StatusChange.objects.create(
        action=action,
        old_status=old,
        new_status=action.status,
        old_progress=old_progress,
        new_progress=action.progress,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
    )


@transaction.atomic
def create_action(*, by: Any, **values: Any) -> Action:
    """Add an action for a city or organisation that the user edits."""
    require_create_in(by, city=values.get("city"), organisation=values.get("organisation"))
    tags = values.pop("tags", None)
    action = create_record(Action, by=by, **values)
    _note_status_change(action, None, None, by)
    if tags is not None:
        from hrcities.taxonomy.tags import set_accepted_tags

        set_accepted_tags(action, tags, by=by)
    return action


@transaction.atomic
def update_action(
    action: Action, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Action:
    """Change an action; a change of status or progress shows on the timeline."""
    require_edit(by, action)
    tags = changes.pop("tags", None)
    new_owner_city = changes.get("city", action.city)
    new_owner_org = changes.get("organisation", action.organisation)
    if ("city" in changes or "organisation" in changes) and not can_create_in(
        by, city=new_owner_city, organisation=new_owner_org
    ):
        raise PermissionDenied(
            _("You may not give this action to a city or organisation you do not edit.")
        )
    old_status, old_progress = action.status, action.progress
    updated = update_record(action, changes, by=by, based_on_version=based_on_version)
    _note_status_change(updated, old_status, old_progress, by)
    if tags is not None:
        from hrcities.taxonomy.tags import set_accepted_tags

        set_accepted_tags(updated, tags, by=by)
    return updated


def action_dependants(action: Action) -> list[str]:
    """Return what keeps an action from being deleted: its sub-actions."""
    children = action.children.count()
    if not children:
        return []
    return [
        ngettext("%(n)s sub-action belongs to it.", "%(n)s sub-actions belong to it.", children)
        % {"n": children}
    ]


@transaction.atomic
def delete_action(action: Action, *, by: Any) -> None:
    """Delete an action without sub-actions, with its milestones and evidence (all kept in
    the revisions, so each can be restored)."""
    require_edit(by, action)
    refuse_deletion(action, action_dependants(action))
    for part in [*action.milestones.all(), *action.evidence.all()]:
        delete_record(part, by=by)
    delete_record(action, by=by)


# --- timeline -------------------------------------------------------------------------


@dataclass
class TimelineEvent:
    when: datetime | date
    kind: str
    text: str
    action: Action | None = None
    actor: Any = None

    @property
    def sort_key(self) -> tuple[str, int]:
        if isinstance(self.when, datetime):
            stamp = timezone.localtime(self.when).strftime("%Y-%m-%dT%H:%M:%S")
        else:
            stamp = self.when.isoformat() + "T00:00:00"
        return (stamp, KIND_ORDER.get(self.kind, 9))


KIND_ORDER = {"endorsement": 0, "action": 1, "status": 2, "milestone": 3}


def commitment_timeline(commitment: Commitment) -> list[TimelineEvent]:
    """Return endorsements, actions, status changes and milestones in date order."""
    events: list[TimelineEvent] = []
    for endorsement in commitment.endorsements.select_related("city", "organisation"):
        events.append(
            TimelineEvent(
                endorsement.endorsed_on,
                "endorsement",
                _("%(who)s endorsed the commitment") % {"who": endorsement.endorser},
            )
        )
    actions = commitment.actions.select_related("city", "organisation", "status")
    for action in actions:
        events.append(
            TimelineEvent(
                action.start_date or action.created_at,
                "action",
                _("%(who)s started “%(action)s”") % {"who": action.owner, "action": action.title}
                if action.start_date
                else _("%(who)s added “%(action)s”")
                % {"who": action.owner, "action": action.title},
                action,
            )
        )
    changes = (
        StatusChange.objects.filter(action__commitment=commitment)
        .exclude(old_status__isnull=True)
        .select_related("action", "old_status", "new_status", "changed_by")
    )
    for change in changes:
        progress = (
            f" ({change.old_progress if change.old_progress is not None else '—'} → "
            f"{change.new_progress if change.new_progress is not None else '—'} %)"
            if change.old_progress != change.new_progress
            else ""
        )
        events.append(
            TimelineEvent(
                change.changed_at,
                "status",
                _("“%(action)s”: %(old)s → %(new)s")
                % {
                    "action": change.action.title,
                    "old": change.old_status,
                    "new": change.new_status,
                }
                + progress,
                change.action,
                change.changed_by,
            )
        )
    for milestone in Milestone.objects.filter(action__commitment=commitment).select_related(
        "action"
    ):
        events.append(
            TimelineEvent(
                milestone.date,
                "milestone",
                _("“%(action)s”: %(text)s")
                % {"action": milestone.action.title, "text": milestone.text},
                milestone.action,
            )
        )
    return sorted(events, key=lambda e: e.sort_key)
