"""Tags on any record: read them, set the accepted ones, take and decide suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
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
    # The name a sentence gives it ("Goal 11: Sustainable cities and communities").
    full_name: str = ""

    @property
    def spoken(self) -> str:
        return self.full_name or self.name


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
        found[f"sdg:{goal.number}"] = goal_tag(goal)
    targets = SdgTarget.objects.filter(code__in=by_kind.get(TagKind.SDG_TARGET, ()))
    for target in targets.select_related("goal"):
        found[f"sdg-target:{target.code}"] = target_tag(target)
    for model, kind in ((HumanRightsTheme, TagKind.THEME), (AffectedGroup, TagKind.GROUP)):
        for entry in model.objects.filter(slug__in=by_kind.get(kind, ())):
            found[f"{kind}:{entry.slug}"] = entry_tag(entry, kind)
    return found


def goal_tag(goal: SdgGoal) -> Tag:
    label = f"sdg:{goal.number}"
    return Tag(
        label,
        TagKind.SDG_GOAL,
        str(goal.number),
        str(goal),
        goal.get_absolute_url(),
        full_name=goal_name(goal),
    )


def target_tag(target: SdgTarget) -> Tag:
    return Tag(
        f"sdg-target:{target.code}",
        TagKind.SDG_TARGET,
        target.code,
        f"{target.code} {target.title}",
        target.goal.get_absolute_url() + f"#target-{target.code}",
        full_name=target_name(target),
    )


def entry_tag(entry: HumanRightsTheme | AffectedGroup, kind: str) -> Tag:
    return Tag(
        f"{kind}:{entry.slug}", kind, entry.slug, entry.display_name, entry.get_absolute_url()
    )


def goal_name(goal: SdgGoal) -> str:
    return _("Goal %(number)s: %(title)s") % {
        "number": goal.number,
        "title": goal.short_title or goal.title,
    }


def target_name(target: SdgTarget) -> str:
    return _("Target %(code)s: %(title)s") % {"code": target.code, "title": target.title}


def spoken_name(label: str) -> str:
    """Return the tag's name for a sentence in the active language (the label if unknown)."""
    tag = describe([label]).get(label)
    return tag.spoken if tag else label


def implied_goals(labels: Iterable[str]) -> set[str]:
    """Return the goals the targets among `labels` belong to ("sdg-target:11.1" → "sdg:11").

    An accepted target says its goal already: the goal is not suggested beside it.
    """
    goals = set()
    for label in labels:
        kind, code = split_label(label)
        if kind == TagKind.SDG_TARGET and "." in code:
            goals.add(f"{TagKind.SDG_GOAL}:{code.split('.', 1)[0]}")
    return goals


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


def _searchable(*texts: Any) -> str:
    return " ".join(str(t) for t in texts if t).casefold()


def vocabulary_entries() -> list[tuple[Tag, str]]:
    """Return every tag with its searchable text: code, English, Korean and the reader's."""
    entries: list[tuple[Tag, str]] = []
    for goal in SdgGoal.objects.all():
        tag = goal_tag(goal)
        titles = [*(goal.titles or {}).values(), *(goal.short_titles or {}).values()]
        entries.append((tag, _searchable(tag.label, tag.full_name, *titles)))
    for target in SdgTarget.objects.select_related("goal").order_by("goal__number", "position"):
        tag = target_tag(target)
        entries.append(
            (tag, _searchable(tag.label, tag.full_name, *(target.titles or {}).values()))
        )
    for model, kind in ((HumanRightsTheme, TagKind.THEME), (AffectedGroup, TagKind.GROUP)):
        for entry in sorted(model.objects.all(), key=lambda e: e.display_name.casefold()):
            names = [entry.name, entry.display_name, *(entry.names or {}).values()]
            words = _searchable(entry.slug, *names, *(entry.aliases or []))
            entries.append((entry_tag(entry, kind), words))
    return entries


