"""What an item's keepers are shown of what the public cannot see.

Keepers read every field and every word; the item's page marks, for them only, what
everyone else is not shown: the hidden fields (the narrator's real name, the exact
place, the contact details) and the withheld words (redactions, and the real names cut
from the texts). The marks are computed from the item as the public receives it
(`present_item` for an anonymous reader), so they say exactly what that channel cuts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from .models import Consent, Item
from .presenting import ItemView, person_name, present_item, withheld_spans

LINE_BREAKS = re.compile(r"(\n{2,}|\n)")


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Return the text in pieces, each marked as withheld from readers or not."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def marked_html(text: str, phrases: list[str], *, paragraphs: bool = True) -> SafeString:
    """Return the text as HTML (paragraphs and line breaks, like `linebreaks`), each
    passage holding one of the phrases in a mark that says, to every reader of the page,
    that the public does not see it."""
    label = escape(_("hidden from the public:"))
    html: list[str] = []
    text = normalize_newlines(text or "")
    for piece, hidden in marked(text, withheld_spans(text, phrases)):
        for chunk in LINE_BREAKS.split(piece):
            if chunk.startswith("\n"):
                html.append("</p>\n\n<p>" if paragraphs and len(chunk) > 1 else "<br>")
            elif chunk and hidden:
                html.append(
                    f'<mark class="redacted"><span class="visually-hidden">{label} </span>'
                    f"{escape(chunk)}</mark>"
                )
            elif chunk:
                html.append(escape(chunk))
    body = "".join(html)
    return mark_safe(f"<p>{body}</p>" if paragraphs and body else body)


@dataclass
class KeeperMarks:
    """What the public does not see of one item, for the item's keepers."""

    hidden_fields: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)
    # The name the public reads for each person whose real name it does not (by person id).
    public_names: dict[int, str] = field(default_factory=dict)

    def marks_anything(self, item: Item) -> bool:
        """Whether the item's page marks something for its keepers (a hidden field that
        holds something, a withheld word or name)."""
        filled = [name for name in self.hidden_fields if getattr(item, name, "")]
        return bool(filled or self.phrases or self.public_names)


def keeper_marks(item: Item, view: ItemView) -> KeeperMarks:
    """Return what to mark for this reader: nothing unless they keep the item."""
    if not view.is_manager:
        return KeeperMarks()
    public_reader = AnonymousUser()
    public = present_item(item, public_reader, on_item_page=True)
    people = [item.narrator] if item.narrator_id else []
    people += [role.person for role in item.person_roles.all()]
    narrator_hidden = "narrator_name" in public.hidden_fields
    public_names = {}
    for person in people:
        if person is None or not person.real_name:
            continue
        hidden = narrator_hidden and person.pk == item.narrator_id
        shown = person_name(person, public_reader, hidden=hidden)
        if shown != person.real_name:
            public_names[person.pk] = shown
    return KeeperMarks(
        hidden_fields=set(public.hidden_fields),
        phrases=public.withheld_phrases,
        public_names=public_names,
    )


def consent_summary(item: Item, user: Any) -> dict[str, Any]:
    """Return what the item's keepers are told of its consent on the item's page."""
    labels = dict(Consent.Scope.choices)
    scopes = item.consented_scopes()
    current = [
        {
            "consent": consent,
            "name": person_name(consent.person, user),
            "scopes": [str(labels.get(scope, scope)) for scope in consent.scopes],
        }
        for consent in item.consents.current().select_related("person").order_by("given_on", "pk")
    ]
    return {
        "has_consent": scopes is not None,
        "agreed": [str(label) for value, label in Consent.Scope.choices if value in (scopes or ())],
        # "Research use only" narrows; it is not something one fails to agree to.
        "not_agreed": [
            str(label)
            for value, label in Consent.Scope.choices
            if value not in (scopes or ()) and value != Consent.Scope.RESEARCH
        ],
        "due": item.consent_due,
        "current": current,
    }
