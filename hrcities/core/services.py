"""Writes of domain records: every create, update, delete and restore keeps a revision,
writes an audit entry and runs in one transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import client_ip
from .gathering import gathered, pending
from .models import AuditEntry, Revision, RevisionAction, VersionedModel
from .protection import kept_protection, loosened

R = TypeVar("R", bound=VersionedModel)


class EditConflict(Exception):
    """An edit was based on a version of the record that is no longer current."""

    def __init__(self, record: VersionedModel, based_on: int) -> None:
        self.record = record
        self.based_on = based_on
        self.current = record.version
        super().__init__(
            _(
                "This record was changed by someone else while you were editing it "
                "(you edited version %(based_on)s; it is now version %(current)s). "
                "Your changes were not saved: reload the record, then apply them again."
            )
            % {"based_on": based_on, "current": record.version}
        )


# Revisions and audit lines made inside batched_history(), in the order they were made.
_batch = threading.local()
BATCH_SIZE = 500


@contextmanager
def batched_history() -> Iterator[None]:
    """Write the revisions and audit lines made inside the block together when it ends.

    For bulk work inside one transaction (an import creating thousands of records): one
    INSERT per line costs more than the record itself. The lines keep their order and
    their times; the objects returned inside the block have no key until it ends. If the
    block raises, nothing is written (its transaction is rolled back). A nested block
    leaves the writing to the outer one.
    """
    with gathered(_batch, list) as lines:
        yield
    if lines is None:
        return
    for model in (Revision, AuditEntry):
        rows = [row for row in lines if isinstance(row, model)]
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _keep(row: AuditEntry | Revision, *, at_once: bool = False) -> Any:
    lines = pending(_batch)
    if lines is None or at_once:
        row.save(force_insert=True)
    else:
        lines.append(row)
    return row


def _user_or_none(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def audit(
    action: str,
    *,
    by: Any = None,
    target: models.Model | None = None,
    target_repr: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line to the audit log."""
    actor = _user_or_none(by)
    entry = AuditEntry(
        actor=actor,
        actor_repr=(actor.get_username() if actor else "") or "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=(target_repr or (str(target) if target is not None else ""))[:300],
        ip_address=client_ip(),
        details=details or {},
    )
    return _keep(entry)


def _record_revision(
    record: VersionedModel,
    action: str,
    by: Any,
    changes: dict[str, Any] | None = None,
    *,
    data: dict[str, Any] | None = None,
    at_once: bool = False,
) -> Revision:
    revision = Revision(
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=str(record.pk),
        object_repr=str(record)[:300],
        version=record.version,
        action=action,
        data=record.snapshot() if data is None else data,
        changes=changes or {},
        author=_user_or_none(by),
    )
    return _keep(revision, at_once=at_once)


def _loaded_references(model: type[models.Model], values: dict[str, Any]) -> list[str]:
    """Return the foreign keys given as saved records without a choice limit: they exist,
    so their field check need not ask the database again (one query each, most of a bulk
    import's validation)."""
    names = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if (
            field.many_to_one
            and isinstance(value, models.Model)
            and value.pk is not None
            and not field.remote_field.limit_choices_to
        ):
            names.append(name)
    return names


