"""What the education services share: who may do what, the checks on what a programme
links to, and the removal of stored files once a deletion is kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.access.keepers import can_change, can_contribute, can_review
from hrcities.access.tiers import Access
from hrcities.archive.models import Item
from hrcities.commitments.models import Action
from hrcities.indicators.models import Indicator

from ..models import Method, Programme

# What only the keepers (editors, reviewers) of the owner decide; contributors leave them.
REVIEWER_FIELDS = (
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)
# Publication, withdrawal and archiving have their own verbs; no edit body sets them.
STATE_FIELDS = ("publication", "is_withdrawn", "archived_on", "is_demo")
LINK_FIELDS = (
    "provider_cities",
    "provider_organisations",
    "audiences",
    "target_groups",
    "methods",
    "items",
    "actions",
    "indicators",
)


# --- who may do what ----------------------------------------------------------------


def require_change(user: Any, programme: Programme) -> None:
    if not can_change(user, programme):
        raise PermissionDenied(
            _("You may not change “%(programme)s”: it is kept by %(owner)s.")
            % {"programme": programme, "owner": programme.owner}
        )


def require_contribute(user: Any, *, city: Any = None, organisation: Any = None) -> None:
    if city is None and organisation is None:
        raise ValidationError({"city": _("Choose the city or the organisation that keeps it.")})
    if not can_contribute(user, city=city, organisation=organisation):
        raise PermissionDenied(
            _("You may not add programmes for %(owner)s.") % {"owner": city or organisation}
        )


def may_record_sessions(user: Any, programme: Programme) -> bool:
    """Return whether the user may add, change or delete the programme's sessions and
    materials: its keepers, and the contributors of its owner."""
    city, organisation = programme.scope()
    return can_review(user, programme) or can_contribute(user, city=city, organisation=organisation)


def _require_record_sessions(user: Any, programme: Programme) -> None:
    if not may_record_sessions(user, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s record how “%(programme)s” ran.")
            % {"owner": programme.owner, "programme": programme}
        )


def _refuse_reviewer_fields(user: Any, values: dict[str, Any], record: Any) -> None:
    if can_review(user, record):
        return
    decided = [
        name
        for name in REVIEWER_FIELDS
        if name in values and values[name] not in (None, "", [], Access.PUBLIC, "public")
    ]
    if decided:
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s decide %(fields)s.")
            % {"owner": record.owner, "fields": ", ".join(sorted(decided))}
        )
    for name in REVIEWER_FIELDS:
        values.pop(name, None)


class _Owner:
    """The owner chosen for a new record, asked about like a record."""

    def __init__(self, city: Any, organisation: Any) -> None:
        self.city, self.organisation = city, organisation

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


# --- checks on what a programme links to ----------------------------------------------


@dataclass(frozen=True)
class Linked:
    """A kind of record a programme links to: who may link which, and what a refusal says."""

    model: type
    unseen: Any  # the message for ids the user may not see, with %(ids)s

    def visible_to(self, user: Any) -> QuerySet:
        visible = getattr(self.model.objects, "visible_to", None)
        # Commitments' actions are public records: every action may be linked.
        return visible(user) if visible is not None else self.model.objects.all()


LINKED = {
    "items": Linked(Item, gettext_lazy("No archive record you may see has the id %(ids)s.")),
    "actions": Linked(Action, gettext_lazy("No action of a commitment has the id %(ids)s.")),
    "indicators": Linked(Indicator, gettext_lazy("No indicator you may see has the id %(ids)s.")),
}


def visible_links(name: str, user: Any) -> QuerySet:
    """Return the records of one link field (items, actions, indicators) `user` may link."""
    return LINKED[name].visible_to(user)


def _keep_unseen_links(user: Any, programme: Programme, changes: dict[str, Any]) -> None:
    """Keep the links an editor cannot see: an edit sets only what its author was shown."""
    for name in LINKED:
        if name in changes:
            hidden = getattr(programme, name).exclude(pk__in=visible_links(name, user))
            given = list(changes[name] or [])
            changes[name] = given + [r for r in hidden if r.pk not in {g.pk for g in given}]


def _check_links(user: Any, values: dict[str, Any], city: Any) -> None:
    """Refuse links to records the user may not see, and another city's own methods."""
    errors: dict[str, list[str]] = {}
    source = values.get("adapted_from")
    if source is not None and not Programme.objects.visible_to(user).filter(pk=source.pk).exists():
        errors["adapted_from"] = [
            _("No programme you may see has the id %(id)s.") % {"id": source.pk}
        ]
    for name, linked in LINKED.items():
        unseen = _unseen(linked.visible_to(user), values.get(name))
        if unseen:
            errors[name] = [str(linked.unseen) % {"ids": ", ".join(unseen)}]
    methods = list(values.get("methods") or [])
    allowed = set(Method.objects.for_city(city).values_list("pk", flat=True))
    foreign = [str(m) for m in methods if m.pk not in allowed]
    if foreign:
        errors["methods"] = [
            _("These methods belong to another city: %(names)s.") % {"names": ", ".join(foreign)}
        ]
    if errors:
        raise ValidationError(errors)


def _unseen(visible: Any, records: Any) -> list[str]:
    """Return the ids of `records` that are not among `visible`."""
    records = list(records or [])
    if not records:
        return []
    seen = set(visible.filter(pk__in=[r.pk for r in records]).values_list("pk", flat=True))
    return [str(r.pk) for r in records if r.pk not in seen]


def _check_lineage(programme: Programme, source: Programme | None) -> None:
    """Refuse an "adapted from" that would make the lineage a loop."""
    if source is None or programme.pk is None:
        return
    if source.pk == programme.pk or programme.pk in {p.pk for p in source.lineage()}:
        raise ValidationError(
            {
                "adapted_from": _(
                    "“%(source)s” was itself adapted from this programme; a lineage cannot loop."
                )
                % {"source": source}
            }
        )


def unique_slug(titles: dict[str, str], *, exclude: int | None = None) -> str:
    """Return a slug for a programme from its English (or any Latin) title."""
    text = titles.get("en") or next((t for t in titles.values() if t), "")
    base = slugify(text)[:100].strip("-") or "programme"
    taken = Programme.objects.filter(slug__startswith=base)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    used = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _delete_files_on_commit(materials: Any) -> None:
    """Remove the stored files once the deletion is kept (a rollback keeps them)."""
    for material in materials:
        if material.file:
            name, storage = material.file.name, material.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
