"""Actions: the page, adding and editing one, its milestones and evidence."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.accounts.permissions import (
    can_edit,
    require_edit,
)
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict
from hrcities.taxonomy.views import tag_context

from .. import parts, services
from ..forms import (
    ActionForm,
    EvidenceForm,
    MilestoneForm,
    owner_value,
)
from ..models import Action
from ..progress import flatten, progress_of
from .common import editable_owners, get_action, get_commitment, owner_link


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
            parts.add_milestone(action, by=request.user, **form.cleaned_data)
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
            parts.add_evidence(
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
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action(pk)
    require_edit(request.user, action)
    counts = {"milestones": action.milestones.count(), "evidence": action.evidence.count()}
    return confirm_page(
        request,
        title=_("Delete the action “%(title)s”?") % {"title": action.title},
        consequences=[
            _("The action leaves the commitment's progress and its owner's follow-up."),
            _("Its milestones (%(milestones)s) and evidence (%(evidence)s) are deleted with it.")
            % counts,
            _("Its last state stays in the history of changes and can be restored."),
        ],
        refusal=services.action_dependants(action),
        button=_("Delete the action"),
        action=lambda: services.delete_action(action, by=request.user),
        done=_("The action “%(title)s” was deleted.") % {"title": action.title},
        back=action.get_absolute_url(),
        next_url=action.commitment.get_absolute_url(),
        extra_head="commitments/_extra_head.html",
    )
