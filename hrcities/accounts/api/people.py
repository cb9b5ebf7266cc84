"""People over the API: those the caller manages, and their deactivation (never deletion)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, write_auth

from ..models import people_matching
from ..permissions import get_person_for_user, managed_people, require_people_manager
from ..services import deactivate_user, reactivate_user
from .schemas import PersonOut

router = Router()


@router.get(
    "/people",
    response=list[PersonOut],
    auth=write_auth,
    summary="People the caller manages (everyone for admins; their scope's for editors)",
)
@paginate(LimitOffset)
def list_people(request: HttpRequest, q: str = "") -> Any:
    by = api_user(request)
    require_people_manager(by)
    return people_matching(managed_people(by), q.strip()).order_by("username")


@router.get("/people/{username}", response=PersonOut, auth=write_auth, summary="One person")
def get_person(request: HttpRequest, username: str) -> Any:
    by = api_user(request)
    require_people_manager(by)
    return get_person_for_user(by, username)


def _activation(request: HttpRequest, username: str, change: Any) -> Any:
    by = api_user(request)
    require_people_manager(by)
    person = get_person_for_user(by, username)
    change(person, by=by)
    return person


@router.post(
    "/people/{username}/deactivate",
    response=PersonOut,
    auth=write_auth,
    summary="Deactivate an account: no sign-in, no API tokens; nothing is deleted",
)
def deactivate_person(request: HttpRequest, username: str) -> Any:
    return _activation(request, username, deactivate_user)


@router.post(
    "/people/{username}/reactivate",
    response=PersonOut,
    auth=write_auth,
    summary="Reactivate an account",
)
def reactivate_person(request: HttpRequest, username: str) -> Any:
    return _activation(request, username, reactivate_user)
