"""The one registration point: every taggable record kind says which text the suggester reads.

    register(Action, text=lambda action: f"{action.title}\\n{action.description}")

Apps do this in their own `classify.py` module, which ClassifyConfig.ready() imports for
every installed app; the registry imports no app. Once every app has registered, saving a
registered record schedules its suggestions (see scheduling.connect).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Taggable:
    model: type[models.Model]
    text: Callable[[Any], str]
    queryset: Callable[[], models.QuerySet]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


TAGGABLE: dict[str, Taggable] = {}


def register(
    model: type[models.Model],
    *,
    text: Callable[[Any], str],
    queryset: Callable[[], models.QuerySet] | None = None,
) -> None:
    """Let the suggester tag records of `model`, reading `text(record)`."""
    if not hasattr(model, "taggings"):
        raise ValueError(f"{model._meta.label} has no `taggings` relation: it cannot be tagged.")
    entry = Taggable(model, text, queryset or model._default_manager.all)
    TAGGABLE[entry.label] = entry


def taggable_for(model: type[models.Model]) -> Taggable | None:
    return TAGGABLE.get(model._meta.label_lower)


def text_of(record: models.Model) -> str:
    """Return the text the suggester reads for a record ("" for an unregistered kind)."""
    entry = taggable_for(type(record))
    return (entry.text(record) or "").strip() if entry else ""


def joined(*parts: Any) -> str:
    """Return the non-empty parts, one per line."""
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())
