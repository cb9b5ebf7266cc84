"""Networks: the list, one network, and adding, changing and deleting one (network admins)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hrcities.core.apiutils import InputSchema, api_user, read_auth, write_auth

from .. import services
from ..models import Membership, Network

router = Router()


class NetworkOut(Schema):
    id: int
    slug: str
    name: str
    names: dict[str, str]
    website: str
    description: str
    is_demo: bool
    version: int
    member_cities: list[str] = Field(description="Slugs of the member cities.")

    @staticmethod
    def resolve_member_cities(network: Network) -> list[str]:
        return sorted(m.city.slug for m in network.memberships.all() if m.city)


class NetworkIn(InputSchema):
    slug: str | None = Field(
        None, max_length=80, description="Made from the English name if left out."
    )
    names: dict[str, str] = Field(description="Name per language code, e.g. en, ko.")
    website: str = ""
    description: str = ""


class NetworkPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    names: dict[str, str | None] | None = Field(
        None, description="Names by language, merged with the stored ones; an empty one removes it."
    )
    website: str | None = None
    description: str | None = None


def _networks() -> Any:
    return Network.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("city"))
    )


@router.get("/networks", response=list[NetworkOut], auth=read_auth, summary="List networks")
def list_networks(request: HttpRequest) -> Any:
    return _networks()


@router.post(
    "/networks",
    response={201: NetworkOut},
    auth=write_auth,
    summary="Add a network (network admins)",
)
def create_network(request: HttpRequest, payload: NetworkIn) -> Any:
    network = services.create_network(by=api_user(request), **payload.dict())
    return Status(201, _networks().get(pk=network.pk))


@router.get("/networks/{slug}", response=NetworkOut, auth=read_auth, summary="Get a network")
def get_network(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(_networks(), slug=slug)


@router.patch(
    "/networks/{slug}",
    response=NetworkOut,
    auth=write_auth,
    summary="Change a network (network admins)",
    description="Send only the fields to change, plus the `version` you last read.",
)
def update_network(request: HttpRequest, slug: str, payload: NetworkPatch) -> Any:
    network = get_object_or_404(Network, slug=slug)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    services.update_network(
        network, changes, by=api_user(request), based_on_version=payload.version
    )
    return _networks().get(pk=network.pk)


@router.delete(
    "/networks/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Remove a network without members (network admins)",
    description="Refused (422, saying how many members it has) while cities or organisations "
    "are members. The last state is kept as a revision and can be restored.",
)
def delete_network(request: HttpRequest, slug: str) -> Any:
    services.delete_network(get_object_or_404(Network, slug=slug), by=api_user(request))
    return Status(204, None)
