"""What the emergency services share: who may do what, the fields an edit leaves alone,
the checks on what a record links to, and removing stored files once a deletion is kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.access.keepers import can_change, can_contribute, can_review
from hrcities.access.tiers import Access
from hrcities.archive.models import Item
from hrcities.indicators.models import Indicator

from ..models import Measure, Review

# What only the keepers (editors, reviewers) of the owner decide; contributors leave them.
REVIEWER_FIELDS = (
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)
# Publication, withdrawal and the owner have verbs of their own; no edit body sets them.
FIXED_FIELDS = ("city", "organisation", "publication", "is_withdrawn", "is_demo")
# A measure's dates after it came into force move through `record_change`.
CHANGED_BY_CHANGES = ("sunset_on", "lifted_on")

# --- who may do what ----------------------------------------------------------------


class _Owner:
    """The city or organisation chosen for a new record, asked about like a record."""

    def __init__(self, city: Any, organisation: Any) -> None:
        self.city, self.organisation = city, organisation
        self.city_id = getattr(city, "pk", None)
        self.organisation_id = getattr(organisation, "pk", None)

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation


def require_contribute(user: Any, owner: _Owner, what: str) -> None:
    if (owner.city is None) == (owner.organisation is None):
        raise ValidationError(
            {"city": _("Choose the city or the organisation that keeps it, not both.")}
        )
    if not can_contribute(user, city=owner.city, organisation=owner.organisation):
        raise PermissionDenied(
            _("You may not add %(what)s for %(owner)s.") % {"what": what, "owner": owner.owner}
        )


def require_change(user: Any, record: Measure | Review) -> None:
    if not can_change(user, record):
        raise PermissionDenied(
            _(
                "You may not change “%(record)s”: it is kept by %(owner)s, and once it is "
                "submitted or published only their editors and reviewers change it."
            )
            % {"record": record, "owner": record.owner}
        )


def _refuse_reviewer_fields(user: Any, values: dict[str, Any], record: Any) -> None:
    """Refuse access settings from someone who may not decide them; drop empty ones."""
    if can_review(user, record):
        return
    decided = [
        name
        for name in REVIEWER_FIELDS
        if name in values and values[name] not in (None, "", [], Access.PUBLIC)
    ]
    if decided:
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s decide %(fields)s.")
            % {"owner": record.owner, "fields": ", ".join(sorted(decided))}
        )
    for name in REVIEWER_FIELDS:
        values.pop(name, None)


def _refuse_fixed(values: dict[str, Any], record: Any, names: tuple[str, ...]) -> None:
    for name in names:
        if name in values and values[name] != getattr(record, name):
            raise ValidationError(
                {name: _("“%(field)s” is not changed by an edit.") % {"field": name}}
            )
        values.pop(name, None)


def _check_links(user: Any, values: dict[str, Any]) -> None:
    """Refuse links to archive records or indicators the user may not see."""
    errors = {}
    for name, visible, message in (
        ("items", Item.objects.visible_to(user), _("No archive record you may see has the id %s.")),
        (
            "indicators",
            Indicator.objects.visible_to(user),
            _("No indicator you may see has the id %s."),
        ),
    ):
        given = list(values.get(name) or [])
        seen = set(visible.filter(pk__in=[r.pk for r in given]).values_list("pk", flat=True))
        unseen = [str(r.pk) for r in given if r.pk not in seen]
        if unseen:
            errors[name] = [message % ", ".join(unseen)]
    if errors:
        raise ValidationError(errors)


def _delete_files_on_commit(sources: Any) -> None:
    """Remove the stored files once the deletion is kept (a rollback keeps them)."""
    for source in sources:
        if source.file:
            name, storage = source.file.name, source.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
