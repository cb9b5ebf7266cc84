"""Small builders for declarations and actions in the service, progress and API tests."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from hrcities.commitments.models import Action, ActionStatus, Commitment, Declaration

_seq = itertools.count(1)


def declaration_with(promises: int = 3, **overrides: Any) -> Declaration:
    n = next(_seq)
    values = {"slug": f"declaration-{n}", "title": f"Declaration {n}"}
    values.update(overrides)
    declaration = Declaration.objects.create(**values)
    for number in range(1, promises + 1):
        Commitment.objects.create(
            declaration=declaration,
            number=number,
            title=f"Promise {number}",
            text=f"We promise {number}.",
        )
    return declaration


def status(slug: str) -> ActionStatus:
    return ActionStatus.objects.get(slug=slug)


def action(commitment: Commitment, owner: Any, **overrides: Any) -> Action:
    values: dict[str, Any] = {
        "commitment": commitment,
        "title": f"Action {next(_seq)}",
        "status": status("in-progress"),
        "weight": Decimal("1"),
    }
    if owner.__class__.__name__ == "City":
        values["city"] = owner
    else:
        values["organisation"] = owner
    values.update(overrides)
    return Action.objects.create(**values)
