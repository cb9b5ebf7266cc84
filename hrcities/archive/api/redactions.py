"""Withholding words of an item from readers."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.access.keepers import require_review
from hrcities.core.apiutils import api_user, write_auth

from .. import curation, services
from ..models import Redaction
from ..presenting import places_in
from .common import _visible_item
from .schemas import RedactionIn, RedactionOut

router = Router()


@router.post(
    "/items/{item_id}/redactions",
    response={201: list[RedactionOut]},
    auth=write_auth,
    summary="Withhold words wherever they stand in an item and its files (reviewers)",
)
def add_redaction(request: HttpRequest, item_id: int, payload: RedactionIn) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    require_review(user, item)
    made = services.redact_phrase(
        item,
        by=user,
        field=payload.field or "",
        phrase=payload.phrase,
        language=payload.language,
        reason=payload.reason,
    )
    made.places = places_in(item, made.phrase)
    return Status(201, [made])


@router.delete(
    "/items/{item_id}/redactions/{redaction_id}",
    response={204: None},
    auth=write_auth,
    summary="Show withheld words to readers again (reviewers; logged as a loosening)",
    description="The redaction stays in its revisions and can be restored.",
)
def remove_redaction(request: HttpRequest, item_id: int, redaction_id: int) -> Any:
    user = api_user(request)
    item = _visible_item(user, item_id)
    require_review(user, item)
    redaction = get_object_or_404(Redaction, item=item, pk=redaction_id)
    curation.remove_redaction(redaction, by=user)
    return Status(204, None)
