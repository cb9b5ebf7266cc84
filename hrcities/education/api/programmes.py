"""Programmes: lists, one programme, adding, changing, publishing, adapting, lineage."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.archive.api.common import LD_JSON, _Page
from hrcities.archive.api.schemas import ReturnToDraftIn
from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth
from hrcities.network.services import owner_by_slugs

from .. import services
from ..jsonld import programme_document, programmes_for_export
from ..models import Format
from .common import detail, references, seen_ids, summary, visible_programme
from .schemas import (
    AdaptIn,
    LineageOut,
    ProgrammeDetail,
    ProgrammeIn,
    ProgrammePatch,
    ProgrammeSummary,
)

router = Router()


@router.get(
    "/programmes",
    response=list[ProgrammeSummary],
    auth=read_auth,
    summary="Programmes you may see, filtered",
)
@paginate(LimitOffset)
def list_programmes(
    request: HttpRequest,
    city: str | None = None,
    audience: str | None = None,
    format: Format | None = None,  # noqa: A002
    language: str | None = None,
    adapted_from: int | None = None,
) -> Any:
    user = api_user(request)
    programmes = programmes_for_export(user)
    if city:
        programmes = programmes.filter(city__slug=city)
    if audience:
        programmes = programmes.filter(audiences__slug=audience)
    if format:
        programmes = programmes.filter(format=format)
    if language:
        # The list is stored as JSON text: match the code with its quotes, whole.
        programmes = programmes.filter(languages__icontains=f'"{language[:20]}"')
    if adapted_from:
        programmes = programmes.filter(adapted_from_id=adapted_from)
    seen = seen_ids(user)
    return _Page(programmes.distinct(), lambda p: summary(p, request, seen))


@router.get(
    "/programmes/{programme_id}",
    response=ProgrammeDetail,
    auth=read_auth,
    summary="One programme, with its totals and materials",
)
def get_programme(request: HttpRequest, programme_id: int) -> Any:
    user = api_user(request)
    return detail(visible_programme(user, programme_id), user, request)


@router.get(
    "/programmes/{programme_id}/jsonld",
    auth=read_auth,
    summary="One programme as a schema.org Course (sessions as CourseInstance, materials as "
    "LearningResource)",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_programme_jsonld(request: HttpRequest, programme_id: int) -> Any:
    import json

    user = api_user(request)
    document = programme_document(visible_programme(user, programme_id), request, user=user)
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{LD_JSON}; charset=utf-8")


@router.get(
    "/programmes/{programme_id}/lineage",
    response=LineageOut,
    auth=read_auth,
    summary="Where a programme came from and where it travelled",
)
def get_lineage(request: HttpRequest, programme_id: int) -> Any:
    user = api_user(request)
    programme = visible_programme(user, programme_id)
    seen = seen_ids(user)
    visible = programmes_for_export(user)
    # A hidden link ends the chain the caller reads: nothing beyond it is named.
    chain = []
    for source in programme.lineage():
        if source.pk not in seen:
            break
        chain.append(source)
    descendants, frontier = [], [programme.pk]
    known = {programme.pk}
    while frontier:
        found = list(visible.filter(adapted_from__in=frontier).exclude(pk__in=known))
        descendants += found
        known |= {p.pk for p in found}
        frontier = [p.pk for p in found]
    by_pk = {p.pk: p for p in visible.filter(pk__in=[p.pk for p in chain])}
    return {
        "adapted_from": [summary(by_pk[p.pk], request, seen) for p in chain],
        "adaptations": [summary(p, request, seen) for p in descendants],
    }


def _owner_values(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    owner = owner_by_slugs(data.pop("city", None), data.pop("organisation", None))
    return {**owner, **references(user, data, owner.get("city"))}


@router.post(
    "/programmes",
    response={201: ProgrammeDetail},
    auth=write_auth,
    summary="Add a programme as a draft of a city or organisation you contribute to",
)
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_none=True)
    programme = services.create_programme(by=user, **_owner_values(user, data))
    return Status(201, detail(visible_programme(user, programme.pk), user, request))


@router.patch(
    "/programmes/{programme_id}",
    response=ProgrammeDetail,
    auth=write_auth,
    summary="Change a programme",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. Contributors change only drafts; access is for the owner's editors and "
    "reviewers; another city's programme answers 403.",
)
def change_programme(request: HttpRequest, programme_id: int, payload: ProgrammePatch) -> Any:
    user = api_user(request)
    programme = visible_programme(user, programme_id)
    changes = references(
        user, payload.dict(exclude_unset=True, exclude={"version"}), programme.city
    )
    services.update_programme(programme, changes, by=user, based_on_version=payload.version)
    return detail(visible_programme(user, programme_id), user, request)


def _verb(name: str, summary_text: str) -> None:
    verb = getattr(services, f"{name}_programme")

    def act(request: HttpRequest, programme_id: int) -> Any:
        user = api_user(request)
        verb(visible_programme(user, programme_id), by=user)
        return detail(visible_programme(user, programme_id), user, request)

    act.__name__ = f"{name}_programme"
    router.post(
        f"/programmes/{{programme_id}}/{name}",
        response=ProgrammeDetail,
        auth=write_auth,
        summary=summary_text,
    )(act)


_verb("submit", "Hand a draft to the owner's reviewers")
_verb("publish", "Publish a programme (the owner's editors and reviewers)")
_verb("archive", "Mark a programme as no longer run (it stays readable)")


@router.post(
    "/programmes/{programme_id}/return",
    response=ProgrammeDetail,
    auth=write_auth,
    summary="Return a submitted programme to draft, with a note to its submitter (reviewers)",
    description="Refused (422) unless the programme is submitted.",
)
def return_programme(request: HttpRequest, programme_id: int, payload: ReturnToDraftIn) -> Any:
    user = api_user(request)
    services.return_programme(visible_programme(user, programme_id), by=user, note=payload.note)
    return detail(visible_programme(user, programme_id), user, request)


@router.post(
    "/programmes/{programme_id}/adapt",
    response={201: ProgrammeDetail},
    auth=write_auth,
    summary="Adapt a programme you may see for your city or organisation",
    description="Creates a draft of your city (or organisation) adapted from this programme: "
    "its text, audiences, groups, methods and open-licence links are copied unless the "
    "body says otherwise, and what changed is recorded.",
)
def adapt_programme(request: HttpRequest, programme_id: int, payload: AdaptIn) -> Any:
    user = api_user(request)
    source = visible_programme(user, programme_id)
    values = _owner_values(user, payload.dict(exclude_none=True))
    adaptation = services.adapt_programme(source, by=user, **values)
    return Status(201, detail(visible_programme(user, adaptation.pk), user, request))
