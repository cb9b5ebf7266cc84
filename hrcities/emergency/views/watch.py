"""The watch dashboard (per city and across the network) and a city's timeline."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.indicators.models import Indicator, Observation
from hrcities.network.models import City

from .. import queries
from ..timeline import overlay_of, timeline_chart


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    cities = City.objects.filter(pk__in=queries.visible_measures(user).values("applies_in"))
    slug = request.GET.get("city", "").strip()
    city = cities.filter(slug=slug).first() if slug else None
    context = {
        "watch": queries.watch(user, city=city),
        "city": city,
        "cities": cities,
        "chosen": slug,
        "unknown_city": bool(slug) and city is None,
    }
    return render(request, "emergency/dashboard.html", context)


def city_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's measures on a time axis, optionally over one of its indicators."""
    user = request.user
    city = get_object_or_404(City, slug=slug)
    today = timezone.localdate()
    measures = list(
        queries.visible_measures(user)
        .filter(applies_in=city)
        .prefetch_related("changes")
        .order_by("in_force_from", "id")
    )
    indicators = Indicator.objects.visible_to(user).filter(city=city).order_by("code")
    chosen = request.GET.get("indicator", "").strip()
    indicator = indicators.filter(pk=chosen).first() if chosen.isdigit() else None
    overlay = None
    if indicator is not None:
        observations = list(
            Observation.objects.visible_to(user)
            .totals()
            .filter(indicator=indicator)
            .order_by("year", "period")
        )
        overlay = overlay_of(indicator, observations)
    chart = timeline_chart(
        measures,
        title=_("Emergency measures in %(city)s") % {"city": city.name},
        today=today,
        overlay=overlay,
        identifier=f"timeline-{city.slug}",
    )
    context = {
        "city": city,
        "chart": chart,
        "indicators": indicators,
        "indicator": indicator,
        "overlay": overlay,
        "chosen": chosen,
    }
    return render(request, "emergency/timeline.html", context)
