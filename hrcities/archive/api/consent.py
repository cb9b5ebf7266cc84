"""Recording and withdrawing the consent of narrators."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.access.keepers import require_review
from hrcities.core.apiutils import api_user, write_auth

from .. import services
from ..models import Consent, Item, Person
from .common import _found, _visible_item
from .schemas import ConsentIn, ConsentOut, WithdrawalIn

router = Router()


@router.get(
    "/items/{item_id}/consents",
    response=list[ConsentOut],
    auth=write_auth,
    summary="An item's consent records (its reviewers)",
)
def list_consents(request: HttpRequest, item_id: int) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    require_review(user, item)
    return list(item.consents.all())


@router.post(
    "/items/{item_id}/consents",
    response={201: ConsentOut},
    auth=write_auth,
    summary="Record what a narrator agreed to (reviewers)",
)
def record_consent(request: HttpRequest, item_id: int, payload: ConsentIn) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    require_review(user, item)
    person = (
        _found(
            Person.objects.filter(Q(pk=item.narrator_id) | Q(roles__item=item)),
            "person_id",
            pk=payload.person_id,
        )
        if payload.person_id
        else None
    )
    consent = services.record_consent(
        item,
        by=user,
        scopes=list(payload.scopes),
        given_on=payload.given_on,
        person=person,
        reconsent_due=payload.reconsent_due,
        note=payload.note,
    )
    return Status(201, consent)


@router.post(
    "/consents/{consent_id}/withdraw",
    response=ConsentOut,
    auth=write_auth,
    summary="Withdraw a consent: the item disappears from every channel at once (reviewers)",
)
def withdraw_consent(request: HttpRequest, consent_id: int, payload: WithdrawalIn) -> Any:
    user = api_user(request)
    consent = get_object_or_404(
        Consent.objects.filter(item__in=Item.objects.visible_to(user)), pk=consent_id
    )
    services.withdraw_consent(consent, by=user, on=payload.on, note=payload.note)
    consent.refresh_from_db()
    return consent
