"""The network's settings through the API (network admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from hrcities.core.apiutils import InputSchema, api_user, write_auth
from hrcities.core.models import NetworkSettings

from .networksettings import change_network_settings
from .permissions import require_network_admin

router = Router(tags=["accounts"])


class NetworkSettingsOut(Schema):
    require_two_factor_for_keepers: bool = Field(
        ...,
        description=(
            "Network admins, and editors and reviewers of an owner of restricted archive "
            "records, must sign in with an authenticator app."
        ),
    )
    hide_records_past_renewal: bool = Field(
        ...,
        description="Archive records whose consent is past its renewal date are hidden "
        "from everyone but their keepers until renewed.",
    )
    updated_at: datetime | None
    updated_by: str | None = Field(None, alias="updated_by.username")


class NetworkSettingsIn(InputSchema):
    require_two_factor_for_keepers: bool | None = None
    hide_records_past_renewal: bool | None = None


def _current() -> NetworkSettings:
    current = NetworkSettings.current()
    if current._state.adding:
        # Never saved: the defaults, changed by no one yet.
        current.updated_at = None
    return current


@router.get(
    "/network-settings",
    response=NetworkSettingsOut,
    auth=write_auth,
    summary="The network's settings (network admins)",
)
def get_network_settings(request: HttpRequest) -> Any:
    require_network_admin(api_user(request))
    return _current()


@router.put(
    "/network-settings",
    response=NetworkSettingsOut,
    auth=write_auth,
    summary="Change the network's settings (network admins); settings left out stay as they are",
)
def put_network_settings(request: HttpRequest, payload: NetworkSettingsIn) -> Any:
    by = api_user(request)
    require_network_admin(by)
    change_network_settings(by=by, **payload.dict(exclude_none=True))
    return _current()
