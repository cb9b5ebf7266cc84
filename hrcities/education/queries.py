"""What the education pages, the city page and the report read: the programmes a user may
see, their lineage both ways, where they travelled, and totals of sessions and participants.

Sessions, materials and counts are read only through `Programme.objects.visible_to(user)`,
so no page, total or report counts what its reader may not see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from hrcities.network.models import City

from .models import Programme, Session


def visible_programmes(user: Any) -> Any:
    return Programme.objects.visible_to(user)


def get_programme_for_user(user: Any, slug: str) -> Programme:
    """Return the programme if the user may see it; 404 otherwise, never saying it exists."""
    return get_object_or_404(
        visible_programmes(user).select_related("city", "organisation", "adapted_from"),
        slug=slug,
    )


def visible_sessions(user: Any) -> Any:
    """Return the sessions of the programmes the user may see."""
    return Session.objects.filter(programme__in=visible_programmes(user).values("pk"))


def get_session_for_user(user: Any, slug: str, pk: int) -> Session:
    return get_object_or_404(
        visible_sessions(user).select_related("programme", "city"), programme__slug=slug, pk=pk
    )


def lineage_for(programme: Programme, user: Any) -> list[Programme]:
    """Return the programmes this one was adapted from that the user may see, nearest first."""
    chain = programme.lineage()
    seen = set(
        visible_programmes(user).filter(pk__in=[p.pk for p in chain]).values_list("pk", flat=True)
    )
    return [p for p in chain if p.pk in seen]


def descendants_for(programme: Programme, user: Any) -> list[tuple[Programme, int]]:
    """Return the adaptations of this programme and of its adaptations that the user may
    see, each with its distance from it (1: adapted from it directly)."""
    visible = visible_programmes(user)
    found: list[tuple[Programme, int]] = []
    seen = {programme.pk}
    level, depth = [programme.pk], 0
    while level:
        depth += 1
        children = list(
            Programme.objects.filter(adapted_from__in=level)
            .exclude(pk__in=seen)
            .select_related("city", "organisation")
        )
        seen.update(c.pk for c in children)
        shown = set(visible.filter(pk__in=[c.pk for c in children]).values_list("pk", flat=True))
        found.extend((c, depth) for c in children if c.pk in shown)
        # An adaptation the user may not see hides its own adaptations' link to this one.
        level = [c.pk for c in children if c.pk in shown]
    return found


@dataclass
class Stop:
    """A city where a programme or one of its adaptations is kept or has run."""

    city: City
    programmes: list[Programme] = field(default_factory=list)
    sessions: int = 0
    participants: int = 0


def travels(programme: Programme, user: Any) -> list[Stop]:
    """Return the cities that keep or ran this programme, its sources and adaptations
    the user may see, with their sessions and participants there."""
    family = [*reversed(lineage_for(programme, user)), programme]
    family += [p for p, _depth in descendants_for(programme, user)]
    stops: dict[int, Stop] = {}
    for member in family:
        if member.city_id:
            stop = stops.setdefault(member.city_id, Stop(member.city))
            if member not in stop.programmes:
                stop.programmes.append(member)
    rows = (
        Session.objects.filter(programme__in=[p.pk for p in family], city__isnull=False)
        .values("city")
        .annotate(sessions=Count("pk"), participants=Sum("participants"))
    )
    cities = City.objects.in_bulk([r["city"] for r in rows])
    for row in rows:
        stop = stops.setdefault(row["city"], Stop(cities[row["city"]]))
        stop.sessions, stop.participants = row["sessions"], row["participants"] or 0
    return sorted(stops.values(), key=lambda s: s.city.name)


@dataclass
class Totals:
    sessions: int = 0
    participants: int = 0


def totals_of(sessions: Any) -> Totals:
    row = sessions.aggregate(sessions=Count("pk"), participants=Sum("participants"))
    return Totals(row["sessions"] or 0, row["participants"] or 0)


def totals_by(sessions: Any, key: str) -> list[dict[str, Any]]:
    """Return sessions and participants grouped by `key` (a field path or "year")."""
    if key == "year":
        sessions = sessions.annotate(year=ExtractYear("starts_on"))
    rows = sessions.values(key).annotate(sessions=Count("pk"), participants=Sum("participants"))
    return list(rows.order_by(key))


def totals_by_year(sessions: Any) -> list[dict[str, Any]]:
    return totals_by(sessions, "year")


def totals_by_programme(sessions: Any) -> list[dict[str, Any]]:
    """Return the totals per programme, each with its programme, largest first."""
    rows = totals_by(sessions, "programme")
    programmes = Programme.objects.in_bulk([r["programme"] for r in rows])
    for row in rows:
        row["programme"] = programmes[row["programme"]]
    return sorted(rows, key=lambda r: (-(r["participants"] or 0), r["programme"].title))


def totals_by_city(sessions: Any) -> list[dict[str, Any]]:
    """Return the totals per city where the sessions ran (None: online or not recorded)."""
    rows = totals_by(sessions, "city")
    cities = City.objects.in_bulk([r["city"] for r in rows if r["city"]])
    for row in rows:
        row["city"] = cities.get(row["city"])
    return sorted(rows, key=lambda r: (r["city"] is None, r["city"].name if r["city"] else ""))


def counts_by_group(sessions: Any) -> dict[str, dict[str, int]]:
    """Return the participants counted per breakdown and group: {dimension: {value: n}}."""
    from .models import ParticipantCount

    rows = (
        ParticipantCount.objects.filter(session__in=sessions.values("pk"))
        .values("dimension__slug", "value")
        .annotate(total=Sum("count"))
    )
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row["dimension__slug"]][row["value"]] = row["total"]
    return dict(result)


def city_programmes(city: City, user: Any) -> Any:
    """Return the programmes a city keeps or provides that the user may see."""
    return (
        visible_programmes(user)
        .filter(Q(city=city) | Q(provider_cities=city))
        .distinct()
        .select_related("city", "organisation")
    )
