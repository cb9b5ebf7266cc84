"""The caller's account and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hrcities.core.apiutils import InputSchema, api_user, write_auth

from ..models import ApiToken, User
from ..services import create_api_token, revoke_api_token
from .schemas import RoleOut

router = Router()


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


class TokenIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenCreated(TokenOut):
    key: str = Field(..., description="The secret. It is shown this once and never again.")


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
