"""Load the shared emergencies, the issues and the OxCGRT policy codes from
`data/reference.json` (sources and licences in data/README.md). A second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_noop

from .models import Emergency, Issue, PolicyCode

DATA_FILE = Path(__file__).resolve().parent / "data" / "reference.json"

Counts = dict[str, int]


def _sync(model: type[models.Model], rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> Counts:
    """Bring each (keys, values) row into the table; count what was created or changed."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for keys, values in rows:
        stored = model.objects.filter(**keys).first()
        if stored is None:
            model.objects.create(**keys, **values)
            counts["created"] += 1
            continue
        differing = [name for name, value in values.items() if getattr(stored, name) != value]
        for name in differing:
            setattr(stored, name, values[name])
        if differing:
            stored.save(update_fields=differing)
        counts["updated" if differing else "unchanged"] += 1
    return counts


@transaction.atomic
def load_emergency_reference(path: Path | None = None) -> dict[str, Counts]:
    """Load the emergencies, issues and policy codes; return what changed per kind."""
    data = json.loads((path or DATA_FILE).read_text(encoding="utf-8"))
    return {
        gettext_noop("emergencies"): _sync(
            Emergency,
            [
                (
                    {"slug": e["slug"], "city": None},
                    {"names": e["names"], "is_climate": e["is_climate"], "position": n * 10},
                )
                for n, e in enumerate(data["emergencies"], start=1)
            ],
        ),
        gettext_noop("measure issues"): _sync(
            Issue,
            [
                ({"slug": i["slug"]}, {"names": i["names"], "position": n * 10})
                for n, i in enumerate(data["issues"], start=1)
            ],
        ),
        gettext_noop("OxCGRT policy codes"): _sync(
            PolicyCode,
            [
                (
                    {"code": p["code"]},
                    {"names": p["names"], "levels": p["levels"], "position": n * 10},
                )
                for n, p in enumerate(data["policy_codes"], start=1)
            ],
        ),
    }
