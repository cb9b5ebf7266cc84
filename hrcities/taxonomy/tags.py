"""Tags on any record: read them, set the accepted ones, take and decide suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry, readable_record
from hrcities.core.services import audit

from .models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgTarget,
    Tagging,
    TagKind,
    TagStatus,
)


@dataclass(frozen=True)
class Tag:
    label: str
    kind: str
    code: str
    name: str
    url: str
    status: str = TagStatus.ACCEPTED
    score: float | None = None
    tagging_id: int | None = None


def split_label(label: str) -> tuple[str, str]:
    kind, _sep, code = label.partition(":")
    return kind, code


def describe(labels: Iterable[str]) -> dict[str, Tag]:
    """Return the known labels among `labels`, each with its name in the active language."""
    by_kind: dict[str, set[str]] = {}
    for label in labels:
        kind, code = split_label(label)
        if code:
            by_kind.setdefault(kind, set()).add(code)
    found: dict[str, Tag] = {}
    numbers = [int(c) for c in by_kind.get(TagKind.SDG_GOAL, ()) if c.isdigit()]
    for goal in SdgGoal.objects.filter(number__in=numbers):
        found[f"sdg:{goal.number}"] = Tag(
            f"sdg:{goal.number}",
            TagKind.SDG_GOAL,
            str(goal.number),
            str(goal),
            goal.get_absolute_url(),
        )
    for target in SdgTarget.objects.filter(code__in=by_kind.get(TagKind.SDG_TARGET, ())):
        label = f"sdg-target:{target.code}"
        found[label] = Tag(
            label,
            TagKind.SDG_TARGET,
            target.code,
            f"{target.code} {target.title}",
            target.goal.get_absolute_url() + f"#target-{target.code}",
        )
    for model, kind in ((HumanRightsTheme, TagKind.THEME), (AffectedGroup, TagKind.GROUP)):
        for entry in model.objects.filter(slug__in=by_kind.get(kind, ())):
            label = f"{kind}:{entry.slug}"
            found[label] = Tag(
                label, kind, entry.slug, entry.display_name, entry.get_absolute_url()
            )
    return found


def label_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Return every label grouped for a form's select, in the active language."""
    goals = [(f"sdg:{g.number}", str(g)) for g in SdgGoal.objects.all()]
    targets = [
        (f"sdg-target:{t.code}", f"{t.code} {t.title}"[:140])
        for t in SdgTarget.objects.select_related("goal").order_by("goal__number", "id")
    ]
    themes = sorted(
        ((f"theme:{t.slug}", t.display_name) for t in HumanRightsTheme.objects.all()),
        key=lambda choice: choice[1],
    )
    groups = sorted(
        ((f"group:{g.slug}", g.display_name) for g in AffectedGroup.objects.all()),
        key=lambda choice: choice[1],
    )
    return [
        (str(TagKind.SDG_GOAL.label), goals),
        (str(TagKind.SDG_TARGET.label), targets),
        (str(TagKind.THEME.label), themes),
        (str(TagKind.GROUP.label), groups),
    ]


def validate_labels(labels: Iterable[str]) -> list[str]:
    """Return the labels cleaned and de-duplicated; raise naming every unknown one."""
    cleaned = list(dict.fromkeys(label.strip() for label in labels if label and label.strip()))
    known = describe(cleaned)
    unknown = [label for label in cleaned if label not in known]
    if unknown:
        raise ValidationError(
            _("Unknown tags: %(labels)s. Use sdg:N, sdg-target:N.N, theme:SLUG or group:SLUG.")
            % {"labels": ", ".join(unknown)},
            code="unknown-tag",
        )
    return cleaned


