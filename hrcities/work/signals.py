"""Watch the revisions for changes of publication, to tell the people concerned at once."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from hrcities.core.models import Revision


def revision_saved(sender: Any, instance: Revision, created: bool, **kwargs: Any) -> None:
    if not created or "publication" not in (instance.changes or {}):
        return
    from .reminders import at_once

    # After the commit: a change rolled back tells no one, and the email waits for no save.
    transaction.on_commit(lambda: at_once.submit(instance.pk))


def connect() -> None:
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="work-revision-saved")
