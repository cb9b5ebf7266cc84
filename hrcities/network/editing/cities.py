"""Removing a city from the registry (network admins), after a page that asks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.editing import confirm_page

from .. import services
from ..models import City
from .organisations import SUBNAV


@login_required
@require_http_methods(["GET", "POST"])
def city_delete(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    require_network_admin(request.user)
    return confirm_page(
        request,
        title=_("Remove %(name)s from the registry?") % {"name": city.name},
        consequences=[
            _("The city leaves the registry, the map and the lists, and its page is gone."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        refusal=services.city_dependants(city),
        button=_("Remove the city"),
        action=lambda: services.delete_city(city, by=request.user),
        done=_("%(name)s was removed from the registry.") % {"name": city.name},
        back=city.get_absolute_url(),
        next_url=reverse("network:city-list"),
        subnav=SUBNAV,
    )
