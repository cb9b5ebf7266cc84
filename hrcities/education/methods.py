"""A city's teaching methods: the shared ones and those the city adds (access/citylists.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hrcities.access.citylist_pages import CityList, views_for
from hrcities.network.models import City

from .models import Method


def method_dependants(method: Method) -> list[str]:
    """Return what keeps a method from being deleted: the programmes that teach by it."""
    count = method.programmes.count()
    if not count:
        return []
    return [
        ngettext("%(n)s programme uses this method.", "%(n)s programmes use this method.", count)
        % {"n": count}
    ]


METHODS = CityList(
    model=Method,
    city_model=City,
    url_prefix="education:method",
    dependants=method_dependants,
    texts={
        "title": _("Teaching methods"),
        "intro": _(
            "Programmes choose how they teach from this list. The shared methods serve every "
            "city; a city adds its own."
        ),
        "add_link": _("Add a teaching method"),
        "add": _("Add a teaching method to %(city)s"),
        "add_button": _("Add the method"),
        "added": _("The method was added."),
        "edit": _("Edit the method “%(name)s”"),
        "save_button": _("Save"),
        "saved": _("The method was saved."),
        "delete": _("Delete the method “%(name)s”?"),
        "delete_consequence": _("Programmes can no longer choose it."),
        "delete_button": _("Delete the method"),
        "deleted": _("The method “%(name)s” was deleted."),
        "used_by": _("Programmes"),
        "empty": _("No teaching methods yet: add the first."),
    },
)

views: dict[str, Any] = views_for(METHODS)
