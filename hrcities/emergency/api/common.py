"""What the emergency endpoints share: finding records for a caller, shaping answers, and
turning slugs and ids of a request body into records.

Every read goes through `queries` (Measure/Review `visible_to`, the one rule), so a draft
measure, or a draft review, answers 404 to whoever may not see it, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.archive.models import Item
from hrcities.commitments.models import Action
from hrcities.indicators.models import Indicator
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import AffectedGroup

from ..models import Emergency, Issue, Measure, PolicyCode, Review
from ..queries import visible_measures, visible_reviews, with_latest_review


def _slug(record: Any) -> str | None:
    return record.slug if record is not None else None


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def measures_for(user: Any) -> QuerySet[Measure]:
    """Return the measures the user may see, with their latest review, ready to show."""
    return (
        with_latest_review(visible_measures(user), user)
        .select_related("city", "organisation", "applies_in", "emergency", "policy_code")
        .prefetch_related("issues")
    )


def visible_measure(user: Any, measure_id: int) -> Measure:
    """Return a measure the user may see, or 404 naming the id and nothing more."""
    measure = measures_for(user).filter(pk=measure_id).first()
    if measure is None:
        raise Http404(_("No emergency measure you may see has the id %(id)s.") % {"id": measure_id})
    return measure


def visible_review(user: Any, measure_id: int, review_id: int) -> Review:
    """Return a review of that measure if the user may see both; 404 otherwise."""
    review = (
        visible_reviews(user)
        .select_related("measure", "city", "organisation")
        .filter(measure__pk=measure_id, pk=review_id)  # an id past any integer finds none
        .first()
    )
    if review is None:
        raise Http404(
            _("No review %(review)s of a measure %(measure)s you may see.")
            % {"review": review_id, "measure": measure_id}
        )
    return review


def measure_summary(measure: Measure, request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "id": measure.pk,
        "title": measure.title,
        "titles": measure.titles,
        "city": _slug(measure.city),
        "organisation": _slug(measure.organisation),
        "applies_in": measure.applies_in.slug,
        "level": measure.level,
        "kind": measure.kind,
        "emergency": measure.emergency.slug,
        "issues": [issue.slug for issue in measure.issues.all()],
        "introduced_on": measure.introduced_on,
        "in_force_from": measure.in_force_from,
        "sunset_on": measure.sunset_on,
        "lifted_on": measure.lifted_on,
        "is_in_force": measure.in_force_from <= today
        and not (measure.lifted_on and measure.lifted_on <= today),
        "latest_review": {
            "outcome": getattr(measure, "latest_outcome", None),
            "reviewed_on": getattr(measure, "latest_reviewed_on", None),
            "next_review_on": getattr(measure, "latest_next_review_on", None),
        },
        "access": measure.access,
        "publication": measure.publication,
        "version": measure.version,
        "url": _url(request, measure.get_absolute_url()),
        "is_demo": measure.is_demo,
    }


def source_out(source: Any, request: HttpRequest) -> dict[str, Any]:
    path = reverse("emergency:source-file", args=[source.pk]) if source.file else source.url
    return {
        "id": source.pk,
        "title": str(source),
        "titles": source.titles,
        "url": _url(request, path) if source.file else path,
        "is_file": bool(source.file),
        "content_type": source.content_type,
        "size": source.size,
    }


def change_out(change: Any) -> dict[str, Any]:
    return {
        "id": change.pk,
        "kind": change.kind,
        "on": change.on,
        "new_sunset": change.new_sunset,
        "note": change.note,
    }


def measure_detail(measure: Measure, user: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        **measure_summary(measure, request),
        "original_language": measure.original_language,
        "authority": measure.authority,
        "summaries": measure.summaries,
        "legal_basis": measure.legal_basis,
        "policy_code": measure.policy_code.code if measure.policy_code else None,
        "policy_level": measure.policy_level,
        "is_targeted": measure.is_targeted,
        "target_groups": [g.slug for g in measure.target_groups.all()],
        "actions": sorted(measure.actions.values_list("pk", flat=True)),
        "indicators": sorted(
            Indicator.objects.visible_to(user)
            .filter(emergency_measures=measure)
            .values_list("pk", flat=True)
        ),
        "items": sorted(
            Item.objects.visible_to(user)
            .filter(emergency_measures=measure)
            .values_list("pk", flat=True)
        ),
        "embargo_until": measure.embargo_until,
        "after_embargo": measure.after_embargo,
        "changes": [change_out(c) for c in measure.changes.all()],
        "sources": [source_out(s, request) for s in measure.sources.all()],
        "reviews": list(visible_reviews(user).filter(measure=measure).values_list("pk", flat=True)),
    }


def review_summary(review: Review, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": review.pk,
        "measure": review.measure_id,
        "city": _slug(review.city),
        "organisation": _slug(review.organisation),
        "reviewer_name": review.reviewer_name,
        "reviewed_on": review.reviewed_on,
        "next_review_on": review.next_review_on,
        "outcome": review.outcome,
        "access": review.access,
        "publication": review.publication,
        "version": review.version,
        "url": _url(request, review.get_absolute_url()),
        "is_demo": review.is_demo,
    }


def review_detail(review: Review, request: HttpRequest) -> dict[str, Any]:
    from ..services import unanswered

    return {
        **review_summary(review, request),
        "summaries": review.summaries,
        "recommendations": review.recommendations,
        "answers": {
            a.criterion: {"answer": a.answer, "evidence": a.evidence, "note": a.note}
            for a in review.answers.all()
        },
        "unanswered": unanswered(review),
        "embargo_until": review.embargo_until,
        "after_embargo": review.after_embargo,
    }


# --- request bodies -------------------------------------------------------------------


def _by_slugs(queryset: QuerySet, field: str, slugs: list[str]) -> list[Any]:
    found = {record.slug: record for record in queryset.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError({field: _("Unknown: %(v)s.") % {"v": ", ".join(unknown)[:200]}})
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _by_ids(queryset: QuerySet, field: str, ids: list[int]) -> list[Any]:
    found = {record.pk: record for record in queryset.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {field: _("No record you may see has the id %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def emergencies_for(city: Any) -> QuerySet[Emergency]:
    """The emergencies a measure of `city` may answer: the shared ones and the city's own."""
    return Emergency.objects.filter(Q(city__isnull=True) | Q(city=city))


