"""What the pages share: who may act for which owner, and finding a commitment or an action."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse

from hrcities.accounts.permissions import (
    EDIT_ROLES,
    is_network_admin,
)
from hrcities.network.models import City, Organisation

from ..models import Action, Commitment


def editable_owners(user: Any) -> tuple[Any, Any]:
    """Return the cities and organisations the user may create actions for."""
    if is_network_admin(user):
        return City.objects.all(), Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return City.objects.none(), Organisation.objects.none()
    roles = {"roles__user": user, "roles__role__in": EDIT_ROLES}
    return (
        City.objects.filter(**roles).distinct(),
        Organisation.objects.filter(**roles).distinct(),
    )


def owner_link(owner: Any) -> str:
    """Return the follow-up page of a city, or the page of an organisation."""
    if isinstance(owner, City):
        return reverse("commitments:city-actions", args=[owner.slug])
    return owner.get_absolute_url()


def get_commitment(slug: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("declaration"), declaration__slug=slug, number=number
    )


def get_action(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related(
            "commitment__declaration", "city", "organisation", "status", "parent"
        ),
        pk=pk,
    )
