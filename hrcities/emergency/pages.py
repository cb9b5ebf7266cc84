"""What the emergency measures review adds to other apps' pages: a city's measures."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hrcities.access.keepers import keeps_anything
from hrcities.accounts.permissions import can_create_in

from . import queries


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]]:
    """Return the city page's section: the measures that apply in the city, as the
    reader may see them, with their latest reviews and the watch figures."""
    user = request.user
    today = timezone.localdate()
    visible = queries.visible_measures(user).filter(applies_in=city)
    measures = (
        queries.with_latest_review(visible, user)
        .select_related("applies_in", "emergency")
        .order_by("-in_force_from", "id")
    )
    return (
        "emergency/_city_measures.html",
        {
            "city": city,
            "measures": [(m, m.is_in_force(today)) for m in measures],
            "watch": queries.watch(user, city=city, today=today),
            "show_status": keeps_anything(user),
            "may_edit": can_create_in(user, city=city),
            "today": today,
        },
    )
