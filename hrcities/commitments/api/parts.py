"""The status list (network admins), and changing or removing milestones, evidence and
endorsements (the editors of the city or organisation they belong to)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.core.apiutils import api_user, read_auth, write_auth

from .. import parts, statuses
from ..models import ActionStatus, Endorsement, Evidence, Milestone
from .schemas import (
    EndorsementOut,
    EndorsementPatch,
    EvidenceOut,
    EvidencePatch,
    MilestoneOut,
    MilestonePatch,
    StatusIn,
    StatusOut,
    StatusPatch,
)

router = Router()


@router.get("/statuses", response=list[StatusOut], auth=read_auth, summary="Action statuses")
def list_statuses(request: HttpRequest) -> Any:
    return ActionStatus.objects.all()


@router.post(
    "/statuses",
    response={201: StatusOut},
    auth=write_auth,
    summary="Add an action status at the end of the list (network admins)",
)
def add_status(request: HttpRequest, payload: StatusIn) -> Any:
    return Status(201, statuses.add_status(by=api_user(request), **payload.dict()))


@router.patch(
    "/statuses/{slug}",
    response=StatusOut,
    auth=write_auth,
    summary="Change or move an action status (network admins)",
    description="Every action with the status changes with it. `position` moves it in the "
    "list (1 is first).",
)
def change_status(request: HttpRequest, slug: str, payload: StatusPatch) -> Any:
    user = api_user(request)
    status = get_object_or_404(ActionStatus, slug=slug)
    changes = payload.dict(exclude_unset=True, exclude={"position"})
    if changes:
        status = statuses.update_status(status, changes, by=user)
    if payload.position is not None:
        statuses.place_status(status, by=user, position=payload.position)
    return ActionStatus.objects.get(pk=status.pk)


@router.delete(
    "/statuses/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Remove an action status no action has had (network admins)",
    description="Refused (422, saying how many actions have it and how many timeline "
    "entries name it) while anything uses it.",
)
def remove_status(request: HttpRequest, slug: str) -> Any:
    statuses.delete_status(get_object_or_404(ActionStatus, slug=slug), by=api_user(request))
    return Status(204, None)


def _milestone(milestone_id: int) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("action"), pk=milestone_id)


@router.patch(
    "/milestones/{milestone_id}",
    response=MilestoneOut,
    auth=write_auth,
    summary="Change a milestone (editors of its action's owner)",
)
def change_milestone(request: HttpRequest, milestone_id: int, payload: MilestonePatch) -> Any:
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    return parts.update_milestone(
        _milestone(milestone_id), changes, by=api_user(request), based_on_version=payload.version
    )


@router.delete(
    "/milestones/{milestone_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a milestone (kept as a revision that can be restored)",
)
def remove_milestone(request: HttpRequest, milestone_id: int) -> Any:
    parts.delete_milestone(_milestone(milestone_id), by=api_user(request))
    return Status(204, None)


def _evidence(evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("action"), pk=evidence_id)


@router.patch(
    "/evidence/{evidence_id}",
    response=EvidenceOut,
    auth=write_auth,
    summary="Change the title or link of evidence (editors of its action's owner)",
)
def change_evidence(request: HttpRequest, evidence_id: int, payload: EvidencePatch) -> Any:
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    return parts.update_evidence(
        _evidence(evidence_id), changes, by=api_user(request), based_on_version=payload.version
    )


@router.delete(
    "/evidence/{evidence_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove evidence (kept as a revision that can be restored)",
)
def remove_evidence(request: HttpRequest, evidence_id: int) -> Any:
    parts.delete_evidence(_evidence(evidence_id), by=api_user(request))
    return Status(204, None)


def _endorsement(endorsement_id: int) -> Endorsement:
    return get_object_or_404(
        Endorsement.objects.select_related("city", "organisation"), pk=endorsement_id
    )


@router.patch(
    "/endorsements/{endorsement_id}",
    response=EndorsementOut,
    auth=write_auth,
    summary="Change an endorsement's date or note (editors of the endorser)",
)
def change_endorsement(request: HttpRequest, endorsement_id: int, payload: EndorsementPatch) -> Any:
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    return parts.update_endorsement(
        _endorsement(endorsement_id),
        changes,
        by=api_user(request),
        based_on_version=payload.version,
    )


@router.delete(
    "/endorsements/{endorsement_id}",
    response={204: None},
    auth=write_auth,
    summary="Withdraw an endorsement (kept as a revision that can be restored)",
)
def remove_endorsement(request: HttpRequest, endorsement_id: int) -> Any:
    parts.withdraw_endorsement(_endorsement(endorsement_id), by=api_user(request))
    return Status(204, None)
