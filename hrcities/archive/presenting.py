"""What a reader receives of an archive record: the one place that drops hidden fields
and cuts redacted spans, so every channel (page, API, JSON-LD, CSV, OAI-PMH, PDF) sends
the same, and never more than the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hrcities.accounts.permissions import REVIEW_ROLES, is_network_admin
from hrcities.core.models import pick_translation

from .models import Item, Person, Redaction

REDACTED = "[…]"


def _kept_scopes(user: Any) -> frozenset[tuple[str, int]] | None:
    """Return the cities and organisations the user keeps records of (None: everything).

    Read once per user object, so lists of many records cost no query per record.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_archive_kept_scopes", False)
    if cached is not False:
        return cached
    if is_network_admin(user):
        scopes = None
    else:
        scopes = frozenset(
            ("city", city_id) if city_id else ("organisation", organisation_id)
            for city_id, organisation_id in user.roles.filter(role__in=REVIEW_ROLES).values_list(
                "city_id", "organisation_id"
            )
        )
    user._archive_kept_scopes = scopes
    return scopes


def manages(user: Any, record: Any) -> bool:
    """Return whether the user keeps this record (admin, or its owner's editor or reviewer)."""
    scopes = _kept_scopes(user)
    if scopes is None:
        return True
    return ("city", record.city_id) in scopes or ("organisation", record.organisation_id) in scopes


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
    """Return the name a reader may see: the real name only where allowed everywhere.

    An item that hides its narrator's name hides it on every other page too; otherwise
    the pseudonym on that item could be matched with the real name elsewhere.
    """
    if person is None:
        return ""
    if not person.real_name:
        return person.pseudonym
    if manages(user, person):
        return person.real_name
    if (
        hidden
        or not person.real_name_may_be_shown
        or _narrator_name_hidden_anywhere(person, user)
        or _linked_without_the_name(person)
    ):
        return person.pseudonym
    return person.real_name


def _narrator_name_hidden_anywhere(person: Person, user: Any) -> bool:
    return any(
        "narrator_name" in (item.restricted_fields or []) and not manages(user, item)
        for item in person.narrated_items.only("restricted_fields", "city_id", "organisation_id")
    )


def _linked_without_the_name(person: Person) -> bool:
    # A link whose record may not show the real name hides it from everyone but the
    # person's keepers, on every page: one person has one page, so the pseudonym on one
    # record and the real name on another would be matched at once.
    return person.roles.filter(real_name_shown=False).exists()


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
    withheld_phrases: list[str] = field(default_factory=list)

    def cut_phrases(self, text: str) -> str:
        """Cut every withheld phrase from another text of the item (a file's transcript)."""
        spans = []
        for phrase in self.withheld_phrases:
            position = text.find(phrase)
            while position != -1:
                spans.append((position, position + len(phrase)))
                position = text.find(phrase, position + len(phrase))
        return cut(text, spans)

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
    # Words withheld anywhere in the item are withheld in its files' transcripts too, and
    # so is a hidden narrator's real name wherever it is written.
    phrases: list[str] = []
    if not is_manager:
        texts = {("transcript", ""): item.transcript}
        texts.update({("description", k): v for k, v in (item.descriptions or {}).items()})
        for redaction in redactions:
            words = texts.get((redaction.field, redaction.language), "")[
                redaction.start : redaction.end
            ]
            if words.strip() and words not in phrases:
                phrases.append(words)
        if narrator_hidden and item.narrator and item.narrator.real_name:
            phrases.append(item.narrator.real_name)
    view = ItemView(
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
        withheld_phrases=phrases,
    )
    if narrator_hidden and item.narrator and item.narrator.real_name:
        name_only = ItemView(
            item, {}, {}, "", "", "", "", False, withheld_phrases=[item.narrator.real_name]
        )
        view.descriptions = {k: name_only.cut_phrases(v) for k, v in view.descriptions.items()}
        view.transcript = name_only.cut_phrases(view.transcript)
    return view


def hidden_field_note(view: ItemView) -> str:
    if not view.hidden_fields and not view.redaction_count:
        return ""
    return _("Some details of this record are withheld to protect the people in it.")
