"""What a reader receives of an archive record: the one place that drops hidden fields
and cuts withheld words and names, so every channel (page, API, JSON-LD, CSV, OAI-PMH, PDF) sends
the same, and never more than the reader may see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.lookups import IContains
from django.utils.translation import gettext as _

from hrcities.access.keepers import keeps, kept_scopes
from hrcities.core.models import pick_translation

from .models import Item, Person, Redaction

REDACTED = "[…]"


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
    if keeps(user, person):
        return person.real_name
    if (
        hidden
        or not person.real_name_may_be_shown
        or _name_hidden_anywhere(person, user)
        or _linked_without_the_name(person)
    ):
        return person.pseudonym
    return person.real_name


def _name_hidden_anywhere(person: Person, user: Any) -> bool:
    """Whether an item the reader does not keep hides this person's real name: one that
    hides its narrator's name, or whose consent (of the narrator or of this person) does
    not agree to the real name."""
    items = (
        Item.objects.filter(Q(narrator=person) | Q(consents__person=person, is_name_withheld=True))
        .distinct()
        .only("restricted_fields", "is_name_withheld", "narrator_id", "city_id", "organisation_id")
    )
    return any(
        (
            item.is_name_withheld
            or (item.narrator_id == person.pk and "narrator_name" in (item.restricted_fields or []))
        )
        and not keeps(user, item)
        for item in items
    )


def _linked_without_the_name(person: Person) -> bool:
    # A link whose record may not show the real name hides it from everyone but the
    # person's keepers, on every page: one person has one page, so the pseudonym on one
    # record and the real name on another would be matched at once.
    return person.roles.filter(real_name_shown=False).exists()


def withheld_spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Return where any of the phrases stands in text.

    Matched as words: any run of spaces or line breaks between them, any case, so that
    an edit that rewraps a line or capitalises a name withholds it all the same.
    """
    spans: list[tuple[int, int]] = []
    if not text:
        return spans
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
        spans.extend(match.span() for match in pattern.finditer(text))
    return spans


def item_texts(item: Item) -> list[str]:
    """Return every text of an item and its files that a reader may be shown."""
    texts = [*(item.titles or {}).values(), *(item.descriptions or {}).values()]
    texts += [item.transcript, item.exact_location, item.contact, item.rights]
    for media in item.media.all():
        texts += [media.transcript, media.original_name]
    return [text for text in texts if text]


def places_in(item: Item, phrase: str) -> int:
    """Return how many places in the item and its files hold the phrase."""
    return sum(len(withheld_spans(text, [phrase])) for text in item_texts(item))


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
    rights: str = ""
    # The narrator did not agree to be quoted, and this channel is not the item's page:
    # the transcripts (the item's and its files') are left out for this reader.
    is_quote_withheld: bool = False
    # For its keepers: what the consent hides from everyone else.
    consent_hides_name: bool = False
    consent_forbids_quotes: bool = False

    def cut_phrases(self, text: str) -> str:
        """Cut every withheld phrase from another text of the item (a file's name)."""
        return cut(text, withheld_spans(text, self.withheld_phrases))

    def file_transcript(self, media: Any) -> str:
        """Return a file's transcript as this reader may read it on this channel."""
        return "" if self.is_quote_withheld else self.cut_phrases(media.transcript)

    def file_name(self, media: Any) -> str:
        """Return a file's name as this reader may read it."""
        return self.cut_phrases(media.original_name)

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


def withheld_names(item: Item, user: Any, *, narrator_hidden: bool) -> list[str]:
    """Return the real names of the item's people that this reader may not read.

    A name that is withheld is withheld in every text of the item too (its title, its
    description, a transcript), not only where the person is named.
    """
    people = [item.narrator] if item.narrator_id else []
    people += [role.person for role in item.person_roles.all()]
    names: list[str] = []
    for person in people:
        if person is None or not person.real_name or person.real_name in names:
            continue
        hidden = narrator_hidden and person.pk == item.narrator_id
        if person_name(person, user, hidden=hidden) != person.real_name:
            names.append(person.real_name)
    return names