def _emergency(slug: str, city: Any) -> Emergency:
    found = sorted(emergencies_for(city).filter(slug=slug), key=lambda e: e.city_id is None)
    if not found:
        raise ValidationError({"emergency": _("Unknown emergency “%(v)s”.") % {"v": slug[:80]}})
    return found[0]  # the city's own before a shared one of the same slug


def _policy_code(code: str) -> PolicyCode:
    found = PolicyCode.objects.filter(code=code.upper()).first()
    if found is None:
        raise ValidationError(
            {"policy_code": _("Unknown OxCGRT policy code “%(v)s”.") % {"v": code[:10]}}
        )
    return found


def references(user: Any, data: dict[str, Any], city: Any) -> dict[str, Any]:
    """Turn the slugs and ids of a measure or review payload into records, as the services
    take them. A record the caller may not see is refused as one that does not exist."""
    values: dict[str, Any] = {}
    slugged = {
        "issues": Issue.objects.all(),
        "target_groups": AffectedGroup.objects.all(),
        "allowed_organisations": Organisation.objects.all(),
    }
    numbered = {
        "items": Item.objects.visible_to(user),
        "actions": Action.objects.all(),
        "indicators": Indicator.objects.visible_to(user),
    }
    for name, value in data.items():
        if name in slugged:
            values[name] = _by_slugs(slugged[name], name, value or [])
        elif name in numbered:
            values[name] = _by_ids(numbered[name], name, value or [])
        elif name == "applies_in":
            values[name] = _by_slugs(City.objects.all(), name, [value])[0] if value else None
        elif name == "emergency":
            values[name] = _emergency(value, city) if value else None
        elif name == "policy_code":
            values[name] = _policy_code(value) if value else None
        elif name == "allowed_users":
            users = list(get_user_model().objects.filter(username__in=value or []))
            if len(users) != len(set(value or [])):
                raise ValidationError({name: _("Some of these users do not exist.")})
            values[name] = users
        elif hasattr(value, "value"):  # a choice
            values[name] = str(value.value)
        else:
            values[name] = value
    return values
