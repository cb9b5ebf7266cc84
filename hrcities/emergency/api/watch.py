"""The watch figures, per city and across the network, as the dashboard shows them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from hrcities.core.apidoc import answers
from hrcities.core.apiutils import api_user, read_auth
from hrcities.network.models import City

from ..queries import watch
from .schemas import WatchOut

router = Router()


def _ref(measure: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": measure.pk,
        "title": measure.title,
        "applies_in": measure.applies_in.slug,
        "sunset_on": measure.sunset_on,
        "latest_outcome": measure.latest_outcome,
        "next_review_on": measure.latest_next_review_on,
        "unpublished_reviews": measure.unpublished_reviews,
        "url": request.build_absolute_uri(measure.get_absolute_url()),
    }


def _counts(rows: list[tuple[Any, int, int]]) -> list[dict[str, Any]]:
    return [
        {"slug": choice.slug, "name": choice.name, "measures": every, "in_force": current}
        for choice, every, current in rows
    ]


@router.get(
    "/watch",
    response=WatchOut,
    auth=read_auth,
    summary="Measures to watch: past their sunset, never reviewed, review overdue, worrying",
    description="Counted over the measures and published reviews you may see; `city` (a "
    "slug) narrows it to the measures that apply in that city.",
)
@answers(404)  # a record named in the query is unknown
def get_watch(request: HttpRequest, city: str | None = None) -> Any:
    place = get_object_or_404(City, slug=city) if city else None
    figures = watch(api_user(request), city=place)
    return {
        "city": city,
        "today": figures.today,
        "total": figures.total,
        "in_force": figures.in_force,
        **{
            name: [_ref(m, request) for m in getattr(figures, name)]
            for name in ("past_sunset", "never_reviewed", "review_overdue", "worrying")
        },
        "by_issue": _counts(figures.by_issue),
        "by_group": _counts(figures.by_group),
    }
