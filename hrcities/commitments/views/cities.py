"""A city's follow-up: its actions by declaration and commitment, with their progress."""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hrcities.network.models import City

from ..models import Action, Commitment, Declaration
from ..progress import progress_by_action

PAGE_SIZE = 50


def city_actions(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    all_actions = Action.objects.filter(city=city)
    ordered = all_actions.select_related(
        "commitment__declaration", "status", "parent"
    ).in_follow_up_order()
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = list(page.object_list)
    progress = progress_by_action({a.commitment_id for a in actions})
    groups: dict[Declaration, dict[Commitment, list[tuple[Action, float]]]] = defaultdict(dict)
    for action in actions:
        commitment = action.commitment
        groups[commitment.declaration].setdefault(commitment, []).append(
            (action, progress.get(action.pk, float(action.own_progress)))
        )
    context = {
        "city": city,
        "groups": [(d, list(by_commitment.items())) for d, by_commitment in groups.items()],
        "action_count": page.paginator.count,
        "overdue_count": all_actions.overdue().count(),
        "page": page,
    }
    return render(request, "commitments/city_actions.html", context)
