"""What the commitments add to other apps' pages: a city's actions and their progress."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from .models import Action
from .progress import progress_by_action

# The city page shows the first actions; the city's follow-up page lists them all.
SHOWN = 5


def city_section(request: HttpRequest, city: Any) -> tuple[str, dict[str, Any]]:
    """Return the city page's section: how many actions the city takes on the network's
    commitments, and the first of them with their status, progress and milestones.

    Actions carry no access rule: every action is public. Four queries, whatever the
    number of actions.
    """
    actions = Action.objects.filter(city=city)
    totals = actions.aggregate(
        count=Count("pk"),
        promises=Count("commitment", distinct=True),
        closed=Count("pk", filter=Q(status__is_closed=True)),
    )
    first = list(
        actions.select_related("status", "commitment__declaration")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
        .in_follow_up_order()[:SHOWN]
    )
    progress = progress_by_action({action.commitment_id for action in first})
    return (
        "commitments/_city_actions.html",
        {
            "city": city,
            "totals": totals,
            "overdue": actions.overdue().count(),
            "rows": [(action, progress[action.pk]) for action in first],
        },
    )
