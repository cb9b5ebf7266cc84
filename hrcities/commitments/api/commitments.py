"""Commitments: one with its progress, changes, endorsements and its timeline."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.services import update_record
from hrcities.network.services import owner_by_slugs

from .. import parts, services
from ..models import Commitment
from ..progress import progress_of
from .schemas import CommitmentOut, CommitmentPatch, EndorsementIn, EndorsementOut

router = Router()


def _commitment(slug: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("declaration"), declaration__slug=slug, number=number
    )


def _commitment_out(commitment: Commitment) -> dict[str, Any]:
    part = progress_of(commitment)
    return {
        "declaration": commitment.declaration.slug,
        "number": commitment.number,
        "title": commitment.title,
        "text": commitment.text,
        "addressees": commitment.addressees,
        "weight": commitment.weight,
        "version": commitment.version,
        "progress": round(part.progress, 1),
        "endorsed_by": [
            str(e.endorser) for e in commitment.endorsements.select_related("city", "organisation")
        ],
        "cities_acting": [str(owner) for owner in part.owners],
        "overdue_actions": [a.pk for a in part.overdue],
    }


@router.get(
    "/declarations/{slug}/commitments/{number}",
    response=CommitmentOut,
    auth=read_auth,
    summary="A commitment with its progress, endorsements and the cities acting on it",
)
def get_commitment(request: HttpRequest, slug: str, number: int) -> Any:
    return _commitment_out(_commitment(slug, number))


@router.patch(
    "/declarations/{slug}/commitments/{number}",
    response=CommitmentOut,
    auth=write_auth,
    summary="Change a commitment's title, addressees or weight (network admins)",
)
def update_commitment(
    request: HttpRequest, slug: str, number: int, payload: CommitmentPatch
) -> Any:
    user = api_user(request)
    require_network_admin(user)
    commitment = _commitment(slug, number)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "addressees" in changes:
        changes["addressees"] = [str(a) for a in changes["addressees"]]
    update_record(commitment, changes, by=user, based_on_version=payload.version)
    return _commitment_out(_commitment(slug, number))


@router.post(
    "/declarations/{slug}/commitments/{number}/endorsements",
    response={201: EndorsementOut},
    auth=write_auth,
    summary="Endorse a commitment for a city or organisation you edit",
)
def endorse(request: HttpRequest, slug: str, number: int, payload: EndorsementIn) -> Any:
    owner = owner_by_slugs(payload.city, payload.organisation)
    endorsement = parts.endorse_commitment(
        _commitment(slug, number), by=api_user(request), note=payload.note, **owner
    )
    return Status(201, endorsement)


@router.get(
    "/declarations/{slug}/commitments/{number}/timeline",
    response=list[dict[str, Any]],
    auth=read_auth,
    summary="Endorsements, actions, status changes and milestones in date order",
)
def timeline(request: HttpRequest, slug: str, number: int) -> Any:
    return [
        {
            "when": event.when.isoformat(),
            "kind": event.kind,
            "text": event.text,
            "action": event.action.pk if event.action else None,
        }
        for event in services.commitment_timeline(_commitment(slug, number))
    ]
