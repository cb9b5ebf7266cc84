"""Deciding on a suggested tag of a declaration, clause, commitment or action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrcities.accounts.permissions import (
    require_edit,
)
from hrcities.taxonomy.tags import decide_suggestion, open_suggestion
from hrcities.taxonomy.views import tag_context


@login_required
@require_POST
def tag_decide(request: HttpRequest, tagging_id: int) -> HttpResponse:
    """Accept or reject one suggested tag; htmx gets the tag block back, others a redirect."""
    tagging, record = open_suggestion(tagging_id, request.user)
    require_edit(request.user, record)
    accept = request.POST.get("decision") == "accept"
    decide_suggestion(tagging, record, accept=accept, by=request.user)
    message = (
        _("The tag “%(tag)s” was accepted.") if accept else _("The tag “%(tag)s” was rejected.")
    ) % {"tag": tagging.label}
    if request.headers.get("HX-Request"):
        return render(request, "commitments/_tags.html", tag_context(request, record, message))
    messages.success(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = record.get_absolute_url() if hasattr(record, "get_absolute_url") else "/"
    return redirect(target)
