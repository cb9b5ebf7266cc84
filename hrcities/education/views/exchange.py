"""Programmes for a city, and the education network as files: CSV to download and import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hrcities.core.csvfiles import CsvFileField
from hrcities.network.models import City

from ..exchange import (
    ImportRefused,
    export_programmes_chunks,
    export_sessions_chunks,
    import_programmes_csv,
    import_sessions_csv,
)
from ..recommend import programmes_for_city


def for_city(request: HttpRequest, city: str) -> HttpResponse:
    """Other cities' programmes ranked for one city, with the reasons beside each."""
    chosen = get_object_or_404(City, slug=city)
    context = {
        "city": chosen,
        "recommendations": programmes_for_city(chosen, request.user),
        "cities": City.objects.order_by("slug"),
    }
    return render(request, "education/programmes_for_city.html", context)


def for_city_choose(request: HttpRequest) -> HttpResponse:
    """Go to the chosen city's list (the form works without JavaScript)."""
    slug = request.GET.get("city", "").strip()
    if slug and City.objects.filter(slug=slug).exists():
        return redirect("education:for-city", city=slug)
    return render(
        request,
        "education/programmes_for_city.html",
        {"city": None, "recommendations": [], "cities": City.objects.order_by("slug")},
    )


def _download(chunks: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programmes_csv(request: HttpRequest) -> StreamingHttpResponse:
    city = request.GET.get("city") or None
    return _download(export_programmes_chunks(request.user, city=city), "education-programmes.csv")


def sessions_csv(request: HttpRequest) -> StreamingHttpResponse:
    city = request.GET.get("city") or None
    return _download(export_sessions_chunks(request.user, city=city), "education-sessions.csv")


KINDS = {"programmes": import_programmes_csv, "sessions": import_sessions_csv}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[
            ("programmes", gettext_lazy("Programmes")),
            ("sessions", gettext_lazy("Sessions")),
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
    template = "education/import.html"
    if request.method == "GET":
        return render(request, template, {"form": ImportForm()})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    run = KINDS[form.cleaned_data["kind"]]
    try:
        report = run(form.cleaned_data["file"].read(), by=request.user)
    except ImportRefused as refused:
        context = {"form": ImportForm(initial={"kind": form.cleaned_data["kind"]})}
        return render(request, template, {**context, "errors": refused.report.errors}, status=400)
    messages.success(
        request,
        _(
            "The file was imported: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return redirect("education:import")
