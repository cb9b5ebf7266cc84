"""Reviews of a measure, answered question by question, and the checklist they answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from hrcities.archive.api.schemas import ReturnToDraftIn
from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.network.services import owner_by_slugs

from .. import services
from ..checklist import CRITERIA
from ..models import Answer, Outcome
from ..queries import visible_reviews
from .common import references, review_detail, review_summary, visible_measure, visible_review
from .schemas import ChecklistOut, ReviewDetail, ReviewIn, ReviewPatch, ReviewSummary

router = Router()


@router.get(
    "/checklist",
    response=ChecklistOut,
    auth=read_auth,
    summary="The questions a review answers, with the standards each is drawn from",
    description="Drawn from ICCPR article 4 and General Comment 29, the Siracusa Principles "
    "and the UN human rights office's April 2020 guidance on emergency measures.",
)
def get_checklist(request: HttpRequest) -> Any:
    return {
        "answers": list(Answer.values),
        "outcomes": list(Outcome.values),
        "criteria": [
            {"slug": c.slug, "question": str(c.question), "sources": c.sources} for c in CRITERIA
        ],
    }


@router.get(
    "/measures/{measure_id}/reviews",
    response=list[ReviewSummary],
    auth=read_auth,
    summary="The reviews of a measure you may see, latest first",
)
def list_reviews(request: HttpRequest, measure_id: int) -> Any:
    user = api_user(request)
    measure = visible_measure(user, measure_id)
    reviews = visible_reviews(user).filter(measure=measure).select_related("city", "organisation")
    return [review_summary(r, request) for r in reviews]


@router.get(
    "/measures/{measure_id}/reviews/{review_id}",
    response=ReviewDetail,
    auth=read_auth,
    summary="One review with its answers and evidence",
)
def get_review(request: HttpRequest, measure_id: int, review_id: int) -> Any:
    return review_detail(visible_review(api_user(request), measure_id, review_id), request)


def _answers(data: dict[str, Any]) -> Any:
    answers = data.pop("answers", None)
    if answers is None:
        return None
    return {slug: {**given, "answer": str(given["answer"])} for slug, given in answers.items()}


@router.post(
    "/measures/{measure_id}/reviews",
    response={201: ReviewDetail},
    auth=write_auth,
    summary="Start a review of a measure you may see, as a draft of your city or organisation",
    description="`answers` maps checklist question slugs (GET /emergency/checklist) to "
    "{answer, evidence, note}. A review for another city than yours answers 403.",
)
def create_review(request: HttpRequest, measure_id: int, payload: ReviewIn) -> Any:
    user = api_user(request)
    measure = visible_measure(user, measure_id)
    data = payload.dict(exclude_none=True)
    answers = _answers(data)
    owner = owner_by_slugs(data.pop("city", None), data.pop("organisation", None))
    values = {**owner, **references(user, data, owner.get("city"))}
    review = services.create_review(measure, by=user, answers=answers, **values)
    return Status(201, review_detail(visible_review(user, measure_id, review.pk), request))


@router.patch(
    "/measures/{measure_id}/reviews/{review_id}",
    response=ReviewDetail,
    auth=write_auth,
    summary="Change a review; `answers`, when given, replace all its answers",
    description="Send the `version` you read; 409 if it changed since.",
)
def change_review(
    request: HttpRequest, measure_id: int, review_id: int, payload: ReviewPatch
) -> Any:
    user = api_user(request)
    review = visible_review(user, measure_id, review_id)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    answers = _answers(data)
    changes = references(user, data, review.city)
    services.update_review(
        review, changes, by=user, based_on_version=payload.version, answers=answers
    )
    return review_detail(visible_review(user, measure_id, review_id), request)


def _verb(name: str, summary_text: str) -> None:
    verb = getattr(services, f"{name}_review")

    def act(request: HttpRequest, measure_id: int, review_id: int) -> Any:
        user = api_user(request)
        verb(visible_review(user, measure_id, review_id), by=user)
        return review_detail(visible_review(user, measure_id, review_id), request)

    act.__name__ = f"{name}_review"
    router.post(
        f"/measures/{{measure_id}}/reviews/{{review_id}}/{name}",
        response=ReviewDetail,
        auth=write_auth,
        summary=summary_text,
    )(act)


_verb("submit", "Hand a review with every question answered to the owner's reviewers")
_verb("publish", "Publish a review of a published measure (the owner's editors and reviewers)")


@router.post(
    "/measures/{measure_id}/reviews/{review_id}/return",
    response=ReviewDetail,
    auth=write_auth,
    summary="Return a submitted review to draft, with a note to its submitter (reviewers)",
    description="Refused (422) unless the review is submitted.",
)
def return_review(
    request: HttpRequest, measure_id: int, review_id: int, payload: ReturnToDraftIn
) -> Any:
    user = api_user(request)
    services.return_review(visible_review(user, measure_id, review_id), by=user, note=payload.note)
    return review_detail(visible_review(user, measure_id, review_id), request)
