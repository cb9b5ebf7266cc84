"""Writes of themes and affected groups by network admins (revisions and audit included)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hrcities.core.services import create_record, delete_record, update_record

from .models import AffectedGroup, HumanRightsTheme

Vocabulary = type[HumanRightsTheme] | type[AffectedGroup]


def _clean_list(values: list[str] | None) -> list[str]:
    cleaned: list[str] = []
    for value in values or []:
        value = " ".join(str(value).split())
        if value and value not in cleaned:
            cleaned.append(value)
    return cleaned


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    for field in ("aliases", "legacy_codes"):
        if field in values:
            values[field] = _clean_list(values[field])
    if "names" in values:
        values["names"] = {k: v.strip() for k, v in (values["names"] or {}).items() if v.strip()}
    return values


def create_entry(model: Vocabulary, *, by: Any, **values: Any) -> Any:
    """Create a theme or group; the slug comes from the name unless given."""
    values = _clean(values)
    values["slug"] = values.get("slug") or slugify(values.get("name", ""))[:120]
    if model.objects.filter(slug=values["slug"]).exists():
        raise ValidationError({"slug": _("“%(slug)s” is taken.") % {"slug": values["slug"]}})
    return create_record(model, by=by, **values)


def update_entry(entry: Any, changes: dict[str, Any], *, by: Any, based_on_version: int) -> Any:
    """Change a theme or group unless someone else changed it since `based_on_version`."""
    return update_record(entry, _clean(changes), by=by, based_on_version=based_on_version)


def delete_entry(entry: Any, *, by: Any) -> None:
    """Delete a theme or group; recommendations lose the tag, the revision keeps it."""
    delete_record(entry, by=by)
