"""Load the World Programme for Human Rights Education and the shared teaching methods
from `data/wphre.json` (see data/LICENSES.md). Idempotent: a second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_noop

from .models import Audience, Method, Phase

DATA_FILE = Path(__file__).resolve().parent / "data" / "wphre.json"

Counts = dict[str, int]


def _put(model: type[models.Model], counts: Counts, keys: dict[str, Any], **values: Any) -> Any:
    """Create or update one row; count what happened."""
    row = model.objects.filter(**keys).first()
    if row is None:
        counts["created"] += 1
        return model.objects.create(**keys, **values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return row


@transaction.atomic
def load_wphre(path: Path | None = None) -> dict[str, Counts]:
    """Load the phases, their audiences and the shared methods; return what changed."""
    with (path or DATA_FILE).open(encoding="utf-8") as handle:
        data = json.load(handle)
    counts = {
        name: {"created": 0, "updated": 0, "unchanged": 0}
        for name in (
            gettext_noop("HRE phases"),
            gettext_noop("HRE audiences"),
            gettext_noop("HRE methods"),
        )
    }
    position = 0
    for entry in data["phases"]:
        phase = _put(
            Phase,
            counts["HRE phases"],
            {"number": entry["number"]},
            start_year=entry["start_year"],
            end_year=entry["end_year"],
            names=entry["names"],
            source=entry["source"],
        )
        for audience in entry["audiences"]:
            position += 10
            _put(
                Audience,
                counts["HRE audiences"],
                {"slug": audience["slug"]},
                names=audience["names"],
                phase=phase,
                position=position,
            )
    for number, method in enumerate(data["methods"], start=1):
        _put(
            Method,
            counts["HRE methods"],
            {"slug": method["slug"], "city": None},
            names=method["names"],
            position=number * 10,
        )
    return counts
