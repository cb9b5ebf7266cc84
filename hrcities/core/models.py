"""Shared base models: versioned records with revisions, translations, the audit log."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .validation import value_problem


def pick_translation(values: dict[str, str] | None, language: str | None = None) -> str:
    """Return the text in the active language, falling back to English, then any."""
    if not values:
        return ""
    language = (language or get_language() or "en").lower()
    for code in (language, language.split("-")[0], "en"):
        if values.get(code):
            return values[code]
    return next((text for text in values.values() if text), "")


class VersionedModel(models.Model):
    """A domain record whose every change is kept as a Revision.

    `version` rises by one on each saved change; an edit made from an older version is
    refused (see core.services.update_record), so concurrent edits never overwrite.
    """

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    # Fields left out of revisions (bookkeeping, or derived from other fields).
    revision_exclude: tuple[str, ...] = ("version", "created_at", "updated_at")
    # Rules for the fields that protect people (hrcities.core.protection): no restore,
    # import or edit body may loosen them.
    protective_state: tuple[Any, ...] = ()

    class Meta:
        abstract = True

    def scope(self) -> tuple[Any, Any]:
        """Return the (city, organisation) whose editors may change this record."""
        return (None, None)

    def history_is_visible_to(self, user: Any) -> bool:
        """Return whether the user may read this record's revisions (public records: all)."""
        return True

    def clean_fields(self, exclude: Any = None) -> None:
        """Check each field, and refuse text that XML cannot carry in any of them.

        Every write of every channel (form, API, import, restore) passes here through the
        services, so a character that would break a feed or an export never gets stored.
        """
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in errors or field.name in (exclude or ()):
                continue
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                problem = value_problem(field.value_from_object(self))
                if problem:
                    errors[field.name] = [ValidationError(problem, code="character")]
        if errors:
            raise ValidationError(errors)

    def revision_fields(self) -> list[models.Field]:
        return [
            f
            for f in self._meta.get_fields()
            if getattr(f, "concrete", False)
            and not f.auto_created
            and f.name not in self.revision_exclude
            and (not f.is_relation or f.many_to_many or f.many_to_one or f.one_to_one)
        ]

    def snapshot(self, *, many_to_many: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return the record's editable state as JSON-ready values.

        `many_to_many`: for a record just created, the many-to-many values it was given
        (the others are empty), so that they need not be read back.
        """
        data: dict[str, Any] = {}
        for field in self.revision_fields():
            if field.many_to_many and many_to_many is not None:
                to_key = field.related_model._meta.pk.to_python
                given = many_to_many.get(field.name, [])
                data[field.name] = sorted({to_key(getattr(v, "pk", v)) for v in given})
            elif field.many_to_many:
                data[field.name] = (
                    sorted(getattr(self, field.name).values_list("pk", flat=True))
                    if self.pk
                    else []
                )
            elif field.is_relation:
                data[field.name] = getattr(self, field.attname)
            elif isinstance(field, models.FileField):
                # A file is kept by its name in storage; restoring it points there again.
                data[field.name] = field.value_from_object(self).name or ""
            elif isinstance(field, models.DecimalField) and self._has_value(field):
                # 1, 1.0 and 1.00 are one weight: compare at the field's precision.
                value = Decimal(str(field.value_from_object(self)))
                data[field.name] = value.quantize(Decimal(10) ** -field.decimal_places)
            else:
                data[field.name] = field.value_from_object(self)
        return _jsonable(data)

    def _has_value(self, field: models.Field) -> bool:
        return field.value_from_object(self) not in (None, "")


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def versioned_model(label: str) -> type[VersionedModel]:
    """Return the record model named `app.model`, or raise Http404 for any other label."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404(gettext("There is no record kind “%(label)s”.") % {"label": label}) from None
    if not issubclass(model, VersionedModel):
        raise Http404(gettext("There is no record kind “%(label)s”.") % {"label": label})
    return model


def record_key(model: type[models.Model], object_id: Any) -> Any:
    """Return `object_id` as a key of `model`, or raise Http404 when it cannot be one
    ("abc", or a number past the database's range, for a numeric key)."""
    field = model._meta.pk
    try:
        key = field.to_python(object_id)
        field.run_validators(key)
    except (ValidationError, TypeError, ValueError):
        raise Http404(gettext("No such record.")) from None
    return key


def taggable_record(label: str, object_id: Any, user: Any) -> VersionedModel:
    """Return the taggable record `label`/`object_id` if `user` may read it, else Http404."""
    model = versioned_model(label)
    if not hasattr(model, "taggings"):
        raise Http404(gettext("Records of kind “%(label)s” carry no tags.") % {"label": label})
    return readable_record(model, object_id, user)


def readable_record(model: type[models.Model], object_id: Any, user: Any) -> Any:
    """Return the `model` record `object_id` if `user` may read it, else Http404.

    A kind with a reading rule (archive records, indicators: `visible_to` on their
    queryset) is looked up through it, so a record the user may not read answers exactly
    as a record that does not exist.
    """
    records = model._default_manager.all()
    if hasattr(records, "visible_to"):
        records = records.visible_to(user)
    record = records.filter(pk=record_key(model, object_id)).first()
    if record is None:
        raise Http404(gettext("No such record."))
    return record


def history_record(
    model: type[VersionedModel], object_id: Any, user: Any, *, reads_deleted: bool
) -> tuple[VersionedModel, bool]:
    """Return the record whose revisions `user` asks for, and whether it still exists.

    The history is read through the same rule as the record's own pages (`visible_to`
    on its queryset, the parent's rule included), then the record's own rule for its
    history. A record the user may not read, a deleted one (unless `reads_deleted`, for
    network admins, who can restore it) and a key that names nothing all answer the same
    Http404, so the answer never tells which ids exist.
    """
    key = record_key(model, object_id)  # "abc" or a number past the database's range
    record = model._default_manager.filter(pk=key).first()
    if record is None:
        if not reads_deleted:
            raise Http404(gettext("No such record."))
        return model(pk=key), False
    records = model._default_manager.all()
    readable = not hasattr(records, "visible_to") or (
        records.visible_to(user).filter(pk=record.pk).exists()
    )
    if not (readable and record.history_is_visible_to(user)):
        raise Http404(gettext("No such record."))
    return record, True


class ContentVersion(models.Model):
    """One row whose number goes up with every committed write to the platform's data
    (hrcities.core.pagecache): the public page cache keys on it."""

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.number}"


class RevisionAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    RESTORE = "restore", _("restored")


class Revision(models.Model):
    """One saved state of a record: who changed what, when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300)
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=RevisionAction.choices)
    data = models.JSONField(encoder=DjangoJSONEncoder)
    changes = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-version"])]

    def __str__(self) -> str:
        return f"{self.object_repr} v{self.version} ({self.action})"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """An append-only line of the audit log (also enforced by database triggers)."""

    class Action(models.TextChoices):
        SIGN_IN = "sign-in", _("signed in")
        SIGN_IN_FAILED = "sign-in-failed", _("failed to sign in")
        SIGN_OUT = "sign-out", _("signed out")
        ROLE_GRANTED = "role-granted", _("granted a role")
        ROLE_REVOKED = "role-revoked", _("revoked a role")
        TOKEN_CREATED = "token-created", _("created an API token")
        TOKEN_REVOKED = "token-revoked", _("revoked an API token")
        RECORD_CREATED = "record-created", _("created a record")
        RECORD_UPDATED = "record-updated", _("updated a record")
        RECORD_DELETED = "record-deleted", _("deleted a record")
        RECORD_RESTORED = "record-restored", _("restored a record")
        EDIT_CONFLICT = "edit-conflict", _("was refused a stale edit")
        CONSENT_RECORDED = "consent-recorded", _("recorded a consent")
        CONSENT_WITHDRAWN = "consent-withdrawn", _("recorded a withdrawal of consent")
        RECORD_PUBLISHED = "record-published", _("published a record")
        RECORD_RETURNED = "record-returned", _("returned a submitted record to draft")
        RECORD_PURGED = "record-purged", _("purged a record from the archive")
        PROTECTION_LOOSENED = "protection-loosened", _("loosened the protection of a record")
        INVITATION_SENT = "invitation-sent", _("invited a person")
        INVITATION_REVOKED = "invitation-revoked", _("revoked an invitation")
        INVITATION_ACCEPTED = "invitation-accepted", _("accepted an invitation")
        USER_DEACTIVATED = "user-deactivated", _("deactivated an account")
        USER_REACTIVATED = "user-reactivated", _("reactivated an account")
        PASSWORD_CHANGED = "password-changed", _("changed a password")
        ACCOUNT_CHANGED = "account-changed", _("changed their account's details")
        PASSWORD_RESET_SENT = "password-reset-sent", _("asked for a password reset")
        PASSWORD_RESET = "password-reset", _("reset a password")
        TWO_FACTOR_ADDED = "two-factor-added", _("added a two-factor device")
        TWO_FACTOR_REMOVED = "two-factor-removed", _("removed a two-factor device")
        SETTING_CHANGED = "setting-changed", _("changed a network setting")
        EMAIL_SENT = "email-sent", _("was sent an email")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_repr = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_repr}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("The audit log is append-only.")


class NetworkSettings(models.Model):
    """Choices the network makes once for everyone; one row, changed by network admins."""

    require_two_factor_for_keepers = models.BooleanField(
        _("require two-factor sign-in for keepers of restricted archive records"),
        default=False,
        help_text=_(
            "Editors and reviewers of a city or organisation that keeps restricted records, "
            "and network admins, must add an authenticator app before they can work."
        ),
    )
    hide_records_past_renewal = models.BooleanField(
        _("hide archive records whose consent is past its renewal date"),
        default=False,
        help_text=_("Such records are seen only by their keepers until the consent is renewed."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="one_network_settings_row")
        ]

    def __str__(self) -> str:
        return str(_("Network settings"))

    @classmethod
    def current(cls) -> NetworkSettings:
        """The network's settings (the defaults until an admin first saves them)."""
        found = cls.objects.filter(pk=1).first()
        return found if found is not None else cls(pk=1)
