"""Roles over the API: granted, changed and revoked within the caller's rights (a network
admin anywhere; an editor in their own city or organisation, no higher than their own)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from hrcities.core.apidoc import answers
from hrcities.core.apiutils import api_user, write_auth

from ..models import User
from ..permissions import get_role_for_user
from ..services import change_role, grant_role, revoke_role
from .common import scope_of
from .schemas import GrantIn, RoleChangeIn, RoleOut

router = Router()


@router.post(
    "/roles",
    response={201: RoleOut},
    auth=write_auth,
    summary="Grant a role (network admins; editors in their own scope)",
)
@answers(404)  # a record named in the body is unknown
def add_role(request: HttpRequest, payload: GrantIn) -> Any:
    by = api_user(request)
    scope = scope_of(payload)
    user = get_object_or_404(User, username=payload.username)
    assignment = grant_role(user, payload.role, by=by, **scope)
    return Status(201, assignment)


@router.patch(
    "/roles/{role_id}",
    response=RoleOut,
    auth=write_auth,
    summary="Change a role to another for the same scope",
)
def change_a_role(request: HttpRequest, role_id: int, payload: RoleChangeIn) -> Any:
    by = api_user(request)
    return change_role(get_role_for_user(by, role_id), payload.role, by=by)


@router.delete(
    "/roles/{role_id}",
    response={204: None},
    auth=write_auth,
    summary="Revoke a role (network admins; editors in their own scope)",
)
def delete_role(request: HttpRequest, role_id: int) -> Any:
    by = api_user(request)
    revoke_role(get_role_for_user(by, role_id), by=by)
    return Status(204, None)
