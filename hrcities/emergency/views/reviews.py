"""Reviews: a review's page, its form with the ten checklist questions, and its publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.access.keepers import can_change, can_review, keeps, require_review
from hrcities.archive.views.review import return_to_draft_page
from hrcities.core.dates import format_day
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict

from .. import queries, services
from ..checklist import CRITERIA
from ..forms import FIELD_FOR, ReviewForm
from .common import PAGE, change_state, confirm_page, may_set_access, owners_or_refuse

FORM = "emergency/review_form.html"


def _language() -> str:
    language = (get_language() or "en").split("-")[0]
    return language if language in ("en", "ko") else "en"


def review_detail(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    user = request.user
    review = queries.get_review_for_user(user, measure_pk, pk)
    answers = {a.criterion: a for a in review.answers.all()}
    context = {
        "review": review,
        "measure": review.measure,
        "rows": [(c, answers.get(c.slug)) for c in CRITERIA],
        "unanswered": services.unanswered(review),
        "may_change": can_change(user, review),
        "may_review": can_review(user, review),
        "keeps": keeps(user, review),
    }
    return render(request, "emergency/review_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, measure_pk: int) -> HttpResponse:
    user = request.user
    measure = queries.get_measure_for_user(user, measure_pk)
    cities, organisations = owners_or_refuse(user, _("reviews"))
    options = {
        "cities": cities,
        "organisations": organisations,
        "may_set_access": may_set_access(user),
    }
    context: dict[str, Any] = {"measure": measure}
    if request.method == "GET":
        initial: dict[str, Any] = {
            "reviewed_on": timezone.localdate(),
            "text_language": _language(),
            "reviewer_name": user.get_full_name() or user.get_username(),
        }
        if cities.count() == 1 and not organisations.exists():
            initial["owner"] = f"city:{cities.first().slug}"
        return render(request, FORM, {**context, "form": ReviewForm(initial=initial, **options)})
    form = ReviewForm(request.POST, **options)
    if form.is_valid():
        try:
            review = services.create_review(
                measure, by=user, answers=form.answers(), **form.values()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The review was saved as a draft."))
            return redirect(review)
    return render(request, FORM, {**context, "form": form}, status=400)


def add_errors(form: ReviewForm, error: ValidationError) -> None:
    add_model_errors(form, error, FIELD_FOR)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    user = request.user
    review = queries.get_review_for_user(user, measure_pk, pk)
    services.require_change(user, review)
    options = {"review": review, "may_set_access": can_review(user, review)}
    context: dict[str, Any] = {"measure": review.measure, "review": review}
    if request.method == "GET":
        language = request.GET.get("text_language") or _language()
        form = ReviewForm(initial=ReviewForm.initial_for(review, language), **options)
        return render(request, FORM, {**context, "form": form})
    form = ReviewForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_review(
                review,
                form.values(),
                by=user,
                based_on_version=form.cleaned_data["version"],
                answers=form.answers(),
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The review was saved."))
            return redirect(review)
    return render(request, FORM, {**context, "form": form}, status=400)


@login_required
@require_POST
def review_submit(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    review = queries.get_review_for_user(request.user, measure_pk, pk)
    return change_state(
        request, review, services.submit_review, _("The review was sent to the reviewers.")
    )


@login_required
@require_POST
def review_publish(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    review = queries.get_review_for_user(request.user, measure_pk, pk)
    return change_state(
        request,
        review,
        services.publish_review,
        _("The review is published. Its access setting still decides who sees it."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_return(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    review = queries.get_review_for_user(request.user, measure_pk, pk)
    return return_to_draft_page(request, review, back=review.get_absolute_url(), context=PAGE)


@login_required
@require_http_methods(["GET", "POST"])
def review_delete(request: HttpRequest, measure_pk: int, pk: int) -> HttpResponse:
    user = request.user
    review = queries.get_review_for_user(user, measure_pk, pk)
    require_review(user, review)
    measure = review.measure
    return confirm_page(
        request,
        title=_("Delete the review of %(day)s") % {"day": format_day(review.reviewed_on)},
        consequences=[
            _("The review is deleted with its answers, evidence and notes."),
            _("Its last state is kept in the record history and can be restored by a keeper."),
            _("The measure stays, with its other reviews."),
        ],
        button=_("Delete the review"),
        action=lambda: services.delete_review(review, by=user),
        done=_("The review was deleted."),
        back=review.get_absolute_url(),
        next_url=measure.get_absolute_url(),
    )
