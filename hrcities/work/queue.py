"""The queue of tag suggestions waiting for a decision, one line per suggestion, on the
records the reader may change: their city's or organisation's, every record for a
network admin (UPR recommendations included, which network admins decide)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hrcities.accounts.permissions import EDIT_ROLES, is_network_admin
from hrcities.classify.registry import TAGGABLE
from hrcities.taxonomy.models import Tagging, TagKind
from hrcities.taxonomy.tags import Tag, describe

from .kinds.common import content_type, has_field, label_of, readable, scoped_roles, title_for

SORTS = {
    "score": (_("Highest score first"), ("-score", "-pk")),
    "newest": (_("Newest first"), ("-created_at", "-pk")),
    "record": (_("Kind of record"), ("content_type__app_label", "content_type__model", "-score")),
}
DEFAULT_SORT = "score"


def editable_records(user: Any) -> Iterator[tuple[type[models.Model], models.QuerySet]]:
    """(model, records) for each taggable kind: the records `user` may read and change."""
    admin = is_network_admin(user)
    for entry in sorted(TAGGABLE.values(), key=lambda e: e.label):
        model = entry.model
        records = readable(model, user)
        if not admin:
            if not has_field(model, "city"):
                continue  # shared reference records (UPR recommendations): network admins'
            records = records.filter(scoped_roles(user, EDIT_ROLES, model))
        yield model, records


def record_kinds(user: Any) -> list[tuple[str, str]]:
    """The kinds of record whose suggestions this user decides, as (label, name) choices."""
    return [
        (label_of(model), str(model._meta.verbose_name).capitalize())
        for model, _records in editable_records(user)
    ]


def waiting_for(user: Any, *, record_kind: str = "", tag_kind: str = "") -> models.QuerySet:
    """The suggestions waiting for a decision on the records `user` may read and change."""
    on_records = Q(pk__in=[])
    for model, records in editable_records(user):
        if record_kind and label_of(model) != record_kind:
            continue
        on_records |= Q(content_type=content_type(model), object_id__in=records.values("pk"))
    waiting = Tagging.objects.waiting().filter(on_records)
    if tag_kind in TagKind.values:
        waiting = waiting.filter(kind=tag_kind)
    return waiting


def sorted_queue(waiting: models.QuerySet, sort: str) -> models.QuerySet:
    return waiting.select_related("content_type").order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])[1])


@dataclass(frozen=True)
class QueueLine:
    tagging: Tagging
    tag: Tag
    record: Any
    record_title: str
    record_kind: str
    city: Any


def lines(taggings: list[Tagging], user: Any) -> list[QueueLine]:
    """The page's suggestions with their tag's name and their record's title as `user` reads it."""
    wanted: dict[Any, set[int]] = defaultdict(set)
    for tagging in taggings:
        wanted[tagging.content_type].add(tagging.object_id)
    records: dict[tuple[int, int], Any] = {}
    for kind, ids in wanted.items():
        model = kind.model_class()
        if model is None:
            continue
        for record in readable(model, user).filter(pk__in=ids):
            records[(kind.pk, record.pk)] = record
    named = describe(t.label for t in taggings)
    found = []
    for tagging in taggings:
        record = records.get((tagging.content_type_id, tagging.object_id))
        tag = named.get(tagging.label)
        if record is None or tag is None:
            continue
        found.append(
            QueueLine(
                tagging,
                tag,
                record,
                title_for(record, user),
                str(type(record)._meta.verbose_name).capitalize(),
                getattr(record, "city", None),
            )
        )
    return found
