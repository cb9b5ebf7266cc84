"""The protective state of archive records (see hrcities.core.protection).

Who may read an item is decided by its publication state and its access tier together
(`AccessQuerySet.visible_to`): a draft is read by its owner's contributors, a published
item by its tier's audience. A new state is as strict as the current one only if
everyone it lets read the item may read it now, at every date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hrcities.core.protection import Flag, Hidden, Rule

AUDIENCE_FIELDS = (
    "publication",
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _tier_within(incoming: dict[str, Any], current: dict[str, Any]) -> bool:
    """Return whether the access tier of `incoming` reaches no one `current`'s does not."""
    from hrcities.access.tiers import Access, AfterEmbargo

    new, now = incoming.get("access"), current.get("access")
    if now == Access.PUBLIC:
        return True
    if new == Access.PUBLIC:
        return False
    if now == Access.NETWORK:
        # Named readers are signed-in members; an embargo may end in public view.
        return new != Access.EMBARGOED or incoming.get("after_embargo") == AfterEmbargo.NETWORK
    if now == Access.RESTRICTED:
        return (
            new == Access.RESTRICTED
            and set(incoming.get("allowed_users") or []) <= set(current.get("allowed_users") or [])
            and set(incoming.get("allowed_organisations") or [])
            <= set(current.get("allowed_organisations") or [])
        )
    if now == Access.EMBARGOED:
        until_new, until_now = (
            _day(incoming.get("embargo_until")),
            _day(current.get("embargo_until")),
        )
        return (
            new == Access.EMBARGOED
            and until_new is not None
            and (until_now is None or until_new >= until_now)
            and (
                incoming.get("after_embargo") == current.get("after_embargo")
                or incoming.get("after_embargo") == AfterEmbargo.NETWORK
            )
        )
    return False


class Audience(Rule):
    """Publication and access tier: who may read a record that is not withdrawn."""

    fields = AUDIENCE_FIELDS

    def opens(self, current: dict[str, Any], incoming: dict[str, Any]) -> bool:
        from hrcities.access.tiers import Access, Publication

        was_published = current.get("publication") == Publication.PUBLISHED
        is_published = incoming.get("publication") == Publication.PUBLISHED
        if is_published and not was_published:
            return True  # publishing is its own action, with its consent check
        if was_published and not is_published:
            # A draft (or submitted record) is read by its owner's contributors, who are
            # signed-in members: within a published public or network record's audience.
            if current.get("access") not in (Access.PUBLIC, Access.NETWORK):
                return True
        # A draft's tier is what publishing it will open, so it is kept as strictly.
        return not _tier_within(incoming, current)


ACCESS_CONTROLLED = (Flag("is_withdrawn", protects=True), Audience())
ITEM = (*ACCESS_CONTROLLED, Hidden("restricted_fields"))
PERSON = (Flag("real_name_may_be_shown", protects=False),)
