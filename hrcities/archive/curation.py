"""Writes of the archive's daily upkeep, so that keepers need no Django admin: deleting
collections, places and people (never while records depend on them), moving a
collection's items, and taking back a person's role, a relation or a redaction.

Creating and changing these records goes through `services.create_archive_record` and
`services.update_archive_record`, like items and events.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.access.keepers import can_change, require_review
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, delete_record, save_fields

from .models import Collection, Consent, Event, Item, Person, PersonRole, Place, Redaction, Relation
from .presenting import shown_title

# How many dependants a refusal names before it says "and N more".
NAMED = 5


def _titles(records: list[Any], by: Any) -> str:
    names = [f"“{shown_title(record, by)}”" for record in records[:NAMED]]
    if len(records) > NAMED:
        names.append(
            ngettext("and %(n)s more", "and %(n)s more", len(records) - NAMED)
            % {"n": len(records) - NAMED}
        )
    return ", ".join(names)


def dependants(items: Any, events: Any, by: Any) -> tuple[list[Item], list[Event], bool]:
    """Return the items and events of these querysets that `by` may see, and whether
    there are others (a refusal says they exist, never how many or what they are)."""
    seen_items = list(Item.objects.visible_to(by).filter(pk__in=items.values("pk")))
    seen_events = list(Event.objects.visible_to(by).filter(pk__in=events.values("pk")))
    hidden = (
        items.exclude(pk__in=[i.pk for i in seen_items]).exists()
        or events.exclude(pk__in=[e.pk for e in seen_events]).exists()
    )
    return seen_items, seen_events, hidden


def refuse_while_used(record: Any, items: Any, events: Any, by: Any, *, field: str) -> None:
    """Refuse to delete `record` while items or events name it, saying which."""
    seen_items, seen_events, hidden = dependants(items, events, by)
    if not (seen_items or seen_events or hidden):
        return
    parts = []
    if seen_items:
        parts.append(
            ngettext("%(n)s item: %(titles)s", "%(n)s items: %(titles)s", len(seen_items))
            % {"n": len(seen_items), "titles": _titles(seen_items, by)}
        )
    if seen_events:
        parts.append(
            ngettext("%(n)s event: %(titles)s", "%(n)s events: %(titles)s", len(seen_events))
            % {"n": len(seen_events), "titles": _titles(seen_events, by)}
        )
    if hidden:
        parts.append(_("records of other cities or organisations that you may not see"))
    raise ValidationError(
        {
            field: _("“%(record)s” is still used by %(what)s. Nothing was deleted.")
            % {"record": record, "what": "; ".join(parts)}
        }
    )


@transaction.atomic
def delete_collection(collection: Collection, *, by: Any, move_to: Collection | None = None) -> int:
    """Delete a collection, moving its items to `move_to` first; return how many moved.

    Without `move_to`, a collection that holds items is not deleted. Items are moved only
    by those who may change them, each keeping a revision of the move.
    """
    require_review(by, collection)
    items = Item.objects.filter(collection=collection)
    if move_to is None:
        refuse_while_used(collection, items, Event.objects.none(), by, field="move_to")
    else:
        if move_to.pk == collection.pk:
            raise ValidationError({"move_to": _("Choose another collection to move the items to.")})
        if not Collection.objects.visible_to(by).filter(pk=move_to.pk).exists():
            raise ValidationError({"move_to": _("There is no such record you may see.")})
        require_review(by, move_to)
        movable = list(items.select_related("city", "organisation"))
        refused = [item for item in movable if not can_change(by, item)]
        if refused:
            seen = list(Item.objects.visible_to(by).filter(pk__in=[i.pk for i in refused]))
            raise ValidationError(
                {
                    "move_to": _(
                        "You may not move some of its items (%(titles)s); their keepers "
                        "must move them. Nothing was deleted."
                    )
                    % {"titles": _titles(seen, by) if seen else _("kept by others")}
                }
            )
        for item in movable:
            save_fields(item, {"collection": move_to}, by=by)
    delete_record(collection, by=by)
    return len(movable) if move_to is not None else 0


def with_geonames(values: dict[str, Any]) -> dict[str, Any]:
    """Return a place's values with empty coordinates (and no title) taken from the
    GeoNames place chosen, if any."""
    geonames = values.get("geonames_place")
    if geonames is None:
        return values
    values = dict(values)
    if values.get("latitude") is None and values.get("longitude") is None:
        values["latitude"], values["longitude"] = geonames.latitude, geonames.longitude
    if "titles" in values and not values["titles"]:
        values["titles"] = {"en": geonames.name}
    return values


@transaction.atomic
def delete_place(place: Place, *, by: Any) -> None:
    """Delete a place no item or event names any more."""
    require_review(by, place)
    refuse_while_used(
        place,
        Item.objects.filter(place=place),
        Event.objects.filter(places=place),
        by,
        field="place",
    )
    delete_record(place, by=by)


@transaction.atomic
def delete_person(person: Person, *, by: Any) -> None:
    """Delete a person no record names, and for whom no consent is kept."""
    require_review(by, person)
    items = Item.objects.filter(Q(narrator=person) | Q(person_roles__person=person)).distinct()
    events = Event.objects.filter(person_roles__person=person).distinct()
    refuse_while_used(person, items, events, by, field="person")
    if Consent.objects.filter(person=person).exists():
        raise ValidationError(
            {
                "person": _(
                    "“%(person)s” gave consents the archive keeps as a record; the person "
                    "cannot be deleted. Nothing was deleted."
                )
                % {"person": person}
            }
        )
    delete_record(person, by=by)


@transaction.atomic
def unlink_person(link: PersonRole, *, by: Any) -> None:
    """Take back a person's role in an item or event (the record's reviewers)."""
    record = link.item or link.event
    require_review(by, record)
    details = {"role_removed": [link.person_id, link.role]}
    link.delete()
    audit(AuditEntry.Action.RECORD_UPDATED, by=by, target=record, details=details)


def relation_source(relation: Relation) -> Any:
    model = relation.source_type.model_class()
    return model._default_manager.filter(pk=relation.source_id).first() if model else None


@transaction.atomic
def unrelate(relation: Relation, *, by: Any) -> None:
    """Remove a relation between two records (the reviewers of its source, as `relate`)."""
    source = relation_source(relation)
    if source is None:
        raise PermissionDenied(_("You may not change this relation."))
    require_review(by, source)
    details = {"relation_removed": [relation.kind, relation.target_type.model, relation.target_id]}
    relation.delete()
    audit(AuditEntry.Action.RECORD_UPDATED, by=by, target=source, details=details)


@transaction.atomic
def remove_redaction(redaction: Redaction, *, by: Any) -> None:
    """Show withheld words to readers again: a loosening, by the item's reviewers, logged.

    The redaction's last state stays in its revisions, so it can be restored.
    """
    item = redaction.item
    require_review(by, item)
    pk = redaction.pk
    delete_record(redaction, by=by)
    audit(
        AuditEntry.Action.PROTECTION_LOOSENED,
        by=by,
        target=item,
        details={"redaction_removed": pk},
    )
