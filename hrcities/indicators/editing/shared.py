"""The dimensions every city shares (sex, age group, ...): the list and changing one,
for network admins, since a change reaches every city's values and CSV files."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.editing import form_page

from .. import groupings
from ..models import Dimension
from .forms import DimensionForm
from .groupings import FIELD_FOR, HEAD


@login_required
def shared_dimensions(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    dimensions = Dimension.objects.filter(city__isnull=True).order_by("slug")
    return render(request, "indicators/shared_dimensions.html", {"dimensions": dimensions})


@login_required
@require_http_methods(["GET", "POST"])
def shared_dimension_edit(request: HttpRequest, dimension: str) -> HttpResponse:
    require_network_admin(request.user)
    found = get_object_or_404(Dimension, city__isnull=True, slug=dimension)
    back = reverse("indicators:shared-dimensions")
    return form_page(
        request,
        DimensionForm(request.POST or None, initial=DimensionForm.initial_for(found)),
        title=_("Edit the shared dimension “%(name)s”") % {"name": found.name},
        intro=_(
            "Every city's values and CSV files use this dimension: a new column name is read "
            "in every city's files from now on. A value still in use cannot be removed."
        ),
        button=_("Save"),
        back=back,
        save=lambda form: groupings.update_dimension(found, form.changes(), by=request.user),
        done=_("The dimension was saved."),
        next_url=lambda _dimension: back,
        extra_head=HEAD,
        field_for=FIELD_FOR,
    )
