"""Measures and reviews as files: CSV to download, for everyone, and to import, for those
signed in (each row as the services allow them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hrcities.core.csvfiles import CsvFileField, ImportRefused

from ..checklist import CRITERIA
from ..exchange import (
    export_measures_chunks,
    export_reviews_chunks,
    import_measures_csv,
    import_reviews_csv,
)


def _download(chunks: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def measures_csv(request: HttpRequest) -> StreamingHttpResponse:
    city = request.GET.get("city") or None
    return _download(export_measures_chunks(request.user, city=city), "emergency-measures.csv")


def reviews_csv(request: HttpRequest) -> StreamingHttpResponse:
    city = request.GET.get("city") or None
    return _download(export_reviews_chunks(request.user, city=city), "emergency-reviews.csv")


KINDS = {"measures": import_measures_csv, "reviews": import_reviews_csv}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[
            ("measures", gettext_lazy("Measures")),
            ("reviews", gettext_lazy("Reviews with their answers")),
        ],
        widget=forms.RadioSelect,
    )
    file = CsvFileField(
        help_text=gettext_lazy(
            "The format of the export: UTF-8, one record a row, with the header row."
        ),
    )


@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    """The downloads, for everyone; the import, for those signed in."""
    template = "emergency/import.html"
    context: dict[str, Any] = {"criteria": CRITERIA}
    if request.method == "GET":
        return render(request, template, {**context, "form": ImportForm()})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        report = KINDS[form.cleaned_data["kind"]](upload.read(), by=request.user)
    except ImportRefused as refused:
        context.update(
            form=ImportForm(initial={"kind": form.cleaned_data["kind"]}),
            errors=refused.report.errors,
            file_name=upload.name,
        )
        return render(request, template, context, status=400)
    messages.success(
        request,
        _(
            "The file was imported: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return redirect("emergency:import")
