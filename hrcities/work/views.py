"""The "My work" pages: what waits for the signed-in person, and how they hear of it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import PreferencesForm
from .registry import kind_named, kinds
from .services import frequencies, set_frequencies

# How many things of each kind the overview shows; the kind's own page lists them all.
SHOWN = 5
PAGE_SIZE = 25


@login_required
def work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    chosen = frequencies(request.user)
    sections = []
    for kind in kinds():
        items = kind.items(request.user, today)
        sections.append(
            {
                "kind": kind,
                "items": items[:SHOWN],
                "count": len(items),
                "frequency": chosen[kind.key],
            }
        )
    total = sum(section["count"] for section in sections)
    return render(request, "work/work.html", {"sections": sections, "total": total})


@login_required
def kind_detail(request: HttpRequest, kind: str) -> HttpResponse:
    found = kind_named(kind)
    if found is None:
        raise Http404(_("There is no such kind of work."))
    items = found.items(request.user, timezone.localdate())
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "work/kind_detail.html", {"kind": found, "page": page})


@login_required
def suggestion_queue(request: HttpRequest) -> HttpResponse:
    """Every suggestion waiting on the records the reader may change, to decide one by one."""
    from hrcities.taxonomy.models import TagKind
    from hrcities.taxonomy.tags import decision_message, spoken_name
    from hrcities.taxonomy.views import QUEUE_MESSAGE_KEY, pending_undo

    from . import queue

    record_kinds = queue.record_kinds(request.user)
    record_kind = request.GET.get("record", "")
    record_kind = record_kind if record_kind in dict(record_kinds) else ""
    tag_kind = request.GET.get("tag", "")
    tag_kind = tag_kind if tag_kind in TagKind.values else ""
    sort = request.GET.get("sort", "")
    sort = sort if sort in queue.SORTS else queue.DEFAULT_SORT
    waiting = queue.waiting_for(request.user, record_kind=record_kind, tag_kind=tag_kind)
    page = Paginator(queue.sorted_queue(waiting, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    undo = pending_undo(request)
    message = request.session.pop(QUEUE_MESSAGE_KEY, "") or (decision_message(undo) if undo else "")
    return render(
        request,
        "work/suggestion_queue.html",
        {
            "page": page,
            "lines": queue.lines(list(page.object_list), request.user),
            "record_kinds": record_kinds,
            "record_kind": record_kind,
            "tag_kinds": TagKind.choices,
            "tag_kind": tag_kind,
            "sorts": [(key, label) for key, (label, _order) in queue.SORTS.items()],
            "sort": sort,
            "is_filtered": bool(record_kind or tag_kind),
            "message": message,
            "undo": undo,
            "undo_name": spoken_name(undo.label) if undo else "",
        },
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, current=frequencies(request.user))
    if request.method == "POST" and form.is_valid():
        set_frequencies(request.user, form.cleaned_data, by=request.user)
        messages.success(request, _("Your email choices were saved."))
        return redirect("work:preferences")
    return render(request, "work/preferences.html", {"form": form})
