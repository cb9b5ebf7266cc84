"""Programmes for a city, ranked, with the reasons."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from hrcities.core.apiutils import api_user, read_auth
from hrcities.network.models import City

from ..recommend import DEFAULT_LIMIT, programmes_for_city
from .common import seen_ids, summary
from .schemas import ProgrammeForCityOut

router = Router()


@router.get(
    "/for/{city}",
    response=list[ProgrammeForCityOut],
    auth=read_auth,
    summary="Programmes for a city: other cities' programmes ranked by what they share with it",
    description="Ranked by shared human rights themes, affected groups and SDGs (from the "
    "city's records you may see), language, audience, and the city's indicators that "
    "worsened on the year before; each result carries its reasons and their points.",
)
def programmes_for(request: HttpRequest, city: str, limit: int = DEFAULT_LIMIT) -> Any:
    user = api_user(request)
    found = get_object_or_404(City, slug=city)
    seen = seen_ids(user)
    return [
        {
            "programme": summary(r.programme, request, seen),
            "score": r.score,
            "reasons": [reason.__dict__ for reason in r.reasons],
        }
        for r in programmes_for_city(found, user, limit=limit)
    ]
