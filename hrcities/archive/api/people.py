"""People named in records a caller may see."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth

from ..models import Person
from .common import _Page, _person_out
from .schemas import PersonOut

router = Router()


@router.get(
    "/people",
    response=list[PersonOut],
    auth=read_auth,
    summary="People named in records you may see (pseudonyms unless names may be shown)",
)
@paginate(LimitOffset)
def list_people(request: HttpRequest) -> Any:
    user = api_user(request)
    return _Page(
        Person.objects.visible_to(user).order_by("pk"), lambda p: _person_out(p, user, request)
    )


@router.get("/people/{person_id}", response=PersonOut, auth=read_auth, summary="One person")
def get_person(request: HttpRequest, person_id: int) -> Any:
    user = api_user(request)
    return _person_out(
        get_object_or_404(Person.objects.visible_to(user), pk=person_id), user, request
    )
