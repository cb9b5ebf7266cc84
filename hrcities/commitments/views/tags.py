"""Deciding on a suggested tag of any taggable record, and undoing the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hrcities.accounts.permissions import require_edit
from hrcities.taxonomy.tags import (
    decide_suggestion,
    decided_suggestion,
    decision_message,
    open_suggestion,
    restore_suggestion,
)
from hrcities.taxonomy.views import QUEUE_MESSAGE_KEY, offer_undo, tag_context


@login_required
@require_POST
def tag_decide(request: HttpRequest, tagging_id: int) -> HttpResponse:
    """Accept or reject one suggested tag; htmx gets the tag block back, others a redirect."""
    tagging, record = open_suggestion(tagging_id, request.user)
    require_edit(request.user, record)
    accept = request.POST.get("decision") == "accept"
    tagging = decide_suggestion(tagging, record, accept=accept, by=request.user)
    return _answer(request, record, decision_message(tagging), undo=tagging)


@login_required
@require_POST
def tag_undo(request: HttpRequest, tagging_id: int) -> HttpResponse:
    """Put a rejected (or accepted) suggestion back among those waiting for a decision."""
    tagging, record = decided_suggestion(tagging_id, request.user)
    require_edit(request.user, record)
    tagging = restore_suggestion(tagging, record, by=request.user)
    return _answer(request, record, decision_message(tagging))


def _answer(request: HttpRequest, record, message: str, undo=None) -> HttpResponse:
    from_queue = request.POST.get("from") == "queue"
    if request.headers.get("HX-Request") and not from_queue:
        return render(
            request, "commitments/_tags.html", tag_context(request, record, message, undo)
        )
    if from_queue:
        # The queue says it beside its list, where the next decision is made.
        request.session[QUEUE_MESSAGE_KEY] = message
    else:
        messages.success(request, message)
    if undo is not None:
        offer_undo(request, undo)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        target = record.get_absolute_url() if hasattr(record, "get_absolute_url") else "/"
    return redirect(target)
