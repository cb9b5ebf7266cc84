"""Actions as CSV: the download and the import page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.core.csvfiles import csv_download
from hrcities.network.models import City

from ..exchange import ImportRefused, export_actions_csv, import_actions_csv
from ..forms import (
    ImportForm,
)
from ..models import Action, ActionStatus, Declaration


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
