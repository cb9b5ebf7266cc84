"""Pages for the reference vocabularies (read-only: edits go through the API and admin)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hrcities.accounts.permissions import can_edit

from .forms import RecommendationFilterForm
from .models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Tagging,
    TagStatus,
    UprRecommendation,
)
from .tags import decided_suggestion, spoken_name, tags_for

PAGE_SIZE = 25


# The session remembers the last decision a person made on a suggestion, so the page they
# come back to (the record's, its tags page or the queue) offers to undo it.
UNDO_KEY = "tag_undo"
# What the last decision made from the queue did, said on the queue's page.
QUEUE_MESSAGE_KEY = "tag_queue_message"


def offer_undo(request: HttpRequest, tagging: Tagging) -> None:
    request.session[UNDO_KEY] = tagging.pk


def pending_undo(request: HttpRequest, record: Any = None) -> Tagging | None:
    """Return the decision to offer to undo on this page (once), if the user may undo it.

    On a record's page only a decision on that record is offered; elsewhere any decision
    on a record the user may still read and change.
    """
    session = getattr(request, "session", None)
    if session is None or UNDO_KEY not in session:
        return None
    if record is not None:
        taggings = Tagging.objects.for_record(record).filter(pk=session[UNDO_KEY])
        tagging = taggings.exclude(status=TagStatus.SUGGESTED).first()
        if tagging is None:
            return None  # kept for the page it belongs to
        session.pop(UNDO_KEY)
        return tagging if can_edit(request.user, record) else None
    try:
        tagging, found = decided_suggestion(session.pop(UNDO_KEY), request.user)
    except Http404:
        return None
    return tagging if can_edit(request.user, found) else None


def tag_context(
    request: HttpRequest, record: Any, message: str = "", undo: Tagging | None = None
) -> dict[str, Any]:
    """Return what `commitments/_tags.html` needs: a record's tags, and may the user decide."""
    undo = undo or pending_undo(request, record)
    return {
        "record": record,
        "tags": tags_for(record),
        "may_decide": can_edit(request.user, record),
        "tag_message": message,
        "tag_undo": undo,
        "tag_undo_name": spoken_name(undo.label) if undo else "",
        "tag_next": request.POST.get("next")
        if request.method == "POST"
        else request.get_full_path(),
    }


def _recommendations_page(request: HttpRequest, recommendations) -> object:
    recommendations = recommendations.prefetch_related("themes", "sdg_goals")
    return Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))


def index(request: HttpRequest) -> HttpResponse:
    counts = {
        "goals": SdgGoal.objects.count(),
        "targets": SdgTarget.objects.count(),
        "indicators": SdgIndicator.objects.count(),
        "themes": HumanRightsTheme.objects.count(),
        "groups": AffectedGroup.objects.count(),
        "recommendations": UprRecommendation.objects.count(),
    }
    return render(request, "taxonomy/index.html", {"counts": counts})


def goal_list(request: HttpRequest) -> HttpResponse:
    # One count per relation: counting all three in one join multiplies a goal's targets
    # by its indicators by its recommendations (150 ms for the 17 goals, not 2).
    goals = SdgGoal.objects.annotate(
        target_count=_count_per_goal(SdgTarget.objects, "goal"),
        indicator_count=_count_per_goal(SdgIndicator.objects, "goal"),
        recommendation_count=_count_per_goal(
            UprRecommendation.sdg_goals.through.objects, "sdggoal"
        ),
    )
    return render(request, "taxonomy/goal_list.html", {"goals": goals})


def _count_per_goal(rows: Any, goal_field: str) -> Coalesce:
    """Return a subquery counting the rows that point at the outer goal (0 for none)."""
    counted = Subquery(
        rows.filter(**{goal_field: OuterRef("pk")})
        .order_by()
        .values(goal_field)
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    return Coalesce(counted, 0)


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = get_object_or_404(SdgGoal, number=number)
    indicators = SdgIndicator.objects.select_related("canonical").prefetch_related(
        "repeats", "canonical__repeats"
    )
    targets = goal.targets.prefetch_related(Prefetch("indicators", queryset=indicators))
    return render(
        request,
        "taxonomy/goal_detail.html",
        {
            "goal": goal,
            "targets": targets,
            "recommendation_count": goal.recommendations.count(),
        },
    )


def theme_list(request: HttpRequest) -> HttpResponse:
    themes = HumanRightsTheme.objects.annotate(recommendation_count=Count("recommendations"))
    return render(request, "taxonomy/theme_list.html", {"themes": themes})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(HumanRightsTheme, slug=slug)
    page = _recommendations_page(request, theme.recommendations.sorted_by(None))
    return render(request, "taxonomy/theme_detail.html", {"theme": theme, "page": page})


def group_list(request: HttpRequest) -> HttpResponse:
    groups = AffectedGroup.objects.annotate(recommendation_count=Count("recommendations"))
    return render(request, "taxonomy/group_list.html", {"groups": groups})


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(AffectedGroup, slug=slug)
    page = _recommendations_page(request, group.recommendations.sorted_by(None))
    return render(request, "taxonomy/group_detail.html", {"group": group, "page": page})


def recommendation_list(request: HttpRequest) -> HttpResponse:
    form = RecommendationFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    recommendations = (
        UprRecommendation.objects.filtered(**filters)
        .sorted_by(form.sort_order() if form.is_bound else None)
        .distinct()
    )
    page = _recommendations_page(request, recommendations)
    return render(
        request,
        "taxonomy/recommendation_list.html",
        {"form": form, "page": page, "is_filtered": any(filters.values())},
    )


def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(UprRecommendation.objects.with_published_tags(), pk=pk)
    context = tag_context(request, recommendation)
    # A decision reloads the page (recommendations have no tag page to swap from): come
    # back to the tags, where the next suggestion is.
    context["tag_next"] += "#tags"
    return render(
        request,
        "taxonomy/recommendation_detail.html",
        {"recommendation": recommendation, **context},
    )
