"""A city's emergencies: the shared ones and those the city adds (access/citylists.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hrcities.access.citylist_pages import CityList, views_for
from hrcities.network.models import City

from .models import Emergency


def emergency_dependants(emergency: Emergency) -> list[str]:
    """Return what keeps an emergency from being deleted: the measures that answer it."""
    count = emergency.measures.count()
    if not count:
        return []
    return [
        ngettext(
            "%(n)s measure answers this emergency.", "%(n)s measures answer this emergency.", count
        )
        % {"n": count}
    ]


EMERGENCIES = CityList(
    model=Emergency,
    city_model=City,
    url_prefix="emergency:emergency",
    dependants=emergency_dependants,
    texts={
        "title": _("Emergencies"),
        "intro": _(
            "Measures say which emergency they answer from this list. The shared emergencies "
            "serve every city; a city adds its own."
        ),
        "add_link": _("Add an emergency"),
        "add": _("Add an emergency to %(city)s"),
        "add_button": _("Add the emergency"),
        "added": _("The emergency was added."),
        "edit": _("Edit the emergency “%(name)s”"),
        "save_button": _("Save"),
        "saved": _("The emergency was saved."),
        "delete": _("Delete the emergency “%(name)s”?"),
        "delete_consequence": _("Measures can no longer choose it."),
        "delete_button": _("Delete the emergency"),
        "deleted": _("The emergency “%(name)s” was deleted."),
        "used_by": _("Measures"),
        "empty": _("No emergencies yet: add the first."),
    },
)

views: dict[str, Any] = views_for(EMERGENCIES)