def _content_type(record: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(record, for_concrete_model=False)


def published_labels(record: models.Model) -> set[str]:
    """Return the tags the record's publisher gave it (OHCHR's on a UPR recommendation).

    A record kind with such tags has a `published_labels()` method. A suggestion that
    repeats one of them tells nobody anything: it is neither stored nor shown.
    """
    published = getattr(record, "published_labels", None)
    return set(published()) if published else set()


def tags_for(record: models.Model) -> dict[str, list[Tag]]:
    """Return a record's accepted and suggested tags, apart, suggestions best first."""
    taggings = list(Tagging.objects.for_record(record).exclude(status=TagStatus.REJECTED))
    described = describe(t.label for t in taggings)
    # Suggestions stored before the publisher added the same tag are hidden too.
    published = published_labels(record)
    result: dict[str, list[Tag]] = {"accepted": [], "suggested": []}
    for tagging in taggings:
        base = described.get(tagging.label)
        if base is None or (tagging.status == TagStatus.SUGGESTED and base.label in published):
            continue
        tag = Tag(
            base.label,
            base.kind,
            base.code,
            base.name,
            base.url,
            tagging.status,
            tagging.score,
            tagging.pk,
        )
        result["accepted" if tagging.status == TagStatus.ACCEPTED else "suggested"].append(tag)
    result["accepted"].sort(key=lambda t: (t.kind, t.name))
    result["suggested"].sort(key=lambda t: -(t.score or 0))
    return result


def accepted_labels(record: models.Model) -> list[str]:
    return sorted(Tagging.objects.for_record(record).accepted().values_list("label", flat=True))


@transaction.atomic
def set_accepted_tags(record: models.Model, labels: Iterable[str], *, by: Any) -> list[str]:
    """Make exactly `labels` the record's accepted tags; return what changed."""
    wanted = set(validate_labels(labels))
    existing = {t.label: t for t in Tagging.objects.for_record(record).select_for_update()}
    now = timezone.now()
    decider = by if getattr(by, "is_authenticated", False) else None
    changes: list[str] = []
    for label in sorted(wanted):
        tagging = existing.get(label)
        if tagging is None:
            Tagging.objects.create(
                content_type=_content_type(record),
                object_id=record.pk,
                label=label,
                kind=split_label(label)[0],
                status=TagStatus.ACCEPTED,
                decided_by=decider,
                decided_at=now,
            )
            changes.append(f"+{label}")
        elif tagging.status != TagStatus.ACCEPTED:
            tagging.status, tagging.decided_by, tagging.decided_at = (
                TagStatus.ACCEPTED,
                decider,
                now,
            )
            tagging.save(update_fields=["status", "decided_by", "decided_at"])
            changes.append(f"+{label}")
    for label, tagging in existing.items():
        if tagging.status == TagStatus.ACCEPTED and label not in wanted:
            tagging.delete()
            changes.append(f"-{label}")
    if changes:
        audit(AuditEntry.Action.RECORD_UPDATED, by=by, target=record, details={"tags": changes})
    return changes


# Sent after a record's suggestions were replaced in bulk (bulk_create sends no post_save),
# with `record`: the search index re-reads the record's tags.
suggestions_recorded = Signal()


@transaction.atomic
def record_suggestions(record: models.Model, scored: Iterable[tuple[str, float]]) -> int:
    """Replace the record's open suggestions; accepted and rejected tags stay as decided.

    Labels the record was published with are left out (see `published_labels`).
    """
    decided = set(
        Tagging.objects.for_record(record)
        .exclude(status=TagStatus.SUGGESTED)
        .values_list("label", flat=True)
    ) | published_labels(record)
    Tagging.objects.for_record(record).suggested().delete()
    fresh = [
        Tagging(
            content_type=_content_type(record),
            object_id=record.pk,
            label=label,
            kind=split_label(label)[0],
            status=TagStatus.SUGGESTED,
            score=round(float(score), 4),
        )
        for label, score in scored
        if label not in decided
    ]
    Tagging.objects.bulk_create(fresh)
    suggestions_recorded.send(sender=type(record), record=record)
    return len(fresh)


def open_suggestion(tagging_id: Any, user: Any) -> tuple[Tagging, models.Model]:
    """Return an undecided suggested tag and its record, if `user` may read the record.

    A missing suggestion, a decided one and one on a record the user may not read all
    answer Http404 alike, so a suggestion's number reveals nothing.
    """
    tagging = (
        Tagging.objects.select_related("content_type")
        .filter(pk=tagging_id if str(tagging_id).isdigit() else None, status=TagStatus.SUGGESTED)
        .first()
    )
    model = tagging.content_type.model_class() if tagging else None
    try:
        if tagging is None or model is None or not hasattr(model, "taggings"):
            raise Http404
        return tagging, readable_record(model, tagging.object_id, user)
    except Http404:
        raise Http404(_("There is no open suggestion here.")) from None


@transaction.atomic
def decide_suggestion(tagging: Tagging, record: models.Model, *, accept: bool, by: Any) -> Tagging:
    """Accept or reject one suggested tag of `record`."""
    if tagging.status != TagStatus.SUGGESTED:
        raise ValidationError(_("This tag was already decided."))
    tagging.status = TagStatus.ACCEPTED if accept else TagStatus.REJECTED
    tagging.decided_by = by if getattr(by, "is_authenticated", False) else None
    tagging.decided_at = timezone.now()
    tagging.save(update_fields=["status", "decided_by", "decided_at"])
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=record,
        details={"tags": [("+" if accept else "x") + tagging.label]},
    )
    return tagging
