"""The caller's account, API tokens and role grants."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hrcities.core.apiutils import api_user, write_auth

from .forms import City, Organisation
from .models import ApiToken, RoleAssignment, User
from .permissions import require_network_admin
from .services import create_api_token, grant_role, revoke_api_token, revoke_role

router = Router(tags=["accounts"])


class RoleOut(Schema):
    id: int
    role: str
    city: str | None = Field(None, alias="city.slug")
    organisation: str | None = Field(None, alias="organisation.slug")


class MeOut(Schema):
    username: str
    display_name: str
    is_network_admin: bool
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj: User) -> Any:
        return obj.roles.select_related("city", "organisation")


class TokenOut(Schema):
    id: int
    name: str
    key_hint: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenCreated(TokenOut):
    key: str = Field(..., description="The secret. It is shown this once and never again.")


class GrantIn(Schema):
    username: str
    role: str
    city: str | None = None
    organisation: str | None = None


@router.get("/me", response=MeOut, auth=write_auth, summary="The signed-in user and their roles")
def me(request: HttpRequest) -> Any:
    return api_user(request)


@router.get("/tokens", response=list[TokenOut], auth=write_auth, summary="Your API tokens")
def list_tokens(request: HttpRequest) -> Any:
    return ApiToken.objects.filter(user=api_user(request))


@router.post(
    "/tokens", response={201: TokenCreated}, auth=write_auth, summary="Create an API token"
)
def add_token(request: HttpRequest, payload: TokenIn) -> Any:
    token, raw = create_api_token(api_user(request), payload.name, expires_at=payload.expires_at)
    return Status(201, {**TokenOut.from_orm(token).dict(), "key": raw})


@router.delete(
    "/tokens/{token_id}", response={204: None}, auth=write_auth, summary="Revoke an API token"
)
def delete_token(request: HttpRequest, token_id: int) -> Any:
    token = get_object_or_404(ApiToken, pk=token_id, user=api_user(request))
    revoke_api_token(token, by=api_user(request))
    return Status(204, None)


@router.post(
    "/roles", response={201: RoleOut}, auth=write_auth, summary="Grant a role (network admins)"
)
def add_role(request: HttpRequest, payload: GrantIn) -> Any:
    by = api_user(request)
    require_network_admin(by)
    user = get_object_or_404(User, username=payload.username)
    city = get_object_or_404(City, slug=payload.city) if payload.city else None
    organisation = (
        get_object_or_404(Organisation, slug=payload.organisation) if payload.organisation else None
    )
    assignment = grant_role(user, payload.role, by=by, city=city, organisation=organisation)
    return Status(201, assignment)


@router.delete(
    "/roles/{role_id}",
    response={204: None},
    auth=write_auth,
    summary="Revoke a role (network admins)",
)
def delete_role(request: HttpRequest, role_id: int) -> Any:
    by = api_user(request)
    require_network_admin(by)
    revoke_role(get_object_or_404(RoleAssignment, pk=role_id), by=by)
    return Status(204, None)
