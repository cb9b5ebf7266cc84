"""Choosing the records a programme links to without typing their ids and without
JavaScript: the linked records are boxes to tick (untick to unlink), and a finder beside
them adds boxes for the records whose title matches what was typed.

Only records the editor may see are ever offered or accepted (each kind's `visible_to`,
the one rule), so an id of another city's restricted record is refused as unknown and
its title is never shown. The finder is a submit button of the programme's own form: the
page comes back with everything typed so far and the matches added, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from hrcities.search.services import Filters, search

from ..services.common import LINKED, visible_links

# At most this many matches are offered at a time; a narrower query finds the rest.
OFFERED = 12
FIND = "find"  # the name of the finders' submit buttons


class PickerWidget(forms.CheckboxSelectMultiple):
    template_name = "education/widgets/picker.html"

    def __init__(self, *args: Any, finder_label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finder_label = finder_label
        self.note: Any = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            finder_name=f"{name}_find",
            finder_id=f"id_{name}_find",
            finder_label=self.finder_label,
            note=self.note,
            button_name=FIND,
        )
        return context


class RecordPicker(forms.ModelMultipleChoiceField):
    """Several records of one kind (items, actions, indicators) the editor may see."""

    def __init__(self, name: str, *, label: Any, finder_label: Any, **kwargs: Any) -> None:
        self.link = name
        model = LINKED[name].model
        super().__init__(
            queryset=model.objects.none(),
            required=False,
            label=label,
            widget=PickerWidget(finder_label=finder_label),
            **kwargs,
        )
        # Django names the refused id %(value)s or %(pk)s; read in the reader's language.
        unseen = LINKED[name].unseen
        self.error_messages["invalid_choice"] = _renamed(unseen, "%(value)s")
        self.error_messages["invalid_pk_value"] = _renamed(unseen, "%(pk)s")

    def offer(self, user: Any, *, chosen: list[Any], query: str, city: Any) -> None:
        """Accept what `user` may see; show the chosen records and what `query` finds
        (or, with no query, the newest of `city`)."""
        visible = visible_links(self.link, user)
        self.queryset = visible
        ids = [int(getattr(r, "pk", r)) for r in chosen if str(getattr(r, "pk", r)).isdigit()]
        shown = list(visible.filter(pk__in=ids))
        found, more = _found(self.link, visible, user, query.strip(), city)
        widget: PickerWidget = self.widget  # type: ignore[assignment]
        # The box comes back empty: with nothing typed in a finder, the next send saves.
        query = query.strip()
        if query and not found:
            widget.note = _("Nothing you may see matches “%(q)s”.") % {"q": query[:80]}
        elif query and more:
            widget.note = _(
                "The first %(n)s matches for “%(q)s” are added below: type more of the title "
                "to find the others."
            ) % {"n": OFFERED, "q": query[:80]}
        elif query:
            widget.note = _("Matches for “%(q)s” are added below: tick those to link.") % {
                "q": query[:80]
            }
        seen = {r.pk for r in shown}
        shown += [r for r in found if r.pk not in seen]
        widget.choices = [(str(r.pk), describe(r)) for r in shown]


def _text_renamed(message: Any, placeholder: str) -> str:
    return str(message).replace("%(ids)s", placeholder)


_renamed = lazy(_text_renamed, str)


def _found(
    name: str, visible: QuerySet, user: Any, query: str, city: Any
) -> tuple[list[Any], bool]:
    """Return up to OFFERED records matching `query` (a title, or an id as 12 or #12),
    and whether there were more."""
    if not query:
        if city is None or not hasattr(visible.model, "city"):
            return [], False
        newest = list(visible.filter(city=city).order_by("-pk")[: OFFERED + 1])
        return newest[:OFFERED], len(newest) > OFFERED
    number = query.removeprefix("#")
    if number.isdigit():
        return list(visible.filter(pk=int(number))), False
    kind = {"items": "item", "actions": "action", "indicators": "indicator"}[name]
    hits = search(
        user, query, filters=Filters(kind=[kind]), limit=OFFERED + 1, use_semantic=False
    ).hits
    ids = [hit.id for hit in hits]
    # The kind's own rule decides again: the index is derived, the records are not.
    records = visible.in_bulk(ids)
    found = [records[pk] for pk in ids if pk in records]
    return found[:OFFERED], len(found) > OFFERED


def describe(record: Any) -> str:
    """Return how a record is named in a picker: its title, its owner and its id."""
    owner = getattr(record, "owner", None) or getattr(record, "city", None)
    where = f" — {owner}" if owner else ""
    return f"{record}{where} (#{record.pk})"