def _validate(record: models.Model, *, exclude: list[str], loaded: list[str]) -> None:
    """full_clean, except the field check of `loaded` references (uniqueness and
    constraints still see them); every problem is reported together."""
    errors: dict[str, Any] = {}
    try:
        record.full_clean(
            exclude=[*exclude, *loaded], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = [*exclude, *errors]
    for check in (record.validate_unique, record.validate_constraints):
        try:
            check(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _split_m2m(model: type[models.Model], values: dict[str, Any]) -> tuple[dict, dict]:
    plain, m2m = {}, {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        (m2m if field.many_to_many else plain)[name] = value
    return plain, m2m


@transaction.atomic
def create_record(model: type[R], *, by: Any, **values: Any) -> R:
    """Create a record, keep its first revision and log it."""
    plain, m2m = _split_m2m(model, values)
    record = model(**plain)
    _validate(record, exclude=list(m2m), loaded=_loaded_references(model, plain))
    record.save()
    for name, value in m2m.items():
        getattr(record, name).set(value)
    data = record.snapshot(many_to_many=m2m)
    _record_revision(record, RevisionAction.CREATE, by, data=data)
    audit(AuditEntry.Action.RECORD_CREATED, by=by, target=record)
    return record


Guard = Callable[[dict[str, Any], dict[str, Any]], None]


def update_record(
    record: R,
    changes: dict[str, Any],
    *,
    by: Any,
    based_on_version: int | None,
    guard: Guard | None = None,
) -> R:
    """Apply changes to a record unless it moved on since `based_on_version`.

    Raise EditConflict when the stored version differs from the one the editor saw;
    pass None only for system updates (imports that carry no version). `guard` sees the
    record's state before and after the change (as in its revisions) before anything is
    kept, and raises to refuse it.
    """
    with transaction.atomic():
        current = lock_if_current(record, based_on_version)
        if current is not None:
            return _apply_update(record, current, changes, by, guard)
    refuse_edit(record, based_on_version, by=by)


def lock_if_current(record: R, based_on_version: int | None) -> R | None:
    """Inside a transaction, lock the stored record and return it; None if it moved on
    since `based_on_version` (None: any version)."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if based_on_version is None or current.version == based_on_version:
        return current
    return None


def refuse_edit(record: VersionedModel, based_on_version: int | None, *, by: Any) -> NoReturn:
    """Log an edit made from an older version and raise EditConflict.

    Call it outside the transaction that found the conflict, so the entry is kept.
    """
    current = type(record).objects.get(pk=record.pk)
    audit(
        AuditEntry.Action.EDIT_CONFLICT,
        by=by,
        target=current,
        details={"based_on": based_on_version, "current": current.version},
    )
    raise EditConflict(current, based_on_version)


def _apply_update(
    record: R, current: R, changes: dict[str, Any], by: Any, guard: Guard | None = None
) -> R:
    before = current.snapshot()
    plain, m2m = _split_m2m(type(current), changes)
    for name, value in plain.items():
        setattr(current, name, value)
    current.full_clean(exclude=list(m2m))
    for name, value in m2m.items():
        getattr(current, name).set(value)
    after = current.snapshot()
    diff = {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}
    if not diff:
        return current
    if guard is not None:
        guard(before, after)  # many-to-many values set above are rolled back with the refusal

    changed_fields = [k for k in diff if not current._meta.get_field(k).many_to_many]
    _save_version(current, changed_fields, before, after, diff, by)
    record.__dict__.update(current.__dict__)
    return current


def _save_version(
    current: R,
    fields: list[str],
    before: dict[str, Any],
    after: dict[str, Any],
    diff: dict[str, Any],
    by: Any,
) -> None:
    """Save a changed record as its next version, with its revision and audit lines."""
    current.version += 1
    current.updated_at = timezone.now()
    current.save(update_fields=[*fields, "version", "updated_at"])
    _record_revision(current, RevisionAction.UPDATE, by, diff)
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=current,
        details={"fields": sorted(diff), "version": current.version},
    )
    opened = loosened(type(current), before, after)
    if opened:
        # Opening what protects someone is its own line in the log, whatever the path.
        audit(
            AuditEntry.Action.PROTECTION_LOOSENED,
            by=by,
            target=current,
            details={"fields": opened, "version": current.version},
        )


@transaction.atomic
def save_fields(record: R, values: dict[str, Any], *, by: Any) -> R:
    """Save plain `values` on a record at once, keeping a revision and an audit line.

    For a change that must never fail on another field's validation (a withdrawal of
    consent on a record with an old, now invalid value): no clean, no version check.
    """
    current = type(record).objects.select_for_update().get(pk=record.pk)
    before = current.snapshot()
    for name, value in values.items():
        setattr(current, name, value)
    after = current.snapshot()
    diff = {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}
    if diff:
        _save_version(current, list(values), before, after, diff, by)
    record.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def delete_record(record: VersionedModel, *, by: Any) -> None:
    """Delete a record; its last state stays in the revisions and can be restored."""
    record.version += 1
    # Its key goes into the audit line, so it is written at once even in a batch.
    revision = _record_revision(record, RevisionAction.DELETE, by, at_once=True)
    audit(
        AuditEntry.Action.RECORD_DELETED,
        by=by,
        target=record,
        details={"revision": revision.pk},
    )
    record.delete()


def revisions_for(record: models.Model) -> models.QuerySet[Revision]:
    """Return a record's revisions, newest first."""
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=str(record.pk),
    ).select_related("author")


@transaction.atomic
def restore_revision(revision: Revision, *, by: Any) -> VersionedModel:
    """Bring a record back to the state kept in `revision` (recreating it if deleted)."""
    model = revision.content_type.model_class()
    assert model is not None and issubclass(model, VersionedModel)
    # No ordering: a default ordering through a relation is an outer join, which
    # PostgreSQL does not lock.
    record = model.objects.select_for_update().filter(pk=revision.object_id).order_by().first()
    # An old revision holds old protective state (not yet withdrawn, not yet hidden):
    # the record keeps whatever protects it now, or when it was deleted.
    if record is not None:
        current = record.snapshot()
    else:
        latest = revisions_for(model(pk=model._meta.pk.to_python(revision.object_id))).first()
        current = latest.data if latest is not None else revision.data
    data, kept = kept_protection(model, current, revision.data)
    values: dict[str, Any] = {}
    m2m: dict[str, Any] = {}
    for name, value in data.items():
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue  # a field removed since this revision was kept
        if field.many_to_many:
            m2m[name] = value
        elif field.is_relation:
            values[field.attname] = value
        else:
            values[name] = field.to_python(value)

    if record is None:
        record = model(pk=model._meta.pk.to_python(revision.object_id), **values)
        latest = revisions_for(record).first()
        record.version = (latest.version if latest else 0) + 1
        record.full_clean(validate_unique=True)
        record.save(force_insert=True)
    else:
        for name, value in values.items():
            setattr(record, name, value)
        record.version += 1
        record.updated_at = timezone.now()
        record.full_clean()
        record.save()
    for name, value in m2m.items():
        getattr(record, name).set(value)
    changes: dict[str, Any] = {"restored_version": [None, revision.version]}
    details: dict[str, Any] = {"restored_version": revision.version, "version": record.version}
    if kept:
        changes["kept_protection"] = [None, kept]
        details["kept_protection"] = kept
    _record_revision(record, RevisionAction.RESTORE, by, changes)
    audit(AuditEntry.Action.RECORD_RESTORED, by=by, target=record, details=details)
    return record
