"""Plain factory functions for declarations and actions in the view tests."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from hrcities.commitments import services
from hrcities.commitments.models import Action, ActionStatus, Clause, Commitment, Declaration

_seq = itertools.count(1)


def make_declaration(promises: int = 3, preamble: int = 2, **overrides: Any) -> Declaration:
    n = next(_seq)
    values: dict[str, Any] = {
        "slug": f"declaration-{n}",
        "title": f"Declaration {n}",
        "forum_edition": 10,
        "start_date": date(2020, 10, 7),
        "end_date": date(2020, 10, 10),
        "dates_text": "7 – 10 October 2020",
        "place": "Gwangju, Republic of Korea",
    }
    values.update(overrides)
    declaration = Declaration.objects.create(**values)
    for number in range(1, preamble + 1):
        Clause.objects.create(
            declaration=declaration,
            kind=Clause.Kind.PREAMBLE,
            number=number,
            text=f"Recalling clause {number},",
        )
    for number in range(1, promises + 1):
        clause = Clause.objects.create(
            declaration=declaration,
            kind=Clause.Kind.PROMISE,
            number=number,
            text=f"Local governments will keep promise {number}.",
        )
        Commitment.objects.create(
            declaration=declaration,
            clause=clause,
            number=number,
            title=f"Promise {number}",
            text=f"Local governments will keep promise {number}.",
            addressees=["local-governments"],
        )
    return declaration


def status(slug: str) -> ActionStatus:
    return ActionStatus.objects.get(slug=slug)


def make_action(commitment: Commitment, owner: Any, *, by: Any = None, **overrides: Any) -> Action:
    """Add an action through the service, as a page would (so the timeline sees it)."""
    values: dict[str, Any] = {
        "commitment": commitment,
        "title": f"Action {next(_seq)}",
        "status": status(overrides.pop("status", "in-progress")),
        "weight": Decimal("1"),
    }
    values["city" if owner.__class__.__name__ == "City" else "organisation"] = owner
    values.update(overrides)
    return services.create_action(by=by or _platform_admin(), **values)


def _platform_admin() -> Any:
    from hrcities.accounts.models import User
    from hrcities.accounts.tests.factories import give_role, make_user

    user = User.objects.filter(username="factory-admin").first()
    if user is None:
        user = make_user("factory-admin")
        give_role(user, "admin")
    return user