def present_item(
    item: Item,
    user: Any,
    *,
    redactions: list[Redaction] | None = None,
    on_item_page: bool = False,
) -> ItemView:
    """Return the item with what this reader may not see removed (assumes it is visible).

    The words of every redaction, and every real name the reader may not read, are cut
    wherever they stand in the item: titles, descriptions, transcript, the other
    fields shown and its files' transcripts and names (`ItemView.cut_phrases`).

    Without a consent to use the real name, the narrator's name is hidden as if the
    hidden-field setting said so, whatever it says. Without a consent to quote, the
    transcripts are read on the item's own page only (`on_item_page`): every other
    channel (lists, API, exports, harvests, print, PDF, search) gets none of their words.
    Keepers read everything everywhere.
    """
    is_manager = keeps(user, item)
    restricted = set(item.restricted_fields or [])
    if item.is_name_withheld:
        restricted.add("narrator_name")
    narrator_hidden = "narrator_name" in restricted and not is_manager
    quote_withheld = item.is_quote_withheld and not is_manager and not on_item_page
    phrases: list[str] = []
    if not is_manager:
        if redactions is None:
            redactions = list(item.redactions.all())
        phrases = [r.phrase for r in redactions if r.phrase.strip()]
        phrases += withheld_names(item, user, narrator_hidden=narrator_hidden)
    count = 0

    def withhold(text: str) -> str:
        nonlocal count
        spans = withheld_spans(text, phrases)
        count += len(spans)
        return cut(text, spans)

    def shown(name: str) -> str:
        return "" if name in restricted and not is_manager else withhold(getattr(item, name))

    view = ItemView(
        item=item,
        titles={language: withhold(text) for language, text in (item.titles or {}).items()},
        descriptions={
            language: withhold(text) for language, text in (item.descriptions or {}).items()
        },
        transcript="" if quote_withheld else withhold(item.transcript),
        narrator=person_name(item.narrator, user, hidden=narrator_hidden),
        exact_location=shown("exact_location"),
        contact=shown("contact"),
        rights=withhold(item.rights),
        is_manager=is_manager,
        hidden_fields=[] if is_manager else sorted(restricted),
        withheld_phrases=phrases,
        is_quote_withheld=quote_withheld,
        consent_hides_name=is_manager and item.is_name_withheld,
        consent_forbids_quotes=is_manager and item.is_quote_withheld,
    )
    view.redaction_count = count
    return view


def shown_title(record: Any, user: Any) -> str:
    """Return a record's title as this reader may read it (for messages that name it)."""
    return present_item(record, user).title if isinstance(record, Item) else str(record)


def filter_by_title(items: QuerySet[Item], q: str, user: Any, languages: list[str]) -> QuerySet:
    """Return the items with `q` in a title (in one of `languages`) as this reader reads it.

    The database finds the candidates by their stored titles. Those that withhold
    something (redacted words, a real name) are checked again on the titles the reader
    is shown, so that finding an item never tells that a withheld word is in its title.
    """
    match = Q()
    for code in languages:
        # The code is a key, never a lookup path: a stored code such as "x__in" (kept
        # before codes were checked) cannot turn into a lookup that fails the page.
        match |= Q(IContains(KeyTextTransform(code, "titles"), q))
    found = items.filter(match)
    if items.model is not Item or kept_scopes(user) is None:
        return found  # only items withhold words and names in their titles
    withholding = (
        Item.objects.filter(pk__in=found.values("pk"))
        .filter(
            Q(redactions__isnull=False)
            | Q(narrator__real_name__gt="")
            | Q(person_roles__person__real_name__gt="")
        )
        .distinct()
        .select_related("narrator")
        .prefetch_related("redactions", "person_roles__person")
    )
    wanted = q.casefold()
    hidden = [
        item.pk
        for item in withholding
        if not keeps(user, item)
        and not any(
            wanted in text.casefold()
            for code, text in present_item(item, user).titles.items()
            if code in languages
        )
    ]
    return found.exclude(pk__in=hidden) if hidden else found


def hidden_field_note(view: ItemView) -> str:
    if not view.hidden_fields and not view.redaction_count:
        return ""
    return _("Some details of this record are withheld to protect the people in it.")
