"""A commitment's page with its actions, endorsements and timeline, and endorsing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrcities.accounts.permissions import can_edit
from hrcities.core.forms import add_model_errors
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.views import tag_context

from .. import parts, services
from ..forms import (
    EndorseForm,
)
from ..models import Commitment, Endorsement
from ..progress import flatten, progress_of
from ..reading import read_declaration
from .common import editable_owners, get_commitment, owner_link


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
    reading = read_declaration(commitment.declaration, request.GET.get("text"))
    return {
        "declaration": commitment.declaration,
        "commitment": commitment,
        "reading": reading,
        "shown_title": reading.commitment_title(commitment),
        "shown_text": reading.commitment_text(commitment),
        "side_anchor": f"#promise-{commitment.number}",
        "part": part,
        "rows": [
            (depth, node, owner_link(node.action.owner)) for depth, node in flatten(part.roots)
        ],
        "endorsements": [
            (e, owner_link(e.endorser), can_edit(request.user, e)) for e in endorsements
        ],
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
            parts.endorse_commitment(
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
