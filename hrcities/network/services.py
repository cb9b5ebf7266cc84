"""Writes to the network registry. Each goes through core's create/update/delete, so every
change keeps a revision, is audited and refuses stale edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrcities.accounts.permissions import require_create_in, require_edit, require_network_admin
from hrcities.core.dependants import dependant_lines, refuse_deletion
from hrcities.core.services import create_record, delete_record, update_record

from .models import (
    City,
    Country,
    FocalPoint,
    GeoNamesPlace,
    Membership,
    Network,
    Organisation,
    Partnership,
)


def merge_names(current: dict[str, str], changes: dict[str, str | None]) -> dict[str, str]:
    """Return `current` with `changes` applied; an empty or null name removes the language."""
    names = dict(current)
    for language, text in changes.items():
        text = (text or "").strip()
        if text:
            names[language] = text
        else:
            names.pop(language, None)
    return names


def unique_city_slug(place: GeoNamesPlace) -> str:
    """Return a free slug for a city: its name, else name and country ("york-us")."""
    base = slugify(place.name) or f"place-{place.geonames_id}"
    for candidate in (base, f"{base}-{place.country_code.lower()}", f"{base}-{place.geonames_id}"):
        if not City.objects.filter(slug=candidate).exists():
            return candidate
    raise ValidationError({"slug": _("No free address (slug) for this city.")})


@transaction.atomic
def create_city_from_place(place: GeoNamesPlace, *, by: Any, **values: Any) -> City:
    """Register a city located by a GeoNames place; `values` may add or override fields."""
    if City.objects.filter(geonames_id=place.geonames_id).exists():
        raise ValidationError(
            {"geonames_id": _("%(place)s is already in the registry.") % {"place": place.name}}
        )
    country = Country.objects.filter(iso2=place.country_code).first()
    if country is None:
        raise ValidationError(
            {"country": _("The country %(code)s is not loaded.") % {"code": place.country_code}}
        )
    names = {"en": place.name}
    if place.preferred_korean_name:
        names["ko"] = place.preferred_korean_name
    fields: dict[str, Any] = {
        "slug": unique_city_slug(place),
        "geonames_id": place.geonames_id,
        "names": names,
        "country": country,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "population": place.population or None,
    }
    if "names" in values:
        values["names"] = merge_names(names, values["names"] or {})
    fields.update({key: value for key, value in values.items() if value is not None})
    return create_record(City, by=by, **fields)


def update_city(city: City, changes: dict[str, Any], *, by: Any, based_on_version: int) -> City:
    """Change a city's facts, refusing the edit if the city moved on since `based_on_version`."""
    changes = dict(changes)
    if "names" in changes:
        changes["names"] = merge_names(city.names, changes["names"] or {})
    return update_record(city, changes, by=by, based_on_version=based_on_version)


def create_organisation(*, by: Any, **values: Any) -> Organisation:
    """Register an organisation."""
    values["names"] = merge_names({}, values.get("names") or {})
    if not values.get("slug"):
        values["slug"] = slugify(values["names"].get("en", "")) or None
    return create_record(Organisation, by=by, **values)


def update_organisation(
    organisation: Organisation, changes: dict[str, Any], *, by: Any, based_on_version: int
) -> Organisation:
    """Change an organisation, refusing the edit if it moved on since `based_on_version`."""
    changes = dict(changes)
    if "names" in changes:
        changes["names"] = merge_names(organisation.names, changes["names"] or {})
    return update_record(organisation, changes, by=by, based_on_version=based_on_version)


def delete_city(city: City, *, by: Any) -> None:
    """Remove a city from the registry (its last state stays restorable)."""
    delete_record(city, by=by)


