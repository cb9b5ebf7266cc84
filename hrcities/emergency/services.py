"""Writes of the emergency measures review: measures with their links, the changes they go
through, their sources, reviews answered question by question, and publication.

Every verb here is one transaction: a measure with its issues and groups, a change with the
measure's new dates, a review with all its answers. Who may do what is asked of
`hrcities.access.keepers`; views and the API call these verbs and never save on their own.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change, can_contribute, can_review, require_review
from hrcities.access.tiers import Access, Publication
from hrcities.archive.models import Item
from hrcities.archive.services import (
    MEDIA_TYPES,
    publish,
    require_extension,
    require_size,
    return_to_draft,
    sniff,
)
from hrcities.archive.services import submit_for_review as submit
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record
from hrcities.indicators.models import Indicator

from .checklist import BY_SLUG, CRITERIA
from .models import (
    Answer,
    ChangeKind,
    Measure,
    MeasureChange,
    Review,
    ReviewAnswer,
    Source,
)

# What only the keepers (editors, reviewers) of the owner decide; contributors leave them.
REVIEWER_FIELDS = (
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)
# Publication, withdrawal and the owner have verbs of their own; no edit body sets them.
FIXED_FIELDS = ("city", "organisation", "publication", "is_withdrawn", "is_demo")
# A measure's dates after it came into force move through `record_change`.
CHANGED_BY_CHANGES = ("sunset_on", "lifted_on")
# Source files a reader can open in a browser: documents and pictures of them.
SOURCE_TYPES = {t: exts for t, (kind, exts) in MEDIA_TYPES.items() if kind in ("document", "image")}

Answers = dict[str, dict[str, Any]]  # {criterion slug: {"answer", "evidence", "note"}}


# --- who may do what ----------------------------------------------------------------


class _Owner:
    """The city or organisation chosen for a new record, asked about like a record."""

    def __init__(self, city: Any, organisation: Any) -> None:
        self.city, self.organisation = city, organisation
        self.city_id = getattr(city, "pk", None)
        self.organisation_id = getattr(organisation, "pk", None)

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


def require_contribute(user: Any, owner: _Owner, what: str) -> None:
    if (owner.city is None) == (owner.organisation is None):
        raise ValidationError(
            {"city": _("Choose the city or the organisation that keeps it, not both.")}
        )
    if not can_contribute(user, city=owner.city, organisation=owner.organisation):
        raise PermissionDenied(
            _("You may not add %(what)s for %(owner)s.") % {"what": what, "owner": owner.owner}
        )


def require_change(user: Any, record: Measure | Review) -> None:
    if not can_change(user, record):
        raise PermissionDenied(
            _(
                "You may not change “%(record)s”: it is kept by %(owner)s, and once it is "
                "submitted or published only their editors and reviewers change it."
            )
            % {"record": record, "owner": record.owner}
        )


def _refuse_reviewer_fields(user: Any, values: dict[str, Any], record: Any) -> None:
    """Refuse access settings from someone who may not decide them; drop empty ones."""
    if can_review(user, record):
        return
    decided = [
        name
        for name in REVIEWER_FIELDS
        if name in values and values[name] not in (None, "", [], Access.PUBLIC)
    ]
    if decided:
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s decide %(fields)s.")
            % {"owner": record.owner, "fields": ", ".join(sorted(decided))}
        )
    for name in REVIEWER_FIELDS:
        values.pop(name, None)


def _refuse_fixed(values: dict[str, Any], record: Any, names: tuple[str, ...]) -> None:
    for name in names:
        if name in values and values[name] != getattr(record, name):
            raise ValidationError(
                {name: _("“%(field)s” is not changed by an edit.") % {"field": name}}
            )
        values.pop(name, None)


def _check_links(user: Any, values: dict[str, Any]) -> None:
    """Refuse links to archive records or indicators the user may not see."""
    errors = {}
    for name, visible, message in (
        ("items", Item.objects.visible_to(user), _("No archive record you may see has the id %s.")),
        (
            "indicators",
            Indicator.objects.visible_to(user),
            _("No indicator you may see has the id %s."),
        ),
    ):
        given = list(values.get(name) or [])
        seen = set(visible.filter(pk__in=[r.pk for r in given]).values_list("pk", flat=True))
        unseen = [str(r.pk) for r in given if r.pk not in seen]
        if unseen:
            errors[name] = [message % ", ".join(unseen)]
    if errors:
        raise ValidationError(errors)


# --- measures -------------------------------------------------------------------------


@transaction.atomic
def create_measure(*, by: Any, **values: Any) -> Measure:
    """Record a measure as a draft of its city or organisation, with its links and the
    change that introduced it (and the one that lifted it, if it is already lifted)."""
    owner = _Owner(values.get("city"), values.get("organisation"))
    require_contribute(by, owner, _("measures"))
    is_demo = bool(values.pop("is_demo", False))
    for name in ("publication", "is_withdrawn"):
        values.pop(name, None)
    _refuse_reviewer_fields(by, values, owner)
    _check_links(by, values)
    measure = create_record(
        Measure, by=by, publication=Publication.DRAFT, is_demo=is_demo, **values
    )
    _add_change(measure, ChangeKind.INTRODUCED, measure.introduced_on, by=by)
    if measure.lifted_on:
        _add_change(measure, ChangeKind.LIFTED, measure.lifted_on, by=by)
    return measure


@transaction.atomic
def update_measure(
    measure: Measure, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Measure:
    """Change a measure and its links; contributors change drafts only.

    The owner and publication have verbs of their own. Once the measure has changes
    beyond its introduction, its sunset and lifting move only through `record_change`,
    so that the timeline and the dates never disagree.
    """
    require_change(by, measure)
    changes = dict(changes)
    _refuse_fixed(changes, measure, FIXED_FIELDS)
    if measure.changes.exclude(kind=ChangeKind.INTRODUCED).exists():
        for name in CHANGED_BY_CHANGES:
            if name in changes and changes[name] != getattr(measure, name):
                raise ValidationError(
                    {
                        name: _(
                            "This measure has been extended, amended or lifted: record "
                            "a change to move its sunset or the day it was lifted."
                        )
                    }
                )
            changes.pop(name, None)
    _refuse_reviewer_fields(by, changes, measure)
    _check_links(by, changes)
    measure = update_record(measure, changes, by=by, based_on_version=based_on_version)
    introduced = measure.changes.filter(kind=ChangeKind.INTRODUCED).first()
    if introduced is not None and introduced.on != measure.introduced_on:
        introduced.on = measure.introduced_on
        introduced.save(update_fields=["on"])
    return measure


@transaction.atomic
def submit_measure(measure: Measure, *, by: Any) -> Measure:
    """Hand a draft measure to its keepers."""
    return submit(measure, by=by)


@transaction.atomic
def publish_measure(measure: Measure, *, by: Any) -> Measure:
    """Publish a measure; its access tier still decides who reads it."""
    return publish(measure, by=by)


@transaction.atomic
def delete_measure(measure: Measure, *, by: Any) -> None:
    """Delete a measure with its changes, sources and reviews (kept in the revisions)."""
    require_review(by, measure)
    _delete_files_on_commit(measure.sources.all())
    for review in measure.reviews.all():
        delete_record(review, by=by)
    delete_record(measure, by=by)


# --- changes --------------------------------------------------------------------------


def _add_change(
    measure: Measure,
    kind: str,
    on: date,
    *,
    by: Any,
    new_sunset: date | None = None,
    note: dict[str, str] | None = None,
) -> MeasureChange:
    return MeasureChange.objects.create(
        measure=measure,
        kind=kind,
        on=on,
        new_sunset=new_sunset,
        note={k: v.strip() for k, v in (note or {}).items() if v and v.strip()},
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _check_change(measure: Measure, kind: str, on: date | None, new_sunset: date | None) -> None:
    errors: dict[str, str] = {}
    if kind not in (ChangeKind.EXTENDED, ChangeKind.AMENDED, ChangeKind.LIFTED):
        errors["kind"] = _("A change is an extension, an amendment or a lifting.")
    if on is None:
        errors["on"] = _("Give the day of the change.")
    elif on < measure.introduced_on:
        errors["on"] = _("%(on)s is before the measure was introduced (%(introduced)s).") % {
            "on": on.isoformat(),
            "introduced": measure.introduced_on.isoformat(),
        }
    elif measure.lifted_on and on > measure.lifted_on:
        errors["on"] = _("The measure was lifted on %(lifted)s; nothing changes after that.") % {
            "lifted": measure.lifted_on.isoformat()
        }
    if kind == ChangeKind.EXTENDED:
        if new_sunset is None:
            errors["new_sunset"] = _("An extension needs its new sunset.")
        elif new_sunset < measure.in_force_from:
            errors["new_sunset"] = _(
                "The new sunset %(sunset)s is before the day the measure came into force "
                "(%(start)s)."
            ) % {"sunset": new_sunset.isoformat(), "start": measure.in_force_from.isoformat()}
        elif on is not None and new_sunset <= on:
            errors["new_sunset"] = _("The new sunset must come after the day of the extension.")
    elif new_sunset is not None:
        errors["new_sunset"] = _("Only an extension sets a new sunset.")
    if kind == ChangeKind.LIFTED and measure.lifted_on:
        errors["kind"] = _("The measure was already lifted on %(lifted)s.") % {
            "lifted": measure.lifted_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_change(
    measure: Measure,
    *,
    by: Any,
    kind: str,
    on: date | None,
    new_sunset: date | None = None,
    note: dict[str, str] | None = None,
    based_on_version: int | None = None,
) -> MeasureChange:
    """Record that a measure was extended (with its new sunset), amended or lifted, and
    move the measure's dates with it, as one change."""
    require_change(by, measure)
    _check_change(measure, kind, on, new_sunset)
    dates: dict[str, Any] = {}
    later = measure.changes.filter(kind=ChangeKind.EXTENDED, on__gt=on).exists()
    if kind == ChangeKind.EXTENDED and not later:
        # An extension recorded after the fact leaves the sunset a later one set.
        dates["sunset_on"] = new_sunset
    elif kind == ChangeKind.LIFTED:
        dates["lifted_on"] = on
    if dates:
        measure = update_record(measure, dates, by=by, based_on_version=based_on_version)
    change = _add_change(measure, kind, on, by=by, new_sunset=new_sunset, note=note)
    if not dates:
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=measure,
            details={"change": kind, "on": on.isoformat()},
        )
    return change


