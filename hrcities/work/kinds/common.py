"""What the kinds share: the records with a publication workflow, titles as the reader
reads them, and the scopes where a person holds a role."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from hrcities.access.models import AccessFields
from hrcities.archive.presenting import shown_title

# How far ahead a renewal or the end of an embargo is told, and how long a decision stays.
AHEAD_DAYS = 30
RECENT_DAYS = 14


def publication_models() -> list[type[models.Model]]:
    """Every kind of record that goes from draft to review to publication."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AccessFields) and not model._meta.abstract
    ]


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def content_type(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def title_for(record: Any, user: Any) -> str:
    """The record's title as this reader reads it (redacted words stay out)."""
    return shown_title(record, user) or str(record)


def url_of(record: Any) -> str:
    return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""


def day_of(moment: Any) -> date:
    return moment.date() if hasattr(moment, "date") else moment


def has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def scoped_roles(user: Any, roles: set[str], model: type[models.Model]) -> Q:
    """Records of `model` owned by a city (or organisation, where the model has one)
    in which the user holds one of `roles`: the city's own work, never network-wide."""
    held = user.roles.filter(role__in=roles)
    scope = Q(city__in=held.filter(city__isnull=False).values("city"))
    if has_field(model, "organisation"):
        scope |= Q(organisation__in=held.filter(organisation__isnull=False).values("organisation"))
    return scope


def readable(model: type[models.Model], user: Any) -> models.QuerySet:
    """The records of `model` this user may read, by the model's own rule."""
    records = model._default_manager.all()
    return records.visible_to(user) if hasattr(records, "visible_to") else records
