"""Keep suggestions in step with saves: each save of a registered kind queues its record.

The signals are connected once every app's `classify.py` has registered its kinds
(ClassifyConfig.ready), so the registry itself imports neither the apps nor the worker.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_save

from hrcities.core.signals import bulk_saved

from . import worker
from .registry import TAGGABLE, taggable_for


def schedule_suggestions(record: models.Model) -> None:
    """After the save commits, compute the record's suggestions (in the background)."""
    if not getattr(settings, "SUGGEST_ON_SAVE", True) or taggable_for(type(record)) is None:
        return
    key = (record._meta.label_lower, record.pk)
    transaction.on_commit(lambda: worker.submit(key))


def connect() -> None:
    """Schedule suggestions after every save of a registered kind, single or in bulk."""
    for label, entry in TAGGABLE.items():
        post_save.connect(_saved, sender=entry.model, dispatch_uid=f"classify-{label}")
    bulk_saved.connect(_bulk_saved, dispatch_uid="classify-bulk")


def _saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw:  # fixtures and restores of raw rows
        return
    schedule_suggestions(instance)


def _bulk_saved(sender: type[models.Model], pks: set[Any], **_: Any) -> None:
    # The background worker computes them after the commit, so a loader does not wait for
    # them (a leaving process finishes what is queued).
    if taggable_for(sender) is None:
        return
    for record in sender._default_manager.filter(pk__in=pks).only("pk"):
        schedule_suggestions(record)
