"""Typed relations between records, added and removed from a record's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import can_review, require_review
from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors

from .. import curation, services
from ..curation_forms import RelationForm
from ..models import Relation
from ..presenting import shown_title
from .common import ARCHIVE_PAGE, _relations, _visible_record, get_event_for_user, get_item_for_user
from .picking import PICKABLE, choices, picked
from .places import get_place_for_user

GETTERS = {"item": get_item_for_user, "event": get_event_for_user, "place": get_place_for_user}
KINDS = tuple(PICKABLE)


@login_required
@require_http_methods(["GET", "POST"])
def record_relations(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A record's relations: those whose other end the user may see, and a form to add one."""
    user = request.user
    record = GETTERS[kind](user, pk)
    require_review(user, record)
    data = request.POST if request.method == "POST" else None
    form = RelationForm(data, matches=choices(user, data, KINDS))
    status = 200
    if data is not None and "find" not in data:
        status = 400
        if form.is_valid():
            target = picked(user, form.cleaned_data["target"], KINDS)
            try:
                services.relate(
                    record,
                    form.cleaned_data["kind"],
                    target,
                    by=user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_model_errors(form, error, {"__all__": "target", "target_id": "target"})
            else:
                messages.success(
                    request,
                    _("The relation to “%(record)s” was added.")
                    % {"record": shown_title(target, user)},
                )
                return redirect(request.path)
    rows = [
        {**row, "may_remove": row["outgoing"] or can_review(user, row["other"])}
        for row in _relations(record, user)
    ]
    context = {
        "record": record,
        "kind": kind,
        "title": shown_title(record, user),
        "rows": rows,
        "form": form,
        "searched": bool(data and data.get("q")),
    }
    return render(request, "archive/record_relations.html", context, status=status)


def _ends(relation: Relation, user: Any) -> tuple[Any, Any]:
    source = _visible_record(relation.source_type.model_class(), relation.source_id, user)
    target = _visible_record(relation.target_type.model_class(), relation.target_id, user)
    return source, target


@login_required
@require_http_methods(["GET", "POST"])
def relation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    relation = get_object_or_404(
        Relation.objects.select_related("source_type", "target_type"), pk=pk
    )
    source, target = _ends(relation, user)
    if source is None or target is None:
        raise Http404(_("No such relation."))
    if not can_review(user, source):
        raise PermissionDenied(
            _("Only the editors and reviewers of %(owner)s may do this.") % {"owner": source.owner}
        )
    line = _("“%(source)s” %(kind)s “%(target)s”.") % {
        "source": shown_title(source, user),
        "kind": relation.get_kind_display(),
        "target": shown_title(target, user),
    }
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = source.get_absolute_url()
    return confirm_page(
        request,
        title=_("Remove a relation"),
        consequences=[line, _("Both records stay; only the link between them is removed.")],
        button=_("Remove the relation"),
        action=lambda: curation.unrelate(relation, by=user),
        done=_("The relation was removed."),
        back=back,
        next_url=back,
        context=ARCHIVE_PAGE,
    )
