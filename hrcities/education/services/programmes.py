"""Programmes and their adaptations: adding, changing, publication, archiving, deletion."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.access.keepers import require_review
from hrcities.access.tiers import Publication
from hrcities.archive.models import Item
from hrcities.archive.services import publish, return_to_draft, submit_for_review
from hrcities.core.models import AuditEntry
from hrcities.core.services import audit, create_record, delete_record, update_record

from ..models import AdaptationKind, Licence, Material, Programme
from .common import (
    STATE_FIELDS,
    _check_lineage,
    _check_links,
    _delete_files_on_commit,
    _keep_unseen_links,
    _Owner,
    _refuse_reviewer_fields,
    require_change,
    require_contribute,
    unique_slug,
)

# --- programmes -----------------------------------------------------------------------


@transaction.atomic
def create_programme(*, by: Any, **values: Any) -> Programme:
    """Create a programme as a draft of its city or organisation, with its links."""
    city, organisation = values.get("city"), values.get("organisation")
    require_contribute(by, city=city, organisation=organisation)
    for name in STATE_FIELDS:
        if name in values and name != "is_demo":
            values.pop(name)
    _refuse_reviewer_fields(by, values, _Owner(city, organisation))
    _check_links(by, values, city)
    values.setdefault("slug", unique_slug(values.get("titles") or {}))
    values["publication"] = Publication.DRAFT
    return create_record(Programme, by=by, **values)


@transaction.atomic
def update_programme(
    programme: Programme, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Programme:
    """Change a programme and its links; contributors change drafts only.

    The owner, publication and archiving are not changed here: submit, publish and
    archive are verbs of their own, and a programme stays with the city that made it.
    """
    require_change(by, programme)
    changes = dict(changes)
    for name in ("city", "organisation", *STATE_FIELDS):
        if name in changes and changes[name] != getattr(programme, name):
            raise PermissionDenied(
                _("“%(field)s” is not changed by an edit.") % {"field": name.replace("_", " ")}
            )
        changes.pop(name, None)
    _refuse_reviewer_fields(by, changes, programme)
    _check_links(by, changes, programme.city)
    _keep_unseen_links(by, programme, changes)
    if "adapted_from" in changes:
        _check_lineage(programme, changes["adapted_from"])
    return update_record(programme, changes, by=by, based_on_version=based_on_version)


# Publication is the same for every kept record: the archive's verbs serve here too.
submit_programme = submit_for_review
return_programme = return_to_draft


@transaction.atomic
def publish_programme(programme: Programme, *, by: Any) -> Programme:
    """Publish a programme; its access tier still decides who reads it."""
    return publish(programme, by=by)


@transaction.atomic
def archive_programme(programme: Programme, *, by: Any, on: date | None = None) -> Programme:
    """Mark a programme as no longer run; it stays readable as a record, with its sessions."""
    require_review(by, programme)
    if programme.archived_on:
        return programme
    return update_record(
        programme,
        {"archived_on": on or timezone.localdate()},
        by=by,
        based_on_version=None,
    )


@transaction.atomic
def unarchive_programme(programme: Programme, *, by: Any) -> Programme:
    """Run an archived programme again."""
    require_review(by, programme)
    return update_record(programme, {"archived_on": None}, by=by, based_on_version=None)


@transaction.atomic
def delete_programme(programme: Programme, *, by: Any) -> None:
    """Delete a programme that was never published, with its sessions and materials.

    A published programme may have been read, adapted or counted in a report: it is
    archived instead, so that the network keeps its memory.
    """
    require_review(by, programme)
    if programme.publication == Publication.PUBLISHED:
        raise ValidationError(
            _("“%(p)s” is published: archive it instead of deleting it.") % {"p": programme}
        )
    _delete_files_on_commit(programme.materials.all())
    for session in programme.sessions.all():
        delete_record(session, by=by)
    delete_record(programme, by=by)


# --- adaptations ----------------------------------------------------------------------

# What an adaptation takes from its source unless the form says otherwise.
COPIED_FIELDS = (
    "titles",
    "summaries",
    "original_language",
    "languages",
    "format",
    "duration_hours",
    "duration_text",
    "outcomes",
    "contact",
)
COPIED_LINKS = ("audiences", "target_groups", "methods", "items")
# Licences under which a linked material may be listed again by whoever adapts.
SHAREABLE_LICENCES = {
    Licence.CC_BY,
    Licence.CC_BY_SA,
    Licence.CC_BY_NC,
    Licence.CC_BY_NC_SA,
    Licence.CC0,
}


def adaptation_initial(source: Programme, user: Any, city: Any) -> dict[str, Any]:
    """Return what an adaptation of `source` by `user` for `city` starts with."""
    values: dict[str, Any] = {name: getattr(source, name) for name in COPIED_FIELDS}
    values["audiences"] = list(source.audiences.all())
    values["target_groups"] = list(source.target_groups.all())
    values["methods"] = list(source.methods.for_city(city))
    values["items"] = list(source.items.all() & Item.objects.visible_to(user))
    return values


def detected_changes(source: Programme, values: dict[str, Any]) -> set[str]:
    """Return the kinds of change an adaptation shows against its source."""
    kinds = set()
    if (
        sorted(values.get("languages") or []) != sorted(source.languages or [])
        or values.get("original_language", source.original_language) != source.original_language
    ):
        kinds.add(AdaptationKind.LANGUAGE)
    if "audiences" in values and {a.pk for a in values["audiences"]} != set(
        source.audiences.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.AUDIENCE)
    if "methods" in values and {m.pk for m in values["methods"]} != set(
        source.methods.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.METHOD)
    if values.get("duration_hours", source.duration_hours) != source.duration_hours:
        kinds.add(AdaptationKind.LENGTH)
    if "items" in values and {i.pk for i in values["items"]} - set(
        source.items.values_list("pk", flat=True)
    ):
        kinds.add(AdaptationKind.LOCAL_HISTORY)
    return {str(kind) for kind in kinds}


@transaction.atomic
def adapt_programme(
    source: Programme,
    *,
    by: Any,
    city: Any = None,
    organisation: Any = None,
    **values: Any,
) -> Programme:
    """Create a programme of `city` (or `organisation`) adapted from one the user may see.

    The adaptation starts from the source's text, audiences, groups, methods the new
    owner may use and archive records the user may see; `values` says what differs.
    What changed is recorded: the kinds given, and those the values show (language,
    audience, method, length, local history). Links to materials under an open licence
    are listed again; files stay with their source, and sessions are never copied.
    """
    if not Programme.objects.visible_to(by).filter(pk=source.pk).exists():
        raise ValidationError(
            {"adapted_from": _("No programme you may see has the id %(id)s.") % {"id": source.pk}}
        )
    require_contribute(by, city=city, organisation=organisation)
    given = adaptation_initial(source, by, city)
    given.update(values)
    kinds = set(given.pop("adaptation_kinds", None) or []) | detected_changes(source, given)
    adaptation = create_programme(
        by=by,
        city=city,
        organisation=organisation,
        adapted_from=source,
        adaptation_kinds=sorted(kinds),
        **given,
    )
    for material in source.materials.filter(
        session__isnull=True, file="", licence__in=SHAREABLE_LICENCES
    ):
        Material.objects.create(
            programme=adaptation,
            titles=material.titles,
            url=material.url,
            language=material.language,
            licence=material.licence,
            licence_note=material.licence_note,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
    audit(
        AuditEntry.Action.RECORD_UPDATED,
        by=by,
        target=adaptation,
        details={"adapted_from": source.pk, "changed": sorted(kinds)},
    )
    return adaptation
