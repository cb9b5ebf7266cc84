"""Reviews of a measure against the checklist, answered question by question."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.access.keepers import require_review
from hrcities.access.tiers import Publication
from hrcities.archive.services import publish, return_to_draft
from hrcities.archive.services import submit_for_review as submit
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record

from ..checklist import BY_SLUG, CRITERIA
from ..models import Answer, Measure, Review, ReviewAnswer
from .common import (
    FIXED_FIELDS,
    _Owner,
    _refuse_fixed,
    _refuse_reviewer_fields,
    require_change,
    require_contribute,
)

Answers = dict[str, dict[str, Any]]  # {criterion slug: {"answer", "evidence", "note"}}

# --- reviews --------------------------------------------------------------------------


def _check_answers(answers: Answers | None) -> list[ReviewAnswer]:
    """Check answers to the checklist; return the rows to store (without their review)."""
    errors: dict[str, list[str]] = {}
    rows = []
    allowed = ", ".join(Answer.values)
    for slug, given in (answers or {}).items():
        if slug not in BY_SLUG:
            errors.setdefault("answers", []).append(
                _("“%(slug)s” is not a question of the checklist.") % {"slug": slug}
            )
            continue
        given = given or {}
        answer = (given.get("answer") or "").strip()
        evidence = {
            k: v.strip() for k, v in (given.get("evidence") or {}).items() if v and v.strip()
        }
        note = {k: v.strip() for k, v in (given.get("note") or {}).items() if v and v.strip()}
        if not answer:
            if evidence or note:
                errors[f"answer_{slug}"] = [
                    _("Question “%(question)s” has evidence or a note but no answer.")
                    % {"question": BY_SLUG[slug].question}
                ]
            continue
        if answer not in Answer.values:
            errors[f"answer_{slug}"] = [
                _("“%(answer)s” is not an answer to “%(question)s” (%(allowed)s).")
                % {"answer": answer, "question": BY_SLUG[slug].question, "allowed": allowed}
            ]
            continue
        rows.append(ReviewAnswer(criterion=slug, answer=answer, evidence=evidence, note=note))
    if errors:
        raise ValidationError(errors)
    return rows


def _store_answers(review: Review, rows: list[ReviewAnswer], *, by: Any) -> None:
    before = {a.criterion: a.answer for a in review.answers.all()}
    review.answers.all().delete()
    for row in rows:
        row.review = review
    ReviewAnswer.objects.bulk_create(rows)
    after = {a.criterion: a.answer for a in rows}
    if before != after:
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=review,
            details={"answers": [before, after]},
        )


def _require_sees_measure(user: Any, measure: Measure) -> None:
    if not Measure.objects.visible_to(user).filter(pk=measure.pk).exists():
        raise ValidationError(
            {"measure": _("No measure you may see has the id %(id)s.") % {"id": measure.pk}}
        )


@transaction.atomic
def create_review(
    measure: Measure, *, by: Any, answers: Answers | None = None, **values: Any
) -> Review:
    """Start a review of a measure by a city or organisation, with its answers, as a draft."""
    _require_sees_measure(by, measure)
    owner = _Owner(values.get("city"), values.get("organisation"))
    require_contribute(by, owner, _("reviews"))
    is_demo = bool(values.pop("is_demo", False))
    for name in ("publication", "is_withdrawn", "measure"):
        values.pop(name, None)
    _refuse_reviewer_fields(by, values, owner)
    rows = _check_answers(answers)
    if getattr(by, "is_authenticated", False):
        values.setdefault("reviewer", by)
        values.setdefault("reviewer_name", by.get_full_name() or by.get_username())
    review = create_record(
        Review,
        by=by,
        measure=measure,
        publication=Publication.DRAFT,
        is_demo=is_demo,
        **values,
    )
    _store_answers(review, rows, by=by)
    return review


@transaction.atomic
def update_review(
    review: Review,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    answers: Answers | None = None,
) -> Review:
    """Change a review and, when given, replace all its answers, as one change."""
    require_change(by, review)
    changes = dict(changes)
    _refuse_fixed(changes, review, (*FIXED_FIELDS, "measure"))
    _refuse_reviewer_fields(by, changes, review)
    rows = _check_answers(answers) if answers is not None else None
    review = update_record(review, changes, by=by, based_on_version=based_on_version)
    if rows is not None:
        _store_answers(review, rows, by=by)
    return review


def unanswered(review: Review) -> list[str]:
    """Return the checklist questions a review has not answered yet, in checklist order."""
    answered = set(review.answers.values_list("criterion", flat=True))
    return [c.slug for c in CRITERIA if c.slug not in answered]


def _require_complete(review: Review) -> None:
    missing = unanswered(review)
    if missing:
        raise ValidationError(
            {
                "answers": _(
                    "Answer every question before this step; "
                    "%(count)s are unanswered: %(questions)s."
                )
                % {
                    "count": len(missing),
                    "questions": "; ".join(str(BY_SLUG[slug].question) for slug in missing),
                }
            }
        )


@transaction.atomic
def submit_review(review: Review, *, by: Any) -> Review:
    """Hand a draft review, every question answered, to its keepers."""
    _require_complete(review)
    return submit(review, by=by)


@transaction.atomic
def publish_review(review: Review, *, by: Any) -> Review:
    """Publish a review with every question answered, of a published measure."""
    require_review(by, review)
    _require_complete(review)
    if review.measure.publication != Publication.PUBLISHED:
        raise ValidationError(
            {
                "measure": _(
                    "“%(measure)s” is not published yet: its review is published after it."
                )
                % {"measure": review.measure}
            }
        )
    return publish(review, by=by)


# A reviewer hands a submitted review back to its author with a note, as for any record.
return_review = return_to_draft


@transaction.atomic
def delete_review(review: Review, *, by: Any) -> None:
    """Delete a review with its answers (kept in the revisions)."""
    require_review(by, review)
    delete_record(review, by=by)
