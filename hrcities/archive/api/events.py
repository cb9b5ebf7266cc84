"""Events: lists, one event, adding, changing and deleting one."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from .. import curation, services
from ..jsonld import event_document
from ..models import Event
from .common import LD_JSON, _event_out, _events, _Page, _references, create_owned
from .schemas import EventIn, EventOut, EventPatch

router = Router()


@router.get("/events", response=list[EventOut], auth=read_auth, summary="Events you may see")
@paginate(LimitOffset)
def list_events(request: HttpRequest, city: str | None = None) -> Any:
    events = _events(api_user(request))
    if city:
        events = events.filter(city__slug=city)
    return _Page(events.order_by("date_start", "pk"), lambda e: _event_out(e, request))


@router.get("/events/{event_id}", response=EventOut, auth=read_auth, summary="One event")
def get_event(request: HttpRequest, event_id: int) -> Any:
    return _event_out(get_object_or_404(_events(api_user(request)), pk=event_id), request)


@router.get(
    "/events/{event_id}/jsonld",
    auth=read_auth,
    summary="One event as schema.org JSON-LD",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def get_event_jsonld(request: HttpRequest, event_id: int) -> Any:
    import json

    user = api_user(request)
    event = get_object_or_404(_events(user), pk=event_id)
    body = json.dumps(event_document(event, user, request), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{LD_JSON}; charset=utf-8")


@router.post(
    "/events",
    response={201: EventOut},
    auth=write_auth,
    summary="Add an event as a draft of a city or organisation you contribute to",
)
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    user = api_user(request)
    data = payload.dict()
    slugs = {"city": data.pop("city"), "organisation": data.pop("organisation")}
    event = create_owned(Event, user, {**slugs, **_references(user, data)})
    return Status(201, _event_out(_events(user).get(pk=event.pk), request))


@router.patch(
    "/events/{event_id}",
    response=EventOut,
    auth=write_auth,
    summary="Change an event",
    description="Send the fields to change and the `version` you read; 409 if it changed "
    "since. Contributors change only drafts; access is for reviewers.",
)
def change_event(request: HttpRequest, event_id: int, payload: EventPatch) -> Any:
    user = api_user(request)
    event = get_object_or_404(_events(user), pk=event_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    services.update_archive_record(
        event, _references(user, changes), by=user, based_on_version=payload.version
    )
    return _event_out(_events(user).get(pk=event.pk), request)


@router.delete(
    "/events/{event_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete an event (its editors and reviewers)",
    description="Refused (422) while items name the event or relations link it: the refusal "
    "names those you may see and says that others exist without naming them.",
)
def delete_event(request: HttpRequest, event_id: int) -> Any:
    user = api_user(request)
    curation.delete_event(get_object_or_404(_events(user), pk=event_id), by=user)
    return Status(204, None)
