"""What depends on a record, said in words, so that a deletion can be refused with reasons.

A record another one points at (a domain its indicators sit in, a status actions have) is
not deleted from under them: the deletion is refused with one line per kind of record
that still depends on it ("12 indicators use this domain").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

Wording = Mapping[str, Callable[[int], str]]


def count_dependants(
    record: models.Model, *, skip: Iterable[str] = ()
) -> dict[type[models.Model], int]:
    """Return, for each kind of record that points at `record`, how many do.

    `skip` names kinds (`app.model`) that are parts deleted with the record, or data
    derived from it.
    """
    skipped = set(skip)
    fields: dict[type[models.Model], list[str]] = defaultdict(list)
    for relation in record._meta.related_objects:
        model = relation.related_model
        if model._meta.label_lower not in skipped:
            fields[model].append(relation.field.name)
    found: dict[type[models.Model], int] = {}
    for model, names in fields.items():
        pointing = models.Q()
        for name in names:
            pointing |= models.Q(**{name: record})
        count = model._base_manager.filter(pointing).distinct().count()
        if count:
            found[model] = count
    return found


def dependant_lines(
    record: models.Model, wording: Wording | None = None, *, skip: Iterable[str] = ()
) -> list[str]:
    """Return one line per kind of record that depends on `record`.

    `wording` gives the sentence for a kind (`{"indicators.indicator": lambda n: ...}`);
    any other kind is named by its model's name and counted.
    """
    lines = []
    for model, count in count_dependants(record, skip=skip).items():
        say = (wording or {}).get(model._meta.label_lower)
        if say is not None:
            lines.append(say(count))
        else:
            kind = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            lines.append(
                pgettext("records that depend on another", "%(kind)s: %(count)s")
                % {"kind": kind, "count": count}
            )
    return lines


def refuse_deletion(record: Any, lines: list[str]) -> None:
    """Raise a ValidationError naming what depends on `record`, if anything does."""
    if lines:
        raise ValidationError(
            _("“%(record)s” cannot be deleted: %(reasons)s")
            % {"record": record, "reasons": " ".join(lines)}
        )
