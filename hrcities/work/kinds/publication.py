"""Records in their publication workflow: those waiting for the reader's review, the
reader's own submissions decided, and embargoes about to end."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from hrcities.access.keepers import kept_filter
from hrcities.access.tiers import Access, Publication
from hrcities.core.models import Revision

from ..models import Frequency
from ..registry import Kind, WorkItem, register
from .common import (
    AHEAD_DAYS,
    RECENT_DAYS,
    content_type,
    day_of,
    label_of,
    publication_models,
    readable,
    title_for,
    url_of,
)

# A revision records a change of publication as {"publication": [before, after]}.
SUBMITTED_TO = "changes__publication__1"
DECIDED_FROM = "changes__publication__0"


def submissions(model: Any, pks: list[Any]) -> dict[str, Revision]:
    """The latest submission of each record (its revision that made it "submitted")."""
    latest: dict[str, Revision] = {}
    found = Revision.objects.filter(
        content_type=content_type(model),
        object_id__in=[str(pk) for pk in pks],
        **{SUBMITTED_TO: Publication.SUBMITTED},
    ).order_by("id")
    for revision in found:
        latest[revision.object_id] = revision
    return latest


def review_key(model: Any, pk: Any, submission: Revision | None, version: int) -> str:
    moment = f"r{submission.pk}" if submission else f"v{version}"
    return f"{label_of(model)}:{pk}:{moment}"


def _waiting_for_review(user: Any) -> list[tuple[Any, list[Any]]]:
    found = []
    for model in publication_models():
        records = list(
            readable(model, user)
            .filter(kept_filter(user))
            .filter(publication=Publication.SUBMITTED, is_withdrawn=False)
        )
        if records:
            found.append((model, records))
    return found


def submitted_for_review(user: Any, today: date) -> list[WorkItem]:
    """Records submitted for review that this user keeps (reviews and may publish)."""
    items = []
    for model, records in _waiting_for_review(user):
        submitted = submissions(model, [r.pk for r in records])
        for record in records:
            submission = submitted.get(str(record.pk))
            items.append(
                WorkItem(
                    key=review_key(model, record.pk, submission, record.version),
                    title=title_for(record, user),
                    url=url_of(record),
                    date=day_of(submission.created_at if submission else record.updated_at),
                    note=str(model._meta.verbose_name),
                )
            )
    return sorted(items, key=lambda item: item.date)


def count_for_review(user: Any, today: date) -> int:
    return sum(
        readable(model, user)
        .filter(kept_filter(user))
        .filter(publication=Publication.SUBMITTED, is_withdrawn=False)
        .count()
        for model in publication_models()
    )


def decisions_on(user: Any, since: Any) -> list[tuple[Any, Revision, Revision]]:
    """(model, the user's submission, the decision) for each of the user's submissions
    published or returned to draft by someone else since `since`."""
    found = []
    by_type = {content_type(model).pk: model for model in publication_models()}
    decided = (
        Revision.objects.filter(created_at__gte=since, content_type__in=list(by_type))
        .filter(**{DECIDED_FROM: Publication.SUBMITTED})
        .filter(Q(**{SUBMITTED_TO: Publication.PUBLISHED}) | Q(**{SUBMITTED_TO: Publication.DRAFT}))
        .exclude(author=user)
        .order_by("id")
    )
    for decision in decided:
        submission = (
            Revision.objects.filter(
                content_type_id=decision.content_type_id,
                object_id=decision.object_id,
                id__lt=decision.pk,
                **{SUBMITTED_TO: Publication.SUBMITTED},
            )
            .order_by("-id")
            .first()
        )
        if submission is not None and submission.author_id == user.pk:
            found.append((by_type[decision.content_type_id], submission, decision))
    return found


def decision_key(model: Any, object_id: Any, decision: Revision) -> str:
    return f"{label_of(model)}:{object_id}:r{decision.pk}"


def submissions_decided(user: Any, today: date) -> list[WorkItem]:
    """The user's own submissions published or sent back to draft in the last days.

    A record the user may no longer read (published as restricted, say) is listed
    without its title or link: that it was decided is theirs to know, not what it is.
    """
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    items = []
    for model, _submission, decision in decisions_on(user, since):
        record = readable(model, user).filter(pk=decision.object_id).first()
        published = decision.changes["publication"][1] == Publication.PUBLISHED
        note = pgettext("decision", "published") if published else _("sent back to draft")
        items.append(
            WorkItem(
                key=decision_key(model, decision.object_id, decision),
                title=title_for(record, user)
                if record
                else str(_("A record you submitted, which you may no longer open")),
                url=url_of(record) if record else "",
                date=day_of(decision.created_at),
                note=str(note),
            )
        )
    return sorted(items, key=lambda item: item.date, reverse=True)


def embargoes_ending(user: Any, today: date) -> list[WorkItem]:
    """Embargoes on records this user keeps that end within the coming days."""
    items = []
    for model in publication_models():
        records = (
            readable(model, user)
            .filter(kept_filter(user))
            .filter(
                access=Access.EMBARGOED,
                is_withdrawn=False,
                embargo_until__gte=today,
                embargo_until__lte=today + timedelta(days=AHEAD_DAYS),
            )
        )
        for record in records:
            items.append(
                WorkItem(
                    key=f"{label_of(model)}:{record.pk}:{record.embargo_until.isoformat()}",
                    title=title_for(record, user),
                    url=url_of(record),
                    date=record.embargo_until,
                    note=str(model._meta.verbose_name),
                )
            )
    return sorted(items, key=lambda item: item.date)


REVIEW = register(
    Kind(
        "review",
        _("Waiting for your review"),
        _("Records of your city or organisation that a contributor submitted for review."),
        submitted_for_review,
        1,
        default=Frequency.AT_ONCE,
        count=count_for_review,
    )
)
DECIDED = register(
    Kind(
        "decided",
        _("Your submissions decided"),
        _("Records you submitted that a reviewer published or sent back, in the last two weeks."),
        submissions_decided,
        2,
        default=Frequency.AT_ONCE,
    )
)
EMBARGOES = register(
    Kind(
        "embargoes",
        _("Embargoes ending soon"),
        _("Records you keep whose embargo ends within 30 days."),
        embargoes_ending,
        4,
    )
)
