"""Pages of declarations, commitments and actions: ingest, follow-up, editing, exchange."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.accounts.permissions import (
    EDIT_ROLES,
    can_edit,
    is_network_admin,
    require_edit,
    require_network_admin,
)
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.csvfiles import csv_download
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import Tagging
from hrcities.taxonomy.tags import decide_suggestion, open_suggestion
from hrcities.taxonomy.views import tag_context

from . import services
from .exchange import ImportRefused, declaration_document, export_actions_csv, import_actions_csv
from .extract import ExtractionError, extract_text
from .forms import (
    ActionForm,
    DeclarationReviewForm,
    DeclarationUploadForm,
    EndorseForm,
    EvidenceForm,
    ImportForm,
    MilestoneForm,
    normalise_newlines,
    open_source,
    owner_value,
)
from .models import Action, ActionStatus, Clause, Commitment, Declaration, Endorsement
from .parser import parse_declaration
from .progress import declaration_progress, flatten, progress_of

PAGE_SIZE = 25


# --- helpers --------------------------------------------------------------------------


def editable_owners(user: Any) -> tuple[Any, Any]:
    """Return the cities and organisations the user may create actions for."""
    if is_network_admin(user):
        return City.objects.all(), Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return City.objects.none(), Organisation.objects.none()
    roles = {"roles__user": user, "roles__role__in": EDIT_ROLES}
    return (
        City.objects.filter(**roles).distinct(),
        Organisation.objects.filter(**roles).distinct(),
    )


def owner_link(owner: Any) -> str:
    """Return the follow-up page of a city, or the page of an organisation."""
    if isinstance(owner, City):
        return reverse("commitments:city-actions", args=[owner.slug])
    return owner.get_absolute_url()


def get_commitment(slug: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("declaration"), declaration__slug=slug, number=number
    )


def get_action(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related(
            "commitment__declaration", "city", "organisation", "status", "parent"
        ),
        pk=pk,
    )


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


# --- declarations ---------------------------------------------------------------------


def declaration_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Declaration.objects.all(), PAGE_SIZE).get_page(request.GET.get("page"))
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
        upload = form.cleaned_data["file"]
        try:
            if upload is not None:
                extracted = extract_text(upload.read(), upload.name, upload.content_type)
                text, source_format = extracted.text, extracted.format
            else:
                text, source_format = form.cleaned_data["text"], "text"
        except ExtractionError as error:
            form.add_error("file", str(error))
        else:
            text = normalise_newlines(text)
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
    progress = declaration_progress(declaration)
    follow_up = [
        {
            "part": part,
            "owners": [(str(owner), owner_link(owner)) for owner in part.owners],
        }
        for part in progress.commitments
    ]
    context = {
        "declaration": declaration,
        "progress": progress,
        "follow_up": follow_up,
        "preamble": _with_accepted_tags(
            declaration.clauses.filter(kind=Clause.Kind.PREAMBLE).order_by("number")
        ),
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


# --- commitments ----------------------------------------------------------------------


def _commitment_context(
    request: HttpRequest, commitment: Commitment, endorse_form: EndorseForm | None = None
) -> dict[str, Any]:
    part = progress_of(commitment)
    cities, organisations = editable_owners(request.user)
    endorsements = list(commitment.endorsements.select_related("city", "organisation"))
    endorsed_cities = {e.city_id for e in endorsements if e.city_id}
    endorsed_organisations = {e.organisation_id for e in endorsements if e.organisation_id}
    free_cities = cities.exclude(pk__in=endorsed_cities)
    free_organisations = organisations.exclude(pk__in=endorsed_organisations)
    if endorse_form is None and (free_cities.exists() or free_organisations.exists()):
        endorse_form = EndorseForm(cities=free_cities, organisations=free_organisations)
    return {
        "declaration": commitment.declaration,
        "commitment": commitment,
        "part": part,
        "rows": [
            (depth, node, owner_link(node.action.owner)) for depth, node in flatten(part.roots)
        ],
        "endorsements": [(e, owner_link(e.endorser)) for e in endorsements],
        "endorse_form": endorse_form,
        "may_add_action": cities.exists() or organisations.exists(),
        "timeline": services.commitment_timeline(commitment),
        **tag_context(request, commitment),
    }


def commitment_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    commitment = get_commitment(slug, number)
    context = _commitment_context(request, commitment)
    return render(request, "commitments/commitment_detail.html", context)


@login_required
@require_POST
def commitment_endorse(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    commitment = get_commitment(slug, number)
    cities, organisations = editable_owners(request.user)
    endorsed = Endorsement.objects.filter(commitment=commitment)
    form = EndorseForm(
        request.POST,
        cities=cities.exclude(pk__in=endorsed.values("city")),
        organisations=organisations.exclude(pk__in=endorsed.values("organisation")),
    )
    if form.is_valid():
        endorser = form.cleaned_data["endorser"]
        try:
            services.endorse_commitment(
                commitment,
                by=request.user,
                city=endorser if isinstance(endorser, City) else None,
                organisation=endorser if isinstance(endorser, Organisation) else None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request, _("%(who)s now endorses this commitment.") % {"who": endorser}
            )
            return redirect(commitment)
    context = _commitment_context(request, commitment, endorse_form=form)
    return render(request, "commitments/commitment_detail.html", context, status=400)


# --- actions --------------------------------------------------------------------------


def _action_context(
    request: HttpRequest,
    action: Action,
    milestone_form: MilestoneForm | None = None,
    evidence_form: EvidenceForm | None = None,
) -> dict[str, Any]:
    part = progress_of(action.commitment)
    node = next((n for _depth, n in flatten(part.roots) if n.action.pk == action.pk), None)
    sub_rows = [
        (depth, child, owner_link(child.action.owner))
        for depth, child in flatten(node.children if node else [])
    ]
    may_edit = can_edit(request.user, action)
    return {
        "action": action,
        "commitment": action.commitment,
        "declaration": action.commitment.declaration,
        "progress": node.progress if node else float(action.own_progress),
        "owner_url": owner_link(action.owner),
        "sub_rows": sub_rows,
        "milestones": action.milestones.all(),
        "evidence": action.evidence.all(),
        "may_edit": may_edit,
        "milestone_form": milestone_form or (MilestoneForm() if may_edit else None),
        "evidence_form": evidence_form or (EvidenceForm() if may_edit else None),
        **tag_context(request, action),
    }


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(pk)
    return render(request, "commitments/action_detail.html", _action_context(request, action))


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    commitment = get_commitment(slug, number)
    cities, organisations = editable_owners(request.user)
    if not cities.exists() and not organisations.exists():
        raise PermissionDenied(
            _("You may add actions only for a city or organisation whose editor you are.")
        )
    options = {"commitment": commitment, "cities": cities, "organisations": organisations}
    template = "commitments/action_form.html"
    if request.method == "GET":
        initial: dict[str, Any] = {"status": "planned"}
        parent_id = request.GET.get("parent", "")
        parent = commitment.actions.filter(pk=parent_id).first() if parent_id.isdigit() else None
        if parent is not None:
            initial.update(parent=parent.pk, owner=owner_value(parent.owner))
        elif cities.count() + organisations.count() == 1:
            initial["owner"] = owner_value(cities.first() or organisations.first())
        form = ActionForm(initial=initial, **options)
        return render(request, template, {"form": form, "commitment": commitment})

    form = ActionForm(request.POST, **options)
    if form.is_valid():
        try:
            action = services.create_action(by=request.user, commitment=commitment, **form.values())
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect(action)
    return render(request, template, {"form": form, "commitment": commitment}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(pk)
    require_edit(request.user, action)
    cities, organisations = editable_owners(request.user)
    options = {
        "commitment": action.commitment,
        "cities": cities,
        "organisations": organisations,
        "action": action,
    }
    template = "commitments/action_form.html"
    context: dict[str, Any] = {"commitment": action.commitment, "action": action}
    if request.method == "GET":
        form = ActionForm(initial=ActionForm.initial_for(action), **options)
        return render(request, template, {**context, "form": form})

    form = ActionForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_action(
                action,
                form.values(),
                by=request.user,
                based_on_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, template, form, conflict, context, options=options, record_option="action"
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(action)
    return render(request, template, {**context, "form": form}, status=400)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(pk)
    require_edit(request.user, action)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.add_milestone(action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The milestone was added."))
            return redirect(action)
    context = _action_context(request, action, milestone_form=form)
    return render(request, "commitments/action_detail.html", context, status=400)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(pk)
    require_edit(request.user, action)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                action,
                by=request.user,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect(action)
    context = _action_context(request, action, evidence_form=form)
    return render(request, "commitments/action_detail.html", context, status=400)


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


# --- follow-up per city ---------------------------------------------------------------


def city_actions(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    actions = list(
        Action.objects.filter(city=city)
        .select_related("commitment__declaration", "status", "parent")
        .order_by(
            "-commitment__declaration__start_date",
            "commitment__declaration__title",
            "commitment__number",
            "start_date",
            "id",
        )
    )
    progress: dict[int, float] = {}
    for commitment in {a.commitment for a in actions}:
        for _depth, node in flatten(progress_of(commitment).roots):
            progress[node.action.pk] = node.progress
    groups: dict[Declaration, dict[Commitment, list[tuple[Action, float]]]] = defaultdict(dict)
    for action in actions:
        commitment = action.commitment
        groups[commitment.declaration].setdefault(commitment, []).append(
            (action, progress.get(action.pk, float(action.own_progress)))
        )
    context = {
        "city": city,
        "groups": [(d, list(by_commitment.items())) for d, by_commitment in groups.items()],
        "action_count": len(actions),
        "overdue_count": sum(1 for a in actions if a.is_overdue()),
    }
    return render(request, "commitments/city_actions.html", context)


# --- exchange -------------------------------------------------------------------------


def actions_csv(request: HttpRequest) -> HttpResponse:
    actions = Action.objects.all()
    parts = ["actions"]
    if slug := request.GET.get("declaration"):
        declaration = get_object_or_404(Declaration, slug=slug)
        actions = actions.filter(commitment__declaration=declaration)
        parts.append(declaration.slug)
    if slug := request.GET.get("city"):
        city = get_object_or_404(City, slug=slug)
        actions = actions.filter(city=city)
        parts.append(city.slug)
    return csv_download(export_actions_csv(actions), "-".join(parts) + ".csv")


@login_required
@require_http_methods(["GET", "POST"])
def actions_import(request: HttpRequest) -> HttpResponse:
    template = "commitments/actions_import.html"
    context: dict[str, Any] = {"statuses": ActionStatus.objects.all()}
    if request.method == "GET":
        return render(request, template, {**context, "form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=400)
    try:
        report = import_actions_csv(form.cleaned_data["file"].read(), by=request.user)
    except ImportRefused as refused:
        context.update({"form": ImportForm(), "errors": refused.report.errors})
        return render(request, template, context, status=400)
    messages.success(
        request,
        _(
            "The file was imported: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return redirect("commitments:actions-import")
