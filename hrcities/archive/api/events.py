"""Events: lists, one event, adding one."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from hrcities.core.apiutils import LimitOffset, api_user, read_auth, write_auth

from ..jsonld import event_document
from ..models import Event
from .common import LD_JSON, _event_out, _events, _Page, _references, create_owned
from .schemas import EventIn, EventOut

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