def organisation_dependants(organisation: Organisation) -> list[str]:
    """Return what still depends on an organisation, one line per kind of record."""
    return dependant_lines(
        organisation,
        {
            "network.membership": lambda n: (
                ngettext("It is a member of %(n)s network.", "It is a member of %(n)s networks.", n)
                % {"n": n}
            ),
            "accounts.roleassignment": lambda n: (
                ngettext("%(n)s person holds a role in it.", "%(n)s people hold roles in it.", n)
                % {"n": n}
            ),
            "commitments.action": lambda n: (
                ngettext("%(n)s action is its own.", "%(n)s actions are its own.", n) % {"n": n}
            ),
            "commitments.endorsement": lambda n: (
                ngettext("It endorses %(n)s commitment.", "It endorses %(n)s commitments.", n)
                % {"n": n}
            ),
        },
        # Search documents are derived from the records counted above.
        skip=["search.searchdocument"],
    )


@transaction.atomic
def delete_organisation(organisation: Organisation, *, by: Any) -> None:
    """Remove an organisation nothing depends on (its last state stays restorable)."""
    require_network_admin(by)
    refuse_deletion(organisation, organisation_dependants(organisation))
    delete_record(organisation, by=by)


def owner_from_cells(
    city: str, organisation: str, bad: Callable[[str, str], None]
) -> tuple[City | None, Organisation | None]:
    """Return the city or organisation an imported row names by slug in its two cells.

    A row naming both, or an unknown one, is reported through `bad(column, message)`; a
    row naming neither gets (None, None) unreported, as each import words that itself.
    """
    if city and organisation:
        bad("city", _("Give a city or an organisation, not both."))
        return None, None
    if city:
        found = City.objects.filter(slug=city).first()
        if found is None:
            bad("city", _("Unknown city “%(v)s”.") % {"v": city[:80]})
        return found, None
    if organisation:
        found_org = Organisation.objects.filter(slug=organisation).first()
        if found_org is None:
            bad("organisation", _("Unknown organisation “%(v)s”.") % {"v": organisation[:80]})
        return None, found_org
    return None, None


def owner_by_slugs(city: str | None, organisation: str | None) -> dict[str, Any]:
    """Return {"city": ..., "organisation": ...} for exactly one owner given by slug.

    Raise a ValidationError naming the field when neither or both are given, or the slug
    is unknown (the API answers it as a 422 problem).
    """
    if bool(city) == bool(organisation):
        raise ValidationError({"city": _("Give either a city or an organisation.")})
    if city:
        found = City.objects.filter(slug=city).first()
        if found is None:
            raise ValidationError({"city": _("Unknown city “%(slug)s”.") % {"slug": city}})
        return {"city": found, "organisation": None}
    found_org = Organisation.objects.filter(slug=organisation).first()
    if found_org is None:
        raise ValidationError(
            {"organisation": _("Unknown organisation “%(slug)s”.") % {"slug": organisation}}
        )
    return {"city": None, "organisation": found_org}


# --- networks ------------------------------------------------------------------------


def create_network(*, by: Any, **values: Any) -> Network:
    """Register a network of cities (network admins)."""
    require_network_admin(by)
    values["names"] = merge_names({}, values.get("names") or {})
    if not values.get("slug"):
        values["slug"] = slugify(values["names"].get("en", "")) or None
    return create_record(Network, by=by, **values)


