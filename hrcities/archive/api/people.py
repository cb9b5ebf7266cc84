"""People: those named in records a caller may see, adding, changing and deleting them."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from .. import curation, services
from ..models import Person
from .common import _Page, _person_out, create_owned
from .curation_schemas import PersonIn, PersonPatch
from .schemas import ArchivePersonOut

router = Router()


@router.get(
    "/people",
    response=list[ArchivePersonOut],
    auth=read_auth,
    summary="People named in records you may see (pseudonyms unless names may be shown)",
)
@paginate(LimitOffset)
def list_people(request: HttpRequest) -> Any:
    user = api_user(request)
    return _Page(
        Person.objects.visible_to(user).order_by("pk"), lambda p: _person_out(p, user, request)
    )


@router.get("/people/{person_id}", response=ArchivePersonOut, auth=read_auth, summary="One person")
def get_person(request: HttpRequest, person_id: int) -> Any:
    user = api_user(request)
    return _person_out(
        get_object_or_404(Person.objects.visible_to(user), pk=person_id), user, request
    )


def _person_values(data: dict[str, Any], stored: Person | None = None) -> dict[str, Any]:
    # A person is titled by the pseudonym alone: a real name is never a title.
    if "pseudonym" in data and (stored is None or set(stored.titles) <= {"und"}):
        data["titles"] = {"und": data["pseudonym"]}
    return data


@router.post(
    "/people",
    response={201: ArchivePersonOut},
    auth=write_auth,
    summary="Add a person kept by a city or organisation you contribute to",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    user = api_user(request)
    person = create_owned(Person, user, _person_values(payload.dict()))
    return Status(201, _person_out(person, user, request))


@router.patch(
    "/people/{person_id}",
    response=ArchivePersonOut,
    auth=write_auth,
    summary="Change a person",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. Only the person's reviewers allow the real name to be shown.",
)
def change_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Any:
    user = api_user(request)
    person = get_object_or_404(Person.objects.visible_to(user), pk=person_id)
    changes = _person_values(payload.dict(exclude_unset=True, exclude={"version"}), person)
    services.update_archive_record(person, changes, by=user, based_on_version=payload.version)
    return _person_out(person, user, request)


@router.delete(
    "/people/{person_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a person (their editors and reviewers)",
    description="Refused (422, naming the items) while the person narrates an item, has "
    "a role in a record or gave a consent.",
)
def delete_person(request: HttpRequest, person_id: int) -> Any:
    user = api_user(request)
    person = get_object_or_404(Person.objects.visible_to(user), pk=person_id)
    curation.delete_person(person, by=user)
    return Status(204, None)
