"""A role's scope, read from the slugs a request body gives."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..forms import City, Organisation


def scope_of(payload: Any) -> dict[str, Any]:
    """Return the city and organisation a body names by slug; 422 naming an unknown one."""
    scope: dict[str, Any] = {"city": None, "organisation": None}
    for field, model in (("city", City), ("organisation", Organisation)):
        slug = getattr(payload, field)
        if slug:
            scope[field] = model.objects.filter(slug=slug).first()
            if scope[field] is None:
                message = _("Nothing has the slug “%(slug)s”.") % {"slug": slug}
                raise ValidationError({field: message})
    return scope
