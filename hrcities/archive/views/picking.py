"""Choosing a record by words of its title, without JavaScript: only records the user
may see are ever found or accepted, and items are named as this user reads them."""

from __future__ import annotations

from typing import Any

from hrcities.access.keepers import kept_filter

from ..models import Event, Item, Place
from ..presenting import present_item
from .common import _title_search

MATCHES = 20
PICKABLE = {"item": Item, "event": Event, "place": Place}


def pickable(user: Any, kind: str, *, kept_only: bool = False) -> Any:
    """Return the records of one kind the user may choose (their keepers' only, if asked)."""
    records = PICKABLE[kind].objects.visible_to(user)
    return records.filter(kept_filter(user)) if kept_only else records


def label(record: Any, user: Any) -> str:
    title = present_item(record, user).title if isinstance(record, Item) else record.title
    kind = record._meta.verbose_name
    owner = record.owner
    return f"{title} ({kind}, {owner})" if owner else f"{title} ({kind})"


def find_records(
    user: Any, q: str, kinds: tuple[str, ...], *, kept_only: bool = False
) -> list[tuple[str, str]]:
    """Return up to MATCHES (value, label) pairs of records with `q` in a title."""
    q = q.strip()
    if not q:
        return []
    found: list[tuple[str, str]] = []
    for kind in kinds:
        records = _title_search(pickable(user, kind, kept_only=kept_only), q, user)
        for record in records.select_related("city", "organisation").order_by("id")[:MATCHES]:
            found.append((f"{kind}:{record.pk}", label(record, user)))
    return found[:MATCHES]


def picked(user: Any, value: str, kinds: tuple[str, ...], *, kept_only: bool = False) -> Any:
    """Return the record a "kind:id" value names, if the user may choose it; else None."""
    kind, _sep, pk = (value or "").partition(":")
    if kind not in kinds or not pk.isdigit():
        return None
    return pickable(user, kind, kept_only=kept_only).filter(pk=int(pk)).first()


def choices(
    user: Any, data: Any, kinds: tuple[str, ...], *, kept_only: bool = False
) -> list[tuple[str, str]]:
    """Return the choices a pick form offers: the matches of its words, and the record
    already chosen (so that choosing one and saving needs no second search)."""
    matches = find_records(user, (data or {}).get("q", ""), kinds, kept_only=kept_only)
    chosen = (data or {}).get("target", "")
    record = picked(user, chosen, kinds, kept_only=kept_only)
    if record is not None and chosen not in dict(matches):
        matches.append((chosen, label(record, user)))
    return matches
