"""Revisions and the audit log over the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from hrcities.accounts.permissions import is_network_admin, require_edit, require_network_admin
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth
from hrcities.core.models import (
    AuditEntry,
    Revision,
    history_record,
    taggable_record,
    versioned_model,
)
from hrcities.core.services import restore_revision, revisions_for

# Operation ids are kept from when these endpoints lived in core, so clients keep them.
router = Router(tags=["records"])


class RevisionOut(Schema):
    id: int
    version: int
    action: str
    author: str | None
    created_at: datetime
    changes: dict[str, Any]
    data: dict[str, Any]

    @staticmethod
    def resolve_author(obj: Revision) -> str | None:
        return obj.author.get_username() if obj.author else None


class AuditOut(Schema):
    id: int
    created_at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    target_repr: str
    ip_address: str | None
    details: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: AuditEntry) -> str:
        return obj.actor_repr


@router.get(
    "/{label}/{object_id}/revisions",
    operation_id="hrcities_core_api_list_revisions",
    response=list[RevisionOut],
    auth=read_auth,
    summary="Revisions of a record, newest first",
)
@paginate(LimitOffset)
def list_revisions(request: HttpRequest, label: str, object_id: str) -> Any:
    user = api_user(request)
    # A deleted record's history stays readable to admins, who can restore it.
    record, _exists = history_record(
        versioned_model(label), object_id, user, reads_deleted=is_network_admin(user)
    )
    return revisions_for(record)


@router.post(
    "/revisions/{revision_id}/restore",
    operation_id="hrcities_core_api_restore",
    response=RevisionOut,
    auth=write_auth,
    summary="Restore a record to a kept revision",
)
def restore(request: HttpRequest, revision_id: int) -> Any:
    user = api_user(request)
    revision = get_object_or_404(Revision, pk=revision_id)
    model = revision.content_type.model_class()
    if model is None:
        raise Http404(_("No such record."))
    # Only a revision whose history the user may read is answered at all.
    current, exists = history_record(
        model, revision.object_id, user, reads_deleted=is_network_admin(user)
    )
    if exists:
        require_edit(user, current)
    else:
        require_network_admin(user)
    record = restore_revision(revision, by=user)
    return revisions_for(record).first()


@router.get(
    "/audit",
    response=list[AuditOut],
    auth=write_auth,
    summary="The audit log (network admins)",
    operation_id="hrcities_core_api_audit_log",
)
@paginate(LimitOffset)
def audit_log(request: HttpRequest, action: str | None = None) -> Any:
    require_network_admin(api_user(request))
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    return entries


class TagOut(Schema):
    label: str
    kind: str
    name: str
    url: str
    status: str
    score: float | None
    tagging_id: int | None


class TagsOut(Schema):
    accepted: list[TagOut]
    suggested: list[TagOut]


class DecisionOut(TagsOut):
    message: str
    # The suggestion decided: POST /tags/{undo_id}/undo restores it (null after an undo).
    undo_id: int | None


class TagsIn(InputSchema):
    labels: list[str]


class DecisionIn(Schema):
    accept: bool


@router.get(
    "/{label}/{object_id}/tags",
    operation_id="hrcities_core_api_get_tags",
    response=TagsOut,
    auth=read_auth,
    summary="A record's accepted and suggested tags (SDGs, themes, groups)",
)
def get_tags(request: HttpRequest, label: str, object_id: str) -> Any:
    from hrcities.taxonomy.tags import tags_for

    return tags_for(taggable_record(label, object_id, api_user(request)))


@router.put(
    "/{label}/{object_id}/tags",
    operation_id="hrcities_core_api_put_tags",
    response=TagsOut,
    auth=write_auth,
    summary="Set a record's accepted tags (its editors)",
    description="Labels: sdg:N, sdg-target:N.N, theme:SLUG, group:SLUG. Suggestions among "
    "them become accepted; accepted tags left out are removed.",
)
def put_tags(request: HttpRequest, label: str, object_id: str, payload: TagsIn) -> Any:
    from hrcities.taxonomy.tags import set_accepted_tags, tags_for

    user = api_user(request)
    record = taggable_record(label, object_id, user)
    require_edit(user, record)
    set_accepted_tags(record, payload.labels, by=user)
    return tags_for(record)


@router.post(
    "/tags/{tagging_id}/decision",
    operation_id="hrcities_core_api_decide",
    response=DecisionOut,
    auth=write_auth,
    summary="Accept or reject a suggested tag (the record's editors)",
    description="Answers the record's tags, a message naming the tag in the reader's "
    "language, and `undo_id` to undo the decision with POST /tags/{undo_id}/undo.",
)
def decide(request: HttpRequest, tagging_id: int, payload: DecisionIn) -> Any:
    from hrcities.taxonomy.tags import decide_suggestion, open_suggestion

    user = api_user(request)
    tagging, record = open_suggestion(tagging_id, user)
    require_edit(user, record)
    return _decided(record, decide_suggestion(tagging, record, accept=payload.accept, by=user))


@router.post(
    "/tags/{tagging_id}/undo",
    operation_id="hrcities_core_api_undo_decision",
    response=DecisionOut,
    auth=write_auth,
    summary="Undo the decision on a suggested tag: it waits for a decision again",
    description="For a rejected suggestion, or an accepted one that the suggester made.",
)
def undo_decision(request: HttpRequest, tagging_id: int) -> Any:
    from hrcities.taxonomy.tags import decided_suggestion, restore_suggestion

    user = api_user(request)
    tagging, record = decided_suggestion(tagging_id, user)
    require_edit(user, record)
    return _decided(record, restore_suggestion(tagging, record, by=user))


def _decided(record: Any, tagging: Any) -> dict[str, Any]:
    """The record's tags, what became of the suggestion, and how to undo a decision."""
    from hrcities.taxonomy.models import TagStatus
    from hrcities.taxonomy.tags import decision_message, tags_for

    undo_id = tagging.pk if tagging.status != TagStatus.SUGGESTED else None
    return {**tags_for(record), "message": decision_message(tagging), "undo_id": undo_id}
