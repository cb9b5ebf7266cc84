"""A city's domains and dimensions: read by anyone, kept by the city's editors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hrcities.core.apiutils import InputSchema, api_user, read_auth, write_auth
from hrcities.network.models import City

from .. import groupings
from ..models import Dimension, Domain

router = Router()


class DomainOut(Schema):
    id: int = Field(
        description="Record id, as used by /api/records/indicators.domain/{id}/revisions."
    )
    slug: str
    name: str
    names: dict[str, str]
    position: int
    version: int


class DomainIn(InputSchema):
    slug: str = Field(..., min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")
    names: dict[str, str] = Field(description="Name per language code, e.g. en, ko.")
    position: int = Field(0, ge=0, le=999)


class DomainPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    slug: str | None = Field(None, min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")
    names: dict[str, str] | None = None
    position: int | None = Field(None, ge=0, le=999)


class DimensionOut(Schema):
    slug: str
    column: str
    name: str
    names: dict[str, str]
    values: list[str] = Field(description="Allowed values; empty allows any value.")
    is_shared: bool = Field(description="True for the dimensions every city shares.")

    @staticmethod
    def resolve_is_shared(dimension: Dimension) -> bool:
        return dimension.city_id is None


class DimensionIn(InputSchema):
    slug: str = Field(..., min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    column: str = Field(..., min_length=1, max_length=80)
    names: dict[str, str]
    values: list[str] = Field(default_factory=list)


class DimensionPatch(InputSchema):
    column: str | None = Field(None, min_length=1, max_length=80)
    names: dict[str, str] | None = None
    values: list[str] | None = None


def _city(slug: str) -> City:
    return get_object_or_404(City, slug=slug)


@router.get(
    "/cities/{city}/domains", response=list[DomainOut], auth=read_auth, summary="A city's domains"
)
def list_domains(request: HttpRequest, city: str) -> Any:
    return Domain.objects.filter(city=_city(city))


@router.post(
    "/cities/{city}/domains",
    response={201: DomainOut},
    auth=write_auth,
    summary="Add a domain (editors of the city)",
)
def add_domain(request: HttpRequest, city: str, payload: DomainIn) -> Any:
    return Status(201, groupings.add_domain(_city(city), by=api_user(request), **payload.dict()))


@router.patch(
    "/cities/{city}/domains/{slug}",
    response=DomainOut,
    auth=write_auth,
    summary="Change a domain (editors of the city)",
)
def change_domain(request: HttpRequest, city: str, slug: str, payload: DomainPatch) -> Any:
    domain = get_object_or_404(Domain, city=_city(city), slug=slug)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    return groupings.update_domain(
        domain, changes, by=api_user(request), based_on_version=payload.version
    )


@router.delete(
    "/cities/{city}/domains/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Delete a domain no indicator is in (editors of the city)",
    description="Refused (422, saying how many indicators use it) while indicators are in it.",
)
def delete_domain(request: HttpRequest, city: str, slug: str) -> Any:
    domain = get_object_or_404(Domain, city=_city(city), slug=slug)
    groupings.delete_domain(domain, by=api_user(request))
    return Status(204, None)


@router.get(
    "/cities/{city}/dimensions",
    response=list[DimensionOut],
    auth=read_auth,
    summary="The dimensions a city's values can be broken down by (shared and its own)",
)
def list_dimensions(request: HttpRequest, city: str) -> Any:
    return Dimension.objects.for_city(_city(city))


@router.post(
    "/cities/{city}/dimensions",
    response={201: DimensionOut},
    auth=write_auth,
    summary="Add a dimension of the city's own (editors of the city)",
)
def add_dimension(request: HttpRequest, city: str, payload: DimensionIn) -> Any:
    dimension = groupings.add_dimension(_city(city), by=api_user(request), **payload.dict())
    return Status(201, dimension)


def _own_dimension(city: str, slug: str) -> Dimension:
    return get_object_or_404(Dimension, city=_city(city), slug=slug)


@router.patch(
    "/cities/{city}/dimensions/{slug}",
    response=DimensionOut,
    auth=write_auth,
    summary="Change a dimension of the city's own (editors of the city)",
    description="A value still used by recorded values cannot be removed (422).",
)
def change_dimension(request: HttpRequest, city: str, slug: str, payload: DimensionPatch) -> Any:
    changes = payload.dict(exclude_unset=True)
    return groupings.update_dimension(_own_dimension(city, slug), changes, by=api_user(request))


@router.delete(
    "/cities/{city}/dimensions/{slug}",
    response={204: None},
    auth=write_auth,
    summary="Delete a dimension of the city's own that no value uses (editors of the city)",
)
def delete_dimension(request: HttpRequest, city: str, slug: str) -> Any:
    groupings.delete_dimension(_own_dimension(city, slug), by=api_user(request))
    return Status(204, None)
