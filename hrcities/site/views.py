from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import can_edit, is_network_admin, require_network_admin
from hrcities.core.models import (
    AuditEntry,
    Revision,
    history_record,
    taggable_record,
    versioned_model,
)
from hrcities.core.services import restore_revision, revisions_for

from .home import part_counts, recent_records


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": part_counts(request.user),
        "recent": recent_records(request.user),
    }
    return render(request, "site/home.html", context)


def api_home(request: HttpRequest) -> HttpResponse:
    """The open data page: every export and feed, each with a curl line that works."""
    from .opendata import client_examples, open_data_sections, public_examples

    base = request.build_absolute_uri("/").rstrip("/")
    clients = client_examples()
    sections = [
        (
            section,
            [(export, export.curl(base)) for export in section.exports],
            [(client, client.lines(base)) for client in clients.get(section.slug, [])],
        )
        for section in open_data_sections(public_examples())
    ]
    return render(request, "site/api_home.html", {"sections": sections})


def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "site/about_data.html")


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    entries = AuditEntry.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "site/audit_log.html",
        {"page": page, "actions": AuditEntry.Action.choices, "action": action},
    )


def record_history(request: HttpRequest, label: str, object_id: str) -> HttpResponse:
    model = versioned_model(label)
    record, exists = history_record(
        model, object_id, request.user, reads_deleted=is_network_admin(request.user)
    )
    page = Paginator(revisions_for(record), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "site/record_history.html",
        {
            "record": record,
            "exists": exists,
            "page": page,
            "label": label,
            "may_restore": (exists and can_edit(request.user, record))
            or is_network_admin(request.user),
            "verbose_name": model._meta.verbose_name,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_restore(request: HttpRequest, revision_id: int) -> HttpResponse:
    revision = get_object_or_404(Revision, pk=revision_id)
    model = revision.content_type.model_class()
    if model is None:
        raise Http404(_("No such record."))
    # Only a revision whose history the user may read is answered at all.
    found, exists = history_record(
        model, revision.object_id, request.user, reads_deleted=is_network_admin(request.user)
    )
    current = found if exists else None
    allowed = can_edit(request.user, current) if exists else is_network_admin(request.user)
    if not allowed:
        raise PermissionDenied(_("You may not restore this record."))
    if request.method == "POST":
        record = restore_revision(revision, by=request.user)
        messages.success(
            request,
            _("Restored “%(record)s” to version %(version)s.")
            % {"record": record, "version": revision.version},
        )
        target = getattr(record, "get_absolute_url", None)
        return redirect(target() if target else "core:home")
    return render(
        request, "site/revision_restore_confirm.html", {"revision": revision, "current": current}
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: problem details for the API, the HTML page for everyone else."""
    if request.path.startswith("/api/"):
        from hrcities.core.problems import problem_response

        return problem_response(
            request, status=404, title=_("Not found"), detail=_("There is no API endpoint here.")
        )
    return render(request, "404.html", status=404)


def _safe_next(request: HttpRequest, record: object) -> str:
    """Return where to go after a form: `next` if it stays on this site, else the record."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    url = getattr(record, "get_absolute_url", None)
    return url() if url else "/"


# How many matching tags the picker lists at once: a longer list is not read.
MOST_MATCHES = 40


@login_required
@require_http_methods(["GET", "POST"])
def record_tags(request: HttpRequest, label: str, object_id: str) -> HttpResponse:
    """Choose a record's accepted tags (SDG goals and targets, themes, groups) by finding
    them by number or name, and decide or restore its suggestions."""
    from django.core.exceptions import ValidationError

    from hrcities.accounts.permissions import require_edit
    from hrcities.taxonomy.models import TagKind
    from hrcities.taxonomy.tags import (
        describe,
        find_tags,
        rejected_tags,
        set_accepted_tags,
    )
    from hrcities.taxonomy.views import tag_context

    record = taggable_record(label, object_id, request.user)
    require_edit(request.user, record)
    context = tag_context(request, record)
    accepted = context["tags"]["accepted"]
    error = ""
    data = request.POST if request.method == "POST" else request.GET
    q = data.get("q", "").strip()[:200]
    kind = data.get("kind", "")
    kind = kind if kind in TagKind.values else ""
    if request.method == "POST":
        chosen = request.POST.getlist("tags")
        try:
            changes = set_accepted_tags(record, chosen, by=request.user)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(
                request,
                _("Tags saved (%(n)s changed).") % {"n": len(changes)}
                if changes
                else _("No tag changed."),
            )
            return redirect(_safe_next(request, record))
    else:
        # Ticked in the list of matches before the list changed (as one types): kept ticked.
        chosen = [tag.label for tag in accepted] + request.GET.getlist("tags")
    chosen_set = set(chosen)
    on_record = {tag.label for tag in accepted}
    # Ticked but not yet saved: shown ticked above the matches, so a new search keeps them.
    pending = [tag for tag in describe(chosen).values() if tag.label not in on_record]
    matches = [tag for tag in find_tags(q, kind=kind) if tag.label not in chosen_set]
    return render(
        request,
        "site/record_tags.html",
        {
            **context,
            "chosen": chosen_set,
            "pending": pending,
            "matches": matches[:MOST_MATCHES],
            "match_count": len(matches),
            "q": q,
            "kind": kind,
            "kinds": TagKind.choices,
            "rejected": rejected_tags(record),
            "error": error,
            "next": data.get("next", ""),
            "may_decide": True,
            "on_tag_page": True,
            "tag_next": request.get_full_path(),
        },
        status=400 if error else 200,
    )