def update_network(
    network: Network, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Network:
    """Change a network, refusing the edit if it moved on since `based_on_version`."""
    require_network_admin(by)
    changes = dict(changes)
    if "names" in changes:
        changes["names"] = merge_names(network.names, changes["names"] or {})
    return update_record(network, changes, by=by, based_on_version=based_on_version)


def network_dependants(network: Network) -> list[str]:
    """Return what still depends on a network: its memberships."""
    return dependant_lines(
        network,
        {
            "network.membership": lambda n: (
                ngettext(
                    "%(n)s city or organisation is a member of it.",
                    "%(n)s cities and organisations are members of it.",
                    n,
                )
                % {"n": n}
            )
        },
    )


@transaction.atomic
def delete_network(network: Network, *, by: Any) -> None:
    """Remove a network without members (its last state stays restorable)."""
    require_network_admin(by)
    refuse_deletion(network, network_dependants(network))
    delete_record(network, by=by)


# --- memberships and focal points ----------------------------------------------------


@transaction.atomic
def add_membership(
    network: Network, *, by: Any, city: City | None = None, organisation: Any = None, **values: Any
) -> Membership:
    """Record that a city or organisation the user edits belongs to a network."""
    require_create_in(by, city=city, organisation=organisation)
    member = city or organisation
    if Membership.objects.filter(network=network, city=city, organisation=organisation).exists():
        raise ValidationError(
            {
                "network": _("%(member)s is already a member of %(network)s.")
                % {"member": member, "network": network}
            }
        )
    return create_record(
        Membership, by=by, network=network, city=city, organisation=organisation, **values
    )


MEMBERSHIP_FIELDS = {"joined_year", "left_year", "role"}


def update_membership(
    membership: Membership, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Membership:
    """Change a membership's years or role (its network and member stay)."""
    require_edit(by, membership)
    fixed = set(changes) - MEMBERSHIP_FIELDS
    if fixed:
        raise ValidationError(
            {name: _("A membership keeps its network and member.") for name in sorted(fixed)}
        )
    return update_record(membership, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_membership(membership: Membership, *, by: Any) -> None:
    """End the record of a membership, with its focal points (both kept as revisions)."""
    require_edit(by, membership)
    for focal_point in membership.focal_points.all():
        delete_record(focal_point, by=by)
    delete_record(membership, by=by)


@transaction.atomic
def add_focal_point(membership: Membership, *, by: Any, **values: Any) -> FocalPoint:
    """Name a contact person for a membership the user edits."""
    require_edit(by, membership)
    return create_record(FocalPoint, by=by, membership=membership, **values)


FOCAL_POINT_FIELDS = {"name", "position", "email"}


def update_focal_point(
    focal_point: FocalPoint, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> FocalPoint:
    """Change a focal point's name, position or email."""
    require_edit(by, focal_point)
    fixed = set(changes) - FOCAL_POINT_FIELDS
    if fixed:
        raise ValidationError(
            {name: _("A focal point stays with its membership.") for name in sorted(fixed)}
        )
    return update_record(focal_point, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_focal_point(focal_point: FocalPoint, *, by: Any) -> None:
    require_edit(by, focal_point)
    delete_record(focal_point, by=by)


# --- partnerships ----------------------------------------------------------------------


def _check_partner(city: City, partner: City | None) -> None:
    if partner is not None and partner.pk == city.pk:
        raise ValidationError({"city_b": _("A city cannot be its own partner.")})


@transaction.atomic
def add_partnership(city: City, *, by: Any, city_b: City, **values: Any) -> Partnership:
    """Record a partnership of a city the user edits with another city."""
    require_create_in(by, city=city)
    _check_partner(city, city_b)
    kind = values.get("kind", Partnership.Kind.EXCHANGE)
    if Partnership.objects.filter(
        models.Q(city_a=city, city_b=city_b) | models.Q(city_a=city_b, city_b=city), kind=kind
    ).exists():
        raise ValidationError(
            {"city_b": _("This partnership with %(city)s is already recorded.") % {"city": city_b}}
        )
    return create_record(Partnership, by=by, city_a=city, city_b=city_b, **values)


PARTNERSHIP_FIELDS = {"city_b", "kind", "since_year", "description"}


def update_partnership(
    partnership: Partnership, changes: dict[str, Any], *, by: Any, based_on_version: int | None
) -> Partnership:
    """Change a partnership (the editors of its first city, and network admins)."""
    require_edit(by, partnership)
    fixed = set(changes) - PARTNERSHIP_FIELDS
    if fixed:
        raise ValidationError(
            {name: _("A partnership stays with the city that recorded it.") for name in fixed}
        )
    _check_partner(partnership.city_a, changes.get("city_b"))
    return update_record(partnership, changes, by=by, based_on_version=based_on_version)


@transaction.atomic
def delete_partnership(partnership: Partnership, *, by: Any) -> None:
    require_edit(by, partnership)
    delete_record(partnership, by=by)
