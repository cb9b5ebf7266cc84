"""Network admins keep declarations after they are read in: their details, a promise's
title, addressees and weight, a clause's wording, and deleting one nothing acts on.

Every change is a revision (restorable) and an audit line; the pages and the API call
these same verbs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.dependants import refuse_deletion
from hrcities.core.services import delete_record, update_record

from .models import Action, Clause, Commitment, Declaration
from .translating import delete_translation

DECLARATION_FIELDS = {
    "title",
    "subtitle",
    "forum_edition",
    "start_date",
    "end_date",
    "place",
    "language",
}
COMMITMENT_FIELDS = {"title", "addressees", "weight"}


def _only(changes: dict[str, Any], allowed: set[str]) -> None:
    fixed = sorted(set(changes) - allowed)
    if fixed:
        raise ValidationError({name: _("This is not changed here.") for name in fixed})


def update_declaration(
    declaration: Declaration, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Declaration:
    """Change a declaration's details (network admins)."""
    require_network_admin(by)
    _only(changes, DECLARATION_FIELDS)
    start, end = (
        changes.get("start_date", declaration.start_date),
        changes.get("end_date", declaration.end_date),
    )
    if start and end and end < start:
        raise ValidationError({"end_date": _("The last day comes before the first day.")})
    return update_record(declaration, changes, by=by, based_on_version=based_on_version)


def update_commitment(
    commitment: Commitment, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Commitment:
    """Change a promise's short title, addressees or weight (network admins)."""
    require_network_admin(by)
    _only(changes, COMMITMENT_FIELDS)
    if "addressees" in changes:
        changes = {**changes, "addressees": [str(a) for a in changes["addressees"] or []]}
    return update_record(commitment, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def correct_clause(clause: Clause, text: str, *, by: Any, based_on_version: int | None) -> Clause:
    """Correct the wording of a clause; a promise read from it takes the same wording."""
    require_network_admin(by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("A clause needs its text.")})
    before = clause.text
    clause = update_record(clause, {"text": text}, by=by, based_on_version=based_on_version)
    commitment = Commitment.objects.filter(clause=clause).first()
    if commitment is not None and commitment.text == before:
        update_record(commitment, {"text": text}, by=by, based_on_version=None)
    return clause


def declaration_dependants(declaration: Declaration) -> list[str]:
    """What stops the declaration's deletion: actions answering its promises."""
    count = Action.objects.filter(commitment__declaration=declaration).count()
    if not count:
        return []
    return [
        ngettext(
            "%(n)s action answers its promises; delete or move it first.",
            "%(n)s actions answer its promises; delete or move them first.",
            count,
        )
        % {"n": count}
    ]


@transaction.atomic
def delete_declaration(declaration: Declaration, *, by: Any) -> None:
    """Delete a declaration no action answers, with its clauses, promises, endorsements and
    translations (each kept in the revisions)."""
    require_network_admin(by)
    refuse_deletion(declaration, declaration_dependants(declaration))
    for translation in declaration.translations.all():
        delete_translation(translation, by=by)
    for commitment in declaration.commitments.all():
        for endorsement in commitment.endorsements.all():
            delete_record(endorsement, by=by)
        delete_record(commitment, by=by)
    for clause in declaration.clauses.all():
        delete_record(clause, by=by)
    delete_record(declaration, by=by)
