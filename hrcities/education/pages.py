"""What the education network adds to other apps' pages: a city's programmes."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest

from hrcities.access.keepers import keeps_anything
from hrcities.accounts.permissions import can_create_in

from . import queries


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]]:
    """Return the city page's education section: the programmes it keeps or provides,
    with the sessions and participants of those the reader may see."""
    user = request.user
    programmes = list(
        queries.city_programmes(city, user).annotate(session_count=Count("sessions", distinct=True))
    )
    sessions = queries.visible_sessions(user).filter(programme__in=[p.pk for p in programmes])
    return (
        "education/_city_programmes.html",
        {
            "city": city,
            "programmes": programmes,
            "totals": queries.totals_of(sessions),
            "show_status": keeps_anything(user),
            "may_edit": can_create_in(user, city=city),
        },
    )
