"""Reading measures and reviews as one reader may: the records, the latest outcome of each
measure, and the watch dashboard's figures.

Every figure here is counted from what the reader may see (`visible_to`), and a measure's
"latest review" is its latest published review the reader may see, so no count or outcome
tells of a draft review or a hidden measure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.taxonomy.models import AffectedGroup

from .models import Issue, Measure, Outcome, Review

WORRYING = (Outcome.INCOMPATIBLE, Outcome.CONCERNS)


def visible_measures(user: Any) -> QuerySet[Measure]:
    return Measure.objects.visible_to(user)


def visible_reviews(user: Any) -> QuerySet[Review]:
    return Review.objects.visible_to(user)


def get_measure_for_user(user: Any, pk: int) -> Measure:
    """Return the measure if the user may see it; 404 otherwise, never telling it exists."""
    return get_object_or_404(
        visible_measures(user).select_related(
            "city", "organisation", "applies_in", "emergency", "policy_code"
        ),
        pk=pk,
    )


def get_review_for_user(user: Any, measure_pk: int, pk: int) -> Review:
    """Return the review of that measure if the user may see both; 404 otherwise."""
    return get_object_or_404(
        visible_reviews(user).select_related("measure", "city", "organisation"),
        measure_id=measure_pk,
        pk=pk,
    )


def with_latest_review(measures: QuerySet[Measure], user: Any) -> QuerySet[Measure]:
    """Annotate each measure with the outcome, day and next review day of its latest
    published review the user may see (`latest_outcome`, `latest_reviewed_on`,
    `latest_next_review_on`; None when it has none)."""
    latest = (
        visible_reviews(user)
        .published()
        .filter(measure=OuterRef("pk"))
        .order_by("-reviewed_on", "-id")
    )
    return measures.annotate(
        latest_outcome=Subquery(latest.values("outcome")[:1]),
        latest_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
        latest_next_review_on=Subquery(latest.values("next_review_on")[:1]),
    )


def with_unpublished_reviews(measures: QuerySet[Measure], user: Any) -> QuerySet[Measure]:
    """Annotate each measure with how many of its reviews the user may see that are not
    published yet (`unpublished_reviews`): drafts and submitted reviews, which only their
    keepers see, so for anyone else the count is 0 and tells of no draft."""
    unpublished = (
        visible_reviews(user)
        .filter(
            measure=OuterRef("pk"),
            publication__in=[Publication.DRAFT, Publication.SUBMITTED],
            is_withdrawn=False,
        )
        .order_by()
        .values("measure")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return measures.annotate(unpublished_reviews=Coalesce(Subquery(unpublished[:1]), 0))


@dataclass
class Watch:
    """What the watch dashboard shows, for one city or the whole network."""

    today: date
    past_sunset: list[Measure]
    never_reviewed: list[Measure]  # each with `unpublished_reviews` the reader may see
    review_overdue: list[Measure]
    worrying: list[Measure]
    in_force: int
    total: int
    by_issue: list[tuple[Issue, int, int]] = field(default_factory=list)  # all, in force
    by_group: list[tuple[AffectedGroup, int, int]] = field(default_factory=list)

    @property
    def alerts(self) -> int:
        return (
            len(self.past_sunset)
            + len(self.never_reviewed)
            + len(self.review_overdue)
            + len(self.worrying)
        )


def watch(user: Any, *, city: Any = None, today: date | None = None) -> Watch:
    """Return the dashboard figures over the measures the user may see (of `city`, or all)."""
    today = today or timezone.localdate()
    measures = visible_measures(user)
    if city is not None:
        measures = measures.filter(applies_in=city)
    rows = list(
        with_unpublished_reviews(with_latest_review(measures, user), user)
        .select_related("applies_in", "emergency", "city", "organisation")
        .order_by("applies_in__slug", "-in_force_from", "id")
    )
    in_force = [m for m in rows if m.is_in_force(today)]
    in_force_ids = {m.pk for m in in_force}
    all_ids = [m.pk for m in rows]
    return Watch(
        today=today,
        past_sunset=[m for m in in_force if m.sunset_on and m.sunset_on < today],
        never_reviewed=[m for m in rows if m.latest_outcome is None and not m.lifted_on],
        review_overdue=[
            m
            for m in in_force
            if m.latest_next_review_on is not None and m.latest_next_review_on < today
        ],
        worrying=[m for m in in_force if m.latest_outcome in WORRYING],
        in_force=len(in_force),
        total=len(rows),
        by_issue=_counted(Issue.objects.all(), "issues", all_ids, in_force_ids),
        by_group=_counted(AffectedGroup.objects.all(), "target_groups", all_ids, in_force_ids),
    )


def _counted(
    choices: QuerySet, link: str, all_ids: list[int], in_force_ids: set[int]
) -> list[tuple[Any, int, int]]:
    """Return (choice, measures, measures in force) for each choice some measure has."""
    through = getattr(Measure, link).through
    column = f"{choices.model._meta.model_name}_id"
    pairs = list(through.objects.filter(measure_id__in=all_ids).values_list(column, "measure_id"))
    every = Counter(choice for choice, _m in pairs)
    current = Counter(choice for choice, measure in pairs if measure in in_force_ids)
    found = choices.filter(pk__in=every)
    return sorted(
        ((choice, every[choice.pk], current[choice.pk]) for choice in found),
        key=lambda row: (-row[1], str(row[0])),
    )


@dataclass
class Year:
    """A city's emergency measures in one year, for its annual report: those in force at
    some point of the year, what happened to them, and the reviews made that year."""

    year: int
    measures: list[tuple[Measure, list[Any], Review | None]]  # changes that year, latest review
    introduced: int
    extended: int
    lifted: int
    reviews: list[Review]
    outcomes: dict[str, int]


def year_of(city: Any, year: int, user: Any) -> Year:
    """Return the measures of `city` in force during `year` and the year's reviews, as
    `user` may see them."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    measures = list(
        visible_measures(user)
        .filter(applies_in=city, in_force_from__lte=last)
        .exclude(lifted_on__lt=first)
        .select_related("emergency", "city", "organisation")
        .prefetch_related("changes")
        .order_by("in_force_from", "id")
    )
    published = visible_reviews(user).published().filter(measure__in=measures)
    latest: dict[int, Review] = {}
    for review in published.filter(reviewed_on__lte=last).order_by("reviewed_on", "id"):
        latest[review.measure_id] = review
    rows, counts = [], Counter()
    for measure in measures:
        changes = [c for c in measure.changes.all() if c.on.year == year]
        counts.update(c.kind for c in changes)
        rows.append((measure, changes, latest.get(measure.pk)))
    reviews = list(
        published.filter(reviewed_on__year=year).select_related("measure", "city", "organisation")
    )
    return Year(
        year=year,
        measures=rows,
        introduced=counts["introduced"],
        extended=counts["extended"],
        lifted=counts["lifted"],
        reviews=reviews,
        outcomes={o: sum(1 for r in reviews if r.outcome == o) for o in Outcome.values},
    )
