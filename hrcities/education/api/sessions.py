"""Sessions of a programme, with their participant counts."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from hrcities.core.apiutils import api_user, read_auth, write_auth

from .. import services
from .common import session_out, session_values, visible_programme, visible_session
from .schemas import SessionIn, SessionOut, SessionPatch

router = Router()


@router.get(
    "/programmes/{programme_id}/sessions",
    response=list[SessionOut],
    auth=read_auth,
    summary="Each time a programme ran, with participants counted by group",
)
def list_sessions(request: HttpRequest, programme_id: int) -> Any:
    programme = visible_programme(api_user(request), programme_id)
    sessions = programme.sessions.select_related("city").prefetch_related("counts__dimension")
    return [session_out(s, request) for s in sessions.order_by("starts_on", "pk")]


@router.get(
    "/programmes/{programme_id}/sessions/{session_id}",
    response=SessionOut,
    auth=read_auth,
    summary="One session",
)
def get_session(request: HttpRequest, programme_id: int, session_id: int) -> Any:
    return session_out(visible_session(api_user(request), programme_id, session_id), request)


@router.post(
    "/programmes/{programme_id}/sessions",
    response={201: SessionOut},
    auth=write_auth,
    summary="Record a session with its participant counts",
    description="The counts by group must not add up to more than `participants`; days "
    "out of range, unknown breakdowns or groups answer 422 naming the field.",
)
def add_session(request: HttpRequest, programme_id: int, payload: SessionIn) -> Any:
    user = api_user(request)
    programme = visible_programme(user, programme_id)
    values, counts = session_values(payload.dict(exclude_none=True))
    session = services.add_session(programme, by=user, counts=counts, **values)
    return Status(201, session_out(visible_session(user, programme_id, session.pk), request))


@router.patch(
    "/programmes/{programme_id}/sessions/{session_id}",
    response=SessionOut,
    auth=write_auth,
    summary="Change a session (and replace its counts when `counts` is given)",
)
def change_session(
    request: HttpRequest, programme_id: int, session_id: int, payload: SessionPatch
) -> Any:
    user = api_user(request)
    session = visible_session(user, programme_id, session_id)
    values, counts = session_values(payload.dict(exclude_unset=True, exclude={"version"}))
    services.update_session(
        session, values, by=user, based_on_version=payload.version, counts=counts
    )
    return session_out(visible_session(user, programme_id, session_id), request)


@router.delete(
    "/programmes/{programme_id}/sessions/{session_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a session with its counts and evaluation files",
)
def delete_session(request: HttpRequest, programme_id: int, session_id: int) -> Any:
    user = api_user(request)
    services.delete_session(visible_session(user, programme_id, session_id), by=user)
    return Status(204, None)
