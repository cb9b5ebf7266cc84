"""Emergency measures in the one search, with what their reviews say.

A measure's document carries the measure's own access fields, so a draft measure is found
only by those who may read it (`visible_to`, as everywhere). Reviews have no documents of
their own: a measure's document also holds the summaries and recommendations of its
reviews that *every* reader of the measure may read (published, not withdrawn, and public;
or open to network members when the measure itself is not public), and its "outcome"
facet is the outcome of the latest of those. A draft, submitted, withdrawn or restricted
review therefore never reaches the index. A reader who may see more (a members-only
review of a public measure, a review restricted to them) gets the outcome of the latest
review they may see, decided at search time (`outcomes_for`), so filters and counts follow
the pages' rule and no count tells of a review the reader may not see. Saving or
deleting a review rewrites its measure's document in the same transaction.

"In force" is decided on the day the document is written; a measure that comes into force
or is lifted on a later day without any edit keeps yesterday's label until
`hrcities refresh_in_force` (run it daily) rewrites the documents whose label is out of
date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.access.tiers import Access, AfterEmbargo, Publication
from hrcities.search.indexing import index_record, tag_labels
from hrcities.search.models import SearchDocument
from hrcities.search.registry import (
    KINDS,
    DocumentData,
    Source,
    access_of,
    register,
    register_facet_names,
    register_reader_values,
)

from .models import Emergency, Issue, Measure, Outcome, Review

UNREVIEWED = "unreviewed"


def reviews_shown_with(measure: Measure) -> list[Review]:
    """Return the reviews every reader of the measure may read, latest first."""
    readers = [Access.PUBLIC]
    if measure.access in (Access.NETWORK, Access.RESTRICTED) or (
        measure.access == Access.EMBARGOED and measure.after_embargo == AfterEmbargo.NETWORK
    ):
        # Only signed-in people ever read such a measure: what members read, they read.
        readers.append(Access.NETWORK)
    return [
        review
        for review in measure.reviews.all()
        if review.publication == Publication.PUBLISHED
        and not review.is_withdrawn
        and review.access in readers
    ]


def latest_outcome(measure: Measure) -> str:
    shown = sorted(reviews_shown_with(measure), key=lambda r: (r.reviewed_on, r.pk), reverse=True)
    return shown[0].outcome if shown else UNREVIEWED


def measure_labels(measure: Measure) -> list[str]:
    """Return the facet labels of a measure: tags, groups, emergency, issues, outcome, in
    force or not, and the city where it applies."""
    today = timezone.localdate()
    in_force = measure.in_force_from <= today and not (
        measure.lifted_on and measure.lifted_on <= today
    )
    return [
        *tag_labels(measure),
        *(f"group:{group.slug}" for group in measure.target_groups.all()),
        *(f"issue:{issue.slug}" for issue in measure.issues.all()),
        f"emergency:{measure.emergency.slug}",
        f"outcome:{latest_outcome(measure)}",
        f"in_force:{'yes' if in_force else 'no'}",
        f"city:{measure.applies_in.slug}",
    ]


def _title(titles: dict[str, str], fallback: str) -> str:
    return titles.get("en") or titles.get("ko") or next(iter(titles.values()), "") or fallback


def measure_document(measure: Measure) -> DocumentData:
    titles = {code: text for code, text in (measure.titles or {}).items() if text}
    reviews = reviews_shown_with(measure)
    texts = [
        *(measure.summaries or {}).values(),
        *(measure.legal_basis or {}).values(),
        *(t for r in reviews for t in (r.summaries or {}).values()),
        *(t for r in reviews for t in (r.recommendations or {}).values()),
    ]
    names = [
        *titles.values(),
        *(measure.authority or {}).values(),
        *(measure.emergency.names or {}).values(),
        *(name for issue in measure.issues.all() for name in (issue.names or {}).values()),
        str(measure.policy_code or ""),
        measure.get_kind_display(),
    ]
    return DocumentData(
        title=_title(titles, f"#{measure.pk}"),
        titles=titles,
        text="\n".join(t for t in texts if t),
        language=measure.original_language,
        url=measure.get_absolute_url(),
        extra=" ".join(n for n in names if n),
        city=measure.city,
        organisation=measure.organisation,
        date_start=measure.in_force_from,
        date_end=measure.lifted_on or measure.sunset_on,
        labels=measure_labels(measure),
        **access_of(measure),
    )


# What a measure's document reads of its reviews.
REVIEW_FIELDS = (
    "measure",
    "access",
    "publication",
    "is_withdrawn",
    "reviewed_on",
    "outcome",
    "summaries",
    "recommendations",
)


def _measure_of(review: Review) -> list[int]:
    return [review.measure_id] if review.measure_id else []


register(
    "measure",
    Measure,
    document=measure_document,
    queryset=lambda: Measure.objects.select_related(
        "city", "organisation", "applies_in", "emergency", "policy_code"
    ).prefetch_related(
        "taggings",
        "target_groups",
        "issues",
        "reviews",
        "allowed_users",
        "allowed_organisations",
    ),
    label=_("Emergency measure"),
    sources=[Source(Review, _measure_of, fields=REVIEW_FIELDS)],
)


def stale_in_force(today: date | None = None) -> QuerySet[Measure]:
    """Return the measures whose document says "in force" when they are not, or the reverse."""
    current = Q(pk__in=Measure.objects.in_force(today).values("pk"))
    labelled = Q(
        pk__in=SearchDocument.objects.filter(kind="measure", labels__label="in_force:yes").values(
            "object_id"
        )
    )
    return Measure.objects.filter((current & ~labelled) | (~current & labelled))


def refresh_in_force(today: date | None = None) -> int:
    """Rewrite the documents of the measures whose in-force label is out of date."""
    kind = KINDS["measure"]
    stale = list(stale_in_force(today).values_list("pk", flat=True))
    for measure in kind.queryset().filter(pk__in=stale):
        index_record(kind, measure)
    return len(stale)


def emergency_names(slugs: list[str]) -> dict[str, str]:
    # A city's own emergency may share a slug with another city's: the shared one names it.
    emergencies = sorted(Emergency.objects.filter(slug__in=slugs), key=lambda e: e.city_id is None)
    return {e.slug: e.name for e in emergencies}


def issue_names(slugs: list[str]) -> dict[str, str]:
    return {issue.slug: issue.name for issue in Issue.objects.filter(slug__in=slugs)}


def outcome_names(values: list[str]) -> dict[str, str]:
    names = {value: str(Outcome(value).label) for value in values if value in Outcome.values}
    if UNREVIEWED in values:
        names[UNREVIEWED] = str(_("Not reviewed"))
    return names


def in_force_names(values: list[str]) -> dict[str, str]:
    known = {"yes": _("In force"), "no": _("Not in force")}
    return {value: str(known[value]) for value in values if value in known}


def outcomes_for(user: Any) -> dict[int, str]:
    """Return the outcome facet of the measures whose latest review `user` may see is not
    one every reader of the measure may: {measure id: outcome of the latest published
    review the user may see}, the rule of the pages and the API (`with_latest_review`)."""
    published = Review.objects.visible_to(user).published()
    # Every reader of a measure reads its public reviews (the document's own label), and
    # members read its members-only reviews when only members read the measure.
    own = published.exclude(access=Access.PUBLIC).values("measure")
    outcomes: dict[int, str] = {}
    ordered = published.filter(measure__in=own).order_by("measure", "reviewed_on", "pk")
    for measure, outcome in ordered.values_list("measure", "outcome"):
        outcomes[measure] = outcome
    return outcomes


register_reader_values("measure", "outcome", outcomes_for)
register_facet_names("emergency", emergency_names)
register_facet_names("issue", issue_names)
register_facet_names("outcome", outcome_names)
register_facet_names("in_force", in_force_names)
