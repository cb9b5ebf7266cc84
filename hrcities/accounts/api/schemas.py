"""What the accounts API reads and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from hrcities.core.apiutils import InputSchema, api_user

from ..permissions import managed_roles


class RoleOut(Schema):
    id: int
    role: str
    city: str | None = Field(None, alias="city.slug")
    organisation: str | None = Field(None, alias="organisation.slug")


class ScopeIn(InputSchema):
    role: str = Field(..., description="admin, editor, reviewer, contributor, researcher, reader")
    city: str | None = Field(None, description="The city's slug (for every role but admin)")
    organisation: str | None = Field(None, description="Or the organisation's slug")


class GrantIn(ScopeIn):
    username: str


class RoleChangeIn(InputSchema):
    role: str


class PersonOut(Schema):
    username: str
    display_name: str
    email: str
    is_active: bool
    date_joined: datetime
    last_login: datetime | None
    roles: list[RoleOut] = Field(
        ..., description="The roles the caller may see: all for admins, their scope's for editors"
    )

    @staticmethod
    def resolve_roles(obj: Any, context: dict[str, Any]) -> Any:
        return managed_roles(api_user(context["request"]), obj)


class InvitationIn(ScopeIn):
    email: str = Field(..., max_length=254)
    language: str = Field("", description="Language of the email (BCP 47: en, ko)")


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    city: str | None = Field(None, alias="city.slug")
    organisation: str | None = Field(None, alias="organisation.slug")
    language: str
    status: str = Field(..., description="pending, expired, accepted or revoked")
    invited_by: str | None = Field(None, alias="invited_by.username")
    created_at: datetime
    sent_at: datetime | None
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