# --- sources --------------------------------------------------------------------------


def checked_type(upload: UploadedFile) -> str:
    """Return a source file's content type read from its bytes; refuse one too large, of a
    kind sources are not kept as, or whose name says something else."""
    require_size(upload)
    head = upload.read(4096)
    upload.seek(0)
    content_type = sniff(head)
    if content_type not in SOURCE_TYPES:
        raise ValidationError(
            {
                "file": _("“%(name)s” is not a PDF, text or image file that sources are kept as.")
                % {"name": upload.name}
            }
        )
    require_extension(upload, content_type, SOURCE_TYPES[content_type])
    return content_type


@transaction.atomic
def add_source(
    measure: Measure,
    *,
    by: Any,
    titles: dict[str, str] | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Source:
    """Add where a measure can be read: a link, or a file checked by its content."""
    require_change(by, measure)
    url = (url or "").strip()
    if (upload is None) == (not url):
        raise ValidationError({"file": _("Give a file or a link, not both and not neither.")})
    source = Source(
        measure=measure,
        titles={k: v.strip() for k, v in (titles or {}).items() if v and v.strip()},
        url=url,
    )
    if upload is not None:
        source.content_type = checked_type(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        source.original_name = upload.name[:300]
        source.size = upload.size
        source.sha256 = digest.hexdigest()
    # A source without a title is named by its file or link.
    source.full_clean(exclude=["file", "titles"], validate_constraints=False)
    if upload is not None:
        stem, _dot, extension = upload.name.rpartition(".")
        name = f"{slugify(stem)[:80] or 'source'}.{extension.lower()}"
        source.file.save(name, upload, save=False)
    try:
        source.save()
    except Exception:
        if source.file:
            source.file.delete(save=False)
        raise
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=measure,
        details={"source added": str(source)},
    )
    return source


@transaction.atomic
def delete_source(source: Source, *, by: Any) -> None:
    """Delete a source and its file."""
    measure = source.measure
    require_change(by, measure)
    title = str(source)
    _delete_files_on_commit([source])
    source.delete()
    audit(
        AuditEntry.Action.RECORD_UPDATED, by=by, target=measure, details={"source deleted": title}
    )


def _delete_files_on_commit(sources: Any) -> None:
    """Remove the stored files once the deletion is kept (a rollback keeps them)."""
    for source in sources:
        if source.file:
            name, storage = source.file.name, source.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))


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
