"""Protective state, and the one rule that keeps it.

Some fields of a record protect people: a withdrawal, a publication state, an access
tier, a hidden field, a name that may not be shown. A restore of an old revision, an
import or the body of an edit carries old or foreign values for them; none of these may
open the record to anyone it is closed to now. Each model declares its protective
fields once (`VersionedModel.protective_state`), as rules that compare two states of the
record (in revision form, `VersionedModel.snapshot`), and every write path asks the
same two questions: what would this change open (`loosened`), and what is the change
with nothing opened (`kept_protection`). Opening is its own action, by a keeper.
"""

from __future__ import annotations

from typing import Any


class Rule:
    """How one group of fields protects a record."""

    fields: tuple[str, ...] = ()

    def opens(self, current: dict[str, Any], incoming: dict[str, Any]) -> bool:
        """Return whether `incoming` lets someone read what `current` keeps from them."""
        raise NotImplementedError

    def keep(self, current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
        """Return the group's values to write instead of an opening `incoming`."""
        return {name: current.get(name) for name in self.fields}


class Flag(Rule):
    """A yes/no field of which one value protects (`is_withdrawn`: yes protects)."""

    def __init__(self, name: str, *, protects: bool) -> None:
        self.fields = (name,)
        self.name, self.protects = name, protects

    def opens(self, current: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return (
            bool(current.get(self.name)) == self.protects
            and bool(incoming.get(self.name)) != self.protects
        )


class Hidden(Rule):
    """A list of hidden things: more hidden is stricter, and the strict merge is the union."""

    def __init__(self, name: str) -> None:
        self.fields = (name,)
        self.name = name

    def opens(self, current: dict[str, Any], incoming: dict[str, Any]) -> bool:
        return not set(current.get(self.name) or []) <= set(incoming.get(self.name) or [])

    def keep(self, current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
        both = set(current.get(self.name) or []) | set(incoming.get(self.name) or [])
        return {self.name: sorted(both)}


def _rules(model: type) -> tuple[Rule, ...]:
    return tuple(getattr(model, "protective_state", ()))


def loosened(model: type, current: dict[str, Any], incoming: dict[str, Any]) -> list[str]:
    """Return the protective fields of `model` that `incoming` would open, sorted."""
    opened: set[str] = set()
    for rule in _rules(model):
        if rule.opens(current, incoming):
            opened.update(name for name in rule.fields if current.get(name) != incoming.get(name))
    return sorted(opened)


def kept_protection(
    model: type, current: dict[str, Any], incoming: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Return `incoming` with no protective state looser than in `current`, and the
    fields that were kept from `current` (or merged with it) for that."""
    result = dict(incoming)
    kept: set[str] = set()
    for rule in _rules(model):
        if not rule.opens(current, result):
            continue
        for name, value in rule.keep(current, result).items():
            if result.get(name) != value:
                kept.add(name)
            result[name] = value
    return result, sorted(kept)
