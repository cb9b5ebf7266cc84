"""Changing and deleting the parts of actions and commitments: milestones, evidence and
endorsements (the editors of the city or organisation they belong to)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_edit
from hrcities.core.editing import confirm_page, form_page

from .. import parts
from ..models import Endorsement, Evidence, Milestone
from ..part_forms import EndorsementEditForm, EvidenceEditForm, MilestoneEditForm

HEAD = "commitments/_extra_head.html"


def _milestone(pk: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("action__city", "action__organisation"), pk=pk
    )


def _evidence(pk: int) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("action__city", "action__organisation"), pk=pk
    )


def _endorsement(pk: int) -> Endorsement:
    return get_object_or_404(
        Endorsement.objects.select_related("commitment__declaration", "city", "organisation"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(pk)
    require_edit(request.user, milestone)
    back = milestone.action.get_absolute_url()
    form = MilestoneEditForm(request.POST or None, initial=MilestoneEditForm.initial_for(milestone))
    return form_page(
        request,
        form,
        title=_("Edit a milestone of “%(action)s”") % {"action": milestone.action.title},
        button=_("Save"),
        back=back,
        save=lambda form: parts.update_milestone(
            milestone,
            form.changes(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The milestone was saved."),
        next_url=lambda _milestone: back,
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(pk)
    require_edit(request.user, milestone)
    back = milestone.action.get_absolute_url()
    return confirm_page(
        request,
        title=_("Delete the milestone “%(milestone)s”?") % {"milestone": milestone},
        consequences=[
            _("The action's page and the commitment's timeline no longer show it."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        button=_("Delete the milestone"),
        action=lambda: parts.delete_milestone(milestone, by=request.user),
        done=_("The milestone was deleted."),
        back=back,
        next_url=back,
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(pk)
    require_edit(request.user, evidence)
    back = evidence.action.get_absolute_url()
    options = {"evidence": evidence}
    form = EvidenceEditForm(
        request.POST or None, initial=EvidenceEditForm.initial_for(evidence), **options
    )
    return form_page(
        request,
        form,
        title=_("Edit the evidence “%(title)s”") % {"title": evidence.title},
        button=_("Save"),
        back=back,
        save=lambda form: parts.update_evidence(
            evidence, form.changes(), by=request.user, based_on_version=form.cleaned_data["version"]
        ),
        done=_("The evidence was saved."),
        next_url=lambda _evidence: back,
        extra_head=HEAD,
        options=options,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(pk)
    require_edit(request.user, evidence)
    back = evidence.action.get_absolute_url()
    return confirm_page(
        request,
        title=_("Delete the evidence “%(title)s”?") % {"title": evidence.title},
        consequences=[
            _("The action's page no longer lists it."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        button=_("Delete the evidence"),
        action=lambda: parts.delete_evidence(evidence, by=request.user),
        done=_("The evidence was deleted."),
        back=back,
        next_url=back,
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def endorsement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    endorsement = _endorsement(pk)
    require_edit(request.user, endorsement)
    back = endorsement.commitment.get_absolute_url()
    form = EndorsementEditForm(
        request.POST or None, initial=EndorsementEditForm.initial_for(endorsement)
    )
    return form_page(
        request,
        form,
        title=_("Edit the endorsement of %(who)s") % {"who": endorsement.endorser},
        intro=str(endorsement.commitment),
        button=_("Save"),
        back=back,
        save=lambda form: parts.update_endorsement(
            endorsement,
            form.changes(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The endorsement was saved."),
        next_url=lambda _endorsement: back,
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def endorsement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endorsement = _endorsement(pk)
    require_edit(request.user, endorsement)
    back = endorsement.commitment.get_absolute_url()
    names = {"who": endorsement.endorser, "commitment": endorsement.commitment}
    return confirm_page(
        request,
        title=_("Withdraw the endorsement of %(who)s?") % names,
        consequences=[
            _("%(who)s is no longer listed as endorsing “%(commitment)s”.") % names,
            _("Its actions on the commitment stay as they are."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        button=_("Withdraw the endorsement"),
        action=lambda: parts.withdraw_endorsement(endorsement, by=request.user),
        done=_("The endorsement of %(who)s was withdrawn.") % names,
        back=back,
        next_url=back,
        extra_head=HEAD,
    )
