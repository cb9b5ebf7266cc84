"""Declarations: the list, reading one in and confirming it, its page and its JSON."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import (
    is_network_admin,
    require_network_admin,
)
from hrcities.core.forms import add_model_errors
from hrcities.taxonomy.models import Tagging
from hrcities.taxonomy.views import tag_context

from .. import services
from ..exchange import declaration_document
from ..extract import ExtractionError
from ..forms import (
    DeclarationReviewForm,
    DeclarationUploadForm,
    open_source,
)
from ..models import Clause, Declaration
from ..parser import parse_declaration
from ..progress import declaration_progress
from ..reading import read_declaration
from .common import owner_link

PAGE_SIZE = 25


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_accepted_tags(records: Any) -> list[Any]:
    """Return the records, each with `accepted_tags`, reading all their tags at once."""
    from django.contrib.contenttypes.models import ContentType

    from hrcities.taxonomy.tags import describe

    records = list(records)
    if not records:
        return records
    taggings = Tagging.objects.accepted().filter(
        content_type=ContentType.objects.get_for_model(records[0]),
        object_id__in=[r.pk for r in records],
    )
    named = describe(t.label for t in taggings)
    by_record: dict[int, list[Any]] = {}
    for tagging in taggings:
        if tagging.label in named:
            by_record.setdefault(tagging.object_id, []).append(named[tagging.label])
    for record in records:
        record.accepted_tags = by_record.get(record.pk, [])
    return records


def declaration_list(request: HttpRequest) -> HttpResponse:
    declarations = Declaration.objects.prefetch_related("translations")
    page = Paginator(declarations, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(d, declaration_progress(d).progress) for d in page.object_list]
    context = {"page": page, "rows": rows, "may_create": is_network_admin(request.user)}
    return render(request, "commitments/declaration_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_upload(request: HttpRequest) -> HttpResponse:
    """Read a declaration, show how it splits, and store it only when the reviewer confirms."""
    require_network_admin(request.user)
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _declaration_confirm(request)
    if request.method == "GET":
        form = DeclarationUploadForm()
        return render(request, "commitments/declaration_upload.html", {"form": form})

    form = DeclarationUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text, source_format = form.source()
        except ExtractionError as error:
            form.add_error("file", str(error))
        else:
            parsed = parse_declaration(text)
            review = DeclarationReviewForm(
                initial=DeclarationReviewForm.initial_for(parsed, text, source_format)
            )
            return _render_review(request, review, parsed, text)
    return render(request, "commitments/declaration_upload.html", {"form": form}, status=400)


def _render_review(
    request: HttpRequest, form: DeclarationReviewForm, parsed: Any, text: str, status: int = 200
) -> HttpResponse:
    context = {"form": form, "parsed": parsed, "text": text}
    return render(request, "commitments/declaration_review.html", context, status=status)


def _declaration_confirm(request: HttpRequest) -> HttpResponse:
    form = DeclarationReviewForm(request.POST)
    if not form.is_valid():
        try:
            source = open_source(request.POST.get("source", ""))
        except signing.BadSignature:
            messages.error(
                request, _("The declaration text was lost or changed on the way. Upload it again.")
            )
            return redirect("commitments:declaration-upload")
        text = source["text"]
        return _render_review(request, form, parse_declaration(text), text, status=400)
    text, source_format = form.cleaned_data["source"]["text"], form.cleaned_data["source"]["format"]
    # The clauses come from the text that was read, never from the submitted page.
    parsed = parse_declaration(text)
    try:
        declaration = services.ingest_declaration(
            by=request.user,
            title=form.cleaned_data["title"],
            preamble=parsed.preamble,
            promises=parsed.promises,
            source_text=text,
            source_format=source_format,
            intro=parsed.intro,
            promises_intro=parsed.promises_intro,
            **form.metadata(),
        )
    except ValidationError as error:
        add_model_errors(form, error)
        return _render_review(request, form, parsed, text, status=400)
    messages.success(
        request,
        _("The declaration was saved with %(clauses)s preamble clauses and %(promises)s promises.")
        % {"clauses": len(parsed.preamble), "promises": len(parsed.promises)},
    )
    return redirect(declaration)


def declaration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    declaration = get_object_or_404(Declaration.objects.select_related("host_city"), slug=slug)
    reading = read_declaration(declaration, request.GET.get("text"))
    progress = declaration_progress(declaration)
    follow_up = [
        {
            "part": part,
            "owners": [(str(owner), owner_link(owner)) for owner in part.owners],
            "title": reading.commitment_title(part.commitment),
            "text": reading.commitment_text(part.commitment),
        }
        for part in progress.commitments
    ]
    preamble = _with_accepted_tags(
        declaration.clauses.filter(kind=Clause.Kind.PREAMBLE).order_by("number")
    )
    for clause in preamble:
        clause.shown = reading.clause_text(clause.pk, clause.text)
    context = {
        "declaration": declaration,
        "reading": reading,
        "progress": progress,
        "follow_up": follow_up,
        "preamble": preamble,
        "may_keep": is_network_admin(request.user),
        **tag_context(request, declaration),
    }
    return render(request, "commitments/declaration_detail.html", context)


def declaration_json(request: HttpRequest, slug: str) -> HttpResponse:
    declaration = get_object_or_404(Declaration, slug=slug)
    response = JsonResponse(
        declaration_document(declaration),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    return _attachment(response, f"{declaration.slug}.json")
