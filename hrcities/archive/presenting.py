"""What a reader receives of an archive record: the one place that drops hidden fields
and cuts redacted spans, so every channel (page, API, JSON-LD, CSV, OAI-PMH, PDF) sends
the same, and never more than the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hrcities.accounts.permissions import REVIEW_ROLES, has_scoped_role, is_network_admin
from hrcities.core.models import pick_translation

from .models import Item, Person, Redaction

REDACTED = "[…]"


def manages(user: Any, record: Any) -> bool:
    """Return whether the user keeps this record (admin, or its owner's editor or reviewer)."""
    if is_network_admin(user):
        return True
    city, organisation = record.scope()
    return has_scoped_role(user, REVIEW_ROLES, city=city, organisation=organisation)


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    """Return text with each span replaced by a marker; the hidden words never leave here."""
    if not text or not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces.append(text[position:start])
        pieces.append(REDACTED)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def person_name(person: Person | None, user: Any, *, hidden: bool = False) -> str:
    """Return the name a reader may see: the real name only where allowed."""
    if person is None:
        return ""
    if not hidden and person.real_name and (person.real_name_may_be_shown or manages(user, person)):
        return person.real_name
    return person.pseudonym


@dataclass
class ItemView:
    """An item as one reader may see it."""

    item: Item
    titles: dict[str, str]
    descriptions: dict[str, str]
    transcript: str
    narrator: str
    exact_location: str
    contact: str
    is_manager: bool
    hidden_fields: list[str] = field(default_factory=list)
    redaction_count: int = 0

    @property
    def title(self) -> str:
        return pick_translation(self.titles) or pick_translation(
            self.titles, self.item.original_language
        )

    @property
    def description(self) -> str:
        return pick_translation(self.descriptions) or pick_translation(
            self.descriptions, self.item.original_language
        )

    @property
    def pk(self) -> int:
        return self.item.pk

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()


def present_item(item: Item, user: Any, *, redactions: list[Redaction] | None = None) -> ItemView:
    """Return the item with what this reader may not see removed (assumes it is visible)."""
    is_manager = manages(user, item)
    if redactions is None:
        redactions = list(item.redactions.all())
    restricted = set(item.restricted_fields or [])
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    if not is_manager:
        for redaction in redactions:
            spans.setdefault((redaction.field, redaction.language), []).append(
                (redaction.start, redaction.end)
            )
    descriptions = {
        language: cut(text, spans.get(("description", language), []))
        for language, text in (item.descriptions or {}).items()
    }
    hidden = [] if is_manager else sorted(restricted)
    narrator_hidden = "narrator_name" in restricted and not is_manager
    return ItemView(
        item=item,
        titles=dict(item.titles or {}),
        descriptions=descriptions,
        transcript=cut(item.transcript, spans.get(("transcript", ""), [])),
        narrator=person_name(item.narrator, user, hidden=narrator_hidden),
        exact_location=""
        if ("exact_location" in restricted and not is_manager)
        else item.exact_location,
        contact="" if ("contact" in restricted and not is_manager) else item.contact,
        is_manager=is_manager,
        hidden_fields=hidden,
        redaction_count=sum(len(v) for v in spans.values()),
    )


def hidden_field_note(view: ItemView) -> str:
    if not view.hidden_fields and not view.redaction_count:
        return ""
    return _("Some details of this record are withheld to protect the people in it.")
