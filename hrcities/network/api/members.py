"""Memberships in networks, their focal points, and partnerships between cities.

A city's or organisation's editors keep its memberships, focal points and the
partnerships it records; network admins keep all.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hrcities.core.apidoc import answers
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth

from .. import services
from ..models import City, FocalPoint, Membership, MembershipRole, Network, Partnership

router = Router()


# --- schemas -------------------------------------------------------------------------


class FocalPointOut(Schema):
    id: int
    name: str
    position: str
    email: str
    version: int


class MembershipOut(Schema):
    id: int = Field(
        description="Record id, as used by /api/records/network.membership/{id}/revisions."
    )
    network: str = Field(description="Slug of the network.")
    city: str | None = Field(description="Slug of the member city.")
    organisation: str | None = Field(description="Slug of the member organisation.")
    role: MembershipRole
    joined_year: int | None
    left_year: int | None
    focal_points: list[FocalPointOut]
    is_demo: bool
    version: int

    @staticmethod
    def resolve_network(membership: Membership) -> str:
        return membership.network.slug

    @staticmethod
    def resolve_city(membership: Membership) -> str | None:
        return membership.city.slug if membership.city else None

    @staticmethod
    def resolve_organisation(membership: Membership) -> str | None:
        return membership.organisation.slug if membership.organisation else None

    @staticmethod
    def resolve_focal_points(membership: Membership) -> list[FocalPoint]:
        return list(membership.focal_points.all())


class MembershipIn(InputSchema):
    network: str = Field(description="Slug of the network.")
    city: str | None = Field(None, description="Slug of the member city (or give organisation).")
    organisation: str | None = Field(None, description="Slug of the member organisation.")
    role: MembershipRole = MembershipRole.MEMBER
    joined_year: int | None = Field(None, ge=1945, le=2100)
    left_year: int | None = Field(None, ge=1945, le=2100)


class MembershipPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    role: MembershipRole | None = None
    joined_year: int | None = Field(None, ge=1945, le=2100)
    left_year: int | None = Field(None, ge=1945, le=2100)


class FocalPointIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    position: str = Field("", max_length=200)
    email: str = Field("", max_length=254)


class FocalPointPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    name: str | None = Field(None, min_length=1, max_length=200)
    position: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)


class PartnershipOut(Schema):
    id: int
    city: str = Field(description="Slug of the city that recorded the partnership.")
    partner: str = Field(description="Slug of the partner city.")
    kind: Partnership.Kind
    since_year: int | None
    description: str
    is_demo: bool
    version: int

    @staticmethod
    def resolve_city(partnership: Partnership) -> str:
        return partnership.city_a.slug

    @staticmethod
    def resolve_partner(partnership: Partnership) -> str:
        return partnership.city_b.slug


class PartnershipIn(InputSchema):
    city: str = Field(description="Slug of a city you edit.")
    partner: str = Field(description="Slug of the partner city.")
    kind: Partnership.Kind = Partnership.Kind.EXCHANGE
    since_year: int | None = Field(None, ge=1945, le=2100)
    description: str = ""


class PartnershipPatch(InputSchema):
    version: int = Field(description="The version you read before changing it.")
    partner: str | None = None
    kind: Partnership.Kind | None = None
    since_year: int | None = Field(None, ge=1945, le=2100)
    description: str | None = None


# --- memberships -----------------------------------------------------------------------


def _memberships() -> Any:
    return Membership.objects.select_related("network", "city", "organisation").prefetch_related(
        "focal_points"
    )


@router.get(
    "/memberships",
    response=list[MembershipOut],
    auth=read_auth,
    summary="List memberships",
    description="Filter by `network`, `city` or `organisation` (slugs).",
)
@paginate(LimitOffset)
def list_memberships(
    request: HttpRequest, network: str = "", city: str = "", organisation: str = "", **kwargs: Any
) -> Any:
    memberships = _memberships()
    if network:
        memberships = memberships.filter(network__slug=network)
    if city:
        memberships = memberships.filter(city__slug=city)
    if organisation:
        memberships = memberships.filter(organisation__slug=organisation)
    return memberships.order_by("network__slug", "id")


@router.post(
    "/memberships",
    response={201: MembershipOut},
    auth=write_auth,
    summary="Add a city or organisation you edit to a network",
)
@answers(404)  # a record named in the body is unknown
def add_membership(request: HttpRequest, payload: MembershipIn) -> Any:
    network = get_object_or_404(Network, slug=payload.network)
    owner = services.owner_by_slugs(payload.city, payload.organisation)
    values = payload.dict(include={"role", "joined_year", "left_year"})
    membership = services.add_membership(network, by=api_user(request), **owner, **values)
    return Status(201, _memberships().get(pk=membership.pk))


@router.get(
    "/memberships/{membership_id}", response=MembershipOut, auth=read_auth, summary="One membership"
)
def get_membership(request: HttpRequest, membership_id: int) -> Any:
    return get_object_or_404(_memberships(), pk=membership_id)


@router.patch(
    "/memberships/{membership_id}",
    response=MembershipOut,
    auth=write_auth,
    summary="Change a membership's role or years (the member's editors)",
)
def change_membership(request: HttpRequest, membership_id: int, payload: MembershipPatch) -> Any:
    membership = get_object_or_404(Membership, pk=membership_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    services.update_membership(
        membership, changes, by=api_user(request), based_on_version=payload.version
    )
    return _memberships().get(pk=membership.pk)


@router.delete(
    "/memberships/{membership_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a membership with its focal points (kept as revisions)",
)
def remove_membership(request: HttpRequest, membership_id: int) -> Any:
    membership = get_object_or_404(Membership, pk=membership_id)
    services.delete_membership(membership, by=api_user(request))
    return Status(204, None)


# --- focal points --------------------------------------------------------------------


@router.post(
    "/memberships/{membership_id}/focal-points",
    response={201: FocalPointOut},
    auth=write_auth,
    summary="Name a focal point for a membership (the member's editors)",
)
def add_focal_point(request: HttpRequest, membership_id: int, payload: FocalPointIn) -> Any:
    membership = get_object_or_404(Membership, pk=membership_id)
    focal_point = services.add_focal_point(membership, by=api_user(request), **payload.dict())
    return Status(201, focal_point)


@router.patch(
    "/focal-points/{focal_point_id}",
    response=FocalPointOut,
    auth=write_auth,
    summary="Change a focal point (the member's editors)",
)
def change_focal_point(request: HttpRequest, focal_point_id: int, payload: FocalPointPatch) -> Any:
    focal_point = get_object_or_404(
        FocalPoint.objects.select_related("membership"), pk=focal_point_id
    )
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if changes.get("email") is None:
        changes.pop("email", None)
    return services.update_focal_point(
        focal_point, changes, by=api_user(request), based_on_version=payload.version
    )


@router.delete(
    "/focal-points/{focal_point_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a focal point (kept as a revision)",
)
def remove_focal_point(request: HttpRequest, focal_point_id: int) -> Any:
    focal_point = get_object_or_404(
        FocalPoint.objects.select_related("membership"), pk=focal_point_id
    )
    services.delete_focal_point(focal_point, by=api_user(request))
    return Status(204, None)


# --- partnerships --------------------------------------------------------------------


def _partnerships() -> Any:
    return Partnership.objects.select_related("city_a", "city_b")


@router.get(
    "/partnerships",
    response=list[PartnershipOut],
    auth=read_auth,
    summary="List partnerships between cities",
    description="`city` (a slug) gives the partnerships that city is in, on either side.",
)
@paginate(LimitOffset)
def list_partnerships(request: HttpRequest, city: str = "", **kwargs: Any) -> Any:
    partnerships = _partnerships()
    if city:
        partnerships = partnerships.filter(city_a__slug=city) | partnerships.filter(
            city_b__slug=city
        )
    return partnerships.order_by("id")


@router.post(
    "/partnerships",
    response={201: PartnershipOut},
    auth=write_auth,
    summary="Record a partnership of a city you edit",
)
@answers(404)  # a record named in the body is unknown
def add_partnership(request: HttpRequest, payload: PartnershipIn) -> Any:
    city = get_object_or_404(City, slug=payload.city)
    partner = get_object_or_404(City, slug=payload.partner)
    values = payload.dict(include={"kind", "since_year", "description"})
    partnership = services.add_partnership(city, by=api_user(request), city_b=partner, **values)
    return Status(201, _partnerships().get(pk=partnership.pk))


@router.patch(
    "/partnerships/{partnership_id}",
    response=PartnershipOut,
    auth=write_auth,
    summary="Change a partnership (the editors of the city that recorded it)",
)
def change_partnership(request: HttpRequest, partnership_id: int, payload: PartnershipPatch) -> Any:
    partnership = get_object_or_404(_partnerships(), pk=partnership_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "partner" in changes:
        changes["city_b"] = get_object_or_404(City, slug=changes.pop("partner"))
    services.update_partnership(
        partnership, changes, by=api_user(request), based_on_version=payload.version
    )
    return _partnerships().get(pk=partnership.pk)


@router.delete(
    "/partnerships/{partnership_id}",
    response={204: None},
    auth=write_auth,
    summary="Remove a partnership (kept as a revision)",
)
def remove_partnership(request: HttpRequest, partnership_id: int) -> Any:
    partnership = get_object_or_404(_partnerships(), pk=partnership_id)
    services.delete_partnership(partnership, by=api_user(request))
    return Status(204, None)