def find_tags(query: str, *, kind: str = "") -> list[Tag]:
    """Return the tags whose code or name (in English, Korean or the reader's language)
    holds every word of `query`, goals first, then targets, themes and groups."""
    words = query.casefold().split()
    if not words:
        return []
    return [
        tag
        for tag, text in vocabulary_entries()
        if (not kind or tag.kind == kind) and all(word in text for word in words)
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
    # A goal is not suggested once one of its targets is accepted: the target says it.
    hidden = published_labels(record) | implied_goals(
        t.label for t in taggings if t.status == TagStatus.ACCEPTED
    )
    result: dict[str, list[Tag]] = {"accepted": [], "suggested": []}
    for tagging in taggings:
        base = described.get(tagging.label)
        if base is None or (tagging.status == TagStatus.SUGGESTED and base.label in hidden):
            continue
        tag = replace(base, status=tagging.status, score=tagging.score, tagging_id=tagging.pk)
        result["accepted" if tagging.status == TagStatus.ACCEPTED else "suggested"].append(tag)
    result["accepted"].sort(key=lambda t: (t.kind, t.name))
    result["suggested"].sort(key=lambda t: -(t.score or 0))
    return result


def rejected_tags(record: models.Model) -> list[Tag]:
    """Return the suggestions someone rejected on `record`, most recently rejected first."""
    taggings = list(
        Tagging.objects.for_record(record)
        .filter(status=TagStatus.REJECTED)
        .order_by("-decided_at", "-pk")
    )
    described = describe(t.label for t in taggings)
    return [
        replace(described[t.label], status=t.status, score=t.score, tagging_id=t.pk)
        for t in taggings
        if t.label in described
    ]


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

    Labels the record was published with are left out (see `published_labels`), and so are
    the goals of its accepted targets (see `implied_goals`).
    """
    decided_rows = list(
        Tagging.objects.for_record(record)
        .exclude(status=TagStatus.SUGGESTED)
        .values_list("label", "status")
    )
    decided = {label for label, _status in decided_rows} | published_labels(record)
    decided |= implied_goals(
        label for label, status in decided_rows if status == TagStatus.ACCEPTED
    )
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


def _tagging_and_record(
    tagging_id: Any, user: Any, which: models.Q, missing: str
) -> tuple[Tagging, models.Model]:
    """Return the tagging `tagging_id` among `which` and its record, if `user` may read the
    record; anything else answers Http404 with `missing`, so a number reveals nothing."""
    tagging = (
        Tagging.objects.select_related("content_type")
        .filter(which, pk=tagging_id if str(tagging_id).isdigit() else None)
        .first()
    )
    model = tagging.content_type.model_class() if tagging else None
    try:
        if tagging is None or model is None or not hasattr(model, "taggings"):
            raise Http404
        return tagging, readable_record(model, tagging.object_id, user)
    except Http404:
        raise Http404(missing) from None


def open_suggestion(tagging_id: Any, user: Any) -> tuple[Tagging, models.Model]:
    """Return an undecided suggested tag and its record, if `user` may read the record.

    A missing suggestion, a decided one and one on a record the user may not read all
    answer Http404 alike, so a suggestion's number reveals nothing.
    """
    which = models.Q(status=TagStatus.SUGGESTED)
    return _tagging_and_record(tagging_id, user, which, _("There is no open suggestion here."))


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


def decision_message(tagging: Tagging) -> str:
    """Say what became of a suggestion, naming its tag in the active language."""
    name = spoken_name(tagging.label)
    if tagging.status == TagStatus.ACCEPTED:
        return _("The tag “%(tag)s” was accepted.") % {"tag": name}
    if tagging.status == TagStatus.REJECTED:
        return _("The tag “%(tag)s” was rejected.") % {"tag": name}
    return _("“%(tag)s” is suggested again, waiting for a decision.") % {"tag": name}


def decided_suggestion(tagging_id: Any, user: Any) -> tuple[Tagging, models.Model]:
    """Return a decided suggestion and its record, if `user` may read the record.

    A decided suggestion is a rejected tag, or an accepted one that came from the suggester
    (it has a score). Anything else answers Http404, as `open_suggestion` does.
    """
    which = models.Q(status=TagStatus.REJECTED) | models.Q(
        status=TagStatus.ACCEPTED, score__isnull=False
    )
    return _tagging_and_record(tagging_id, user, which, _("There is no decided suggestion here."))


@transaction.atomic
def restore_suggestion(tagging: Tagging, record: models.Model, *, by: Any) -> Tagging:
    """Undo the decision on a suggestion: it waits again, with the score it had."""
    tagging = Tagging.objects.select_for_update().get(pk=tagging.pk)
    if tagging.status == TagStatus.SUGGESTED:
        raise ValidationError(_("This suggestion already waits for a decision."))
    if tagging.status == TagStatus.ACCEPTED and tagging.score is None:
        raise ValidationError(_("This tag was added by hand, not suggested: remove it instead."))
    undone = tagging.status
    tagging.status, tagging.decided_by, tagging.decided_at = TagStatus.SUGGESTED, None, None
    tagging.save(update_fields=["status", "decided_by", "decided_at"])
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=record,
        details={"tags": ["?" + tagging.label], "undone": undone},
    )
    return tagging
