"""Writes to the network registry. Each goes through core's create/update/delete, so every
change keeps a revision, is audited and refuses stale edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.core.services import create_record, delete_record, update_record

from .models import City, Country, GeoNamesPlace, Organisation


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


def delete_organisation(organisation: Organisation, *, by: Any) -> None:
    """Remove an organisation from the registry (its last state stays restorable)."""
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
