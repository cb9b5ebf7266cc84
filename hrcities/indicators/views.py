"""Pages of a city's indicators: statuses by domain, one indicator's values, entry forms,
tidy CSV exchange."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import can_create_in, can_edit, require_create_in, require_edit
from hrcities.core.csvfiles import csv_download
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict
from hrcities.network.models import City
from hrcities.taxonomy.views import tag_context

from . import charts, opensdg, services
from .coverage import annual_report_year, year_coverage
from .exchange import ImportRefused, export_csv, import_csv
from .forms import ImportForm, IndicatorForm, ObservationForm
from .models import Dimension, Indicator, Observation
from .progress import city_progress, indicator_progress
from .status import STATUS_ORDER

YAML = "application/yaml; charset=utf-8"

# --- look-ups -------------------------------------------------------------------------


def get_city(slug: str) -> City:
    return get_object_or_404(City, slug=slug)


def get_indicator_for_user(user: Any, city_slug: str, code: str) -> Indicator:
    """Return the indicator if the user may read it; an unpublished one is a 404 to others."""
    return get_object_or_404(
        Indicator.objects.visible_to(user).select_related("city", "domain"),
        city__slug=city_slug,
        code=code,
    )


def get_observation(indicator: Indicator, pk: int) -> Observation:
    observation = get_object_or_404(
        Observation.objects.select_related("definition"), pk=pk, indicator=indicator
    )
    observation.indicator = indicator
    return observation


def _chosen_year(request: HttpRequest) -> int | None:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None


# --- lists ----------------------------------------------------------------------------


def city_list(request: HttpRequest) -> HttpResponse:
    """Cities that measure indicators, with how many each publishes."""
    visible = Indicator.objects.visible_to(request.user)
    cities = (
        City.objects.filter(indicators__in=visible)
        .annotate(indicator_count=Count("indicators", filter=Q(indicators__in=visible)))
        .order_by("slug")
        .distinct()
    )
    rows = [(city, city_progress(city, user=request.user).summary) for city in cities]
    return render(request, "indicators/city_list.html", {"rows": rows})


PAGE_SIZE = 50


def city_indicators(request: HttpRequest, city: str) -> HttpResponse:
    """A city's indicators by domain, each with its status; the domains' and city's counts."""
    place = get_city(city)
    year = _chosen_year(request)
    progress = city_progress(place, user=request.user, year=year)
    years = sorted(
        set(
            Observation.objects.filter(
                indicator__in=[item.indicator.pk for item in progress.indicators]
            ).values_list("year", flat=True)
        ),
        reverse=True,
    )
    # Long lists come a page of indicators at a time, still grouped by domain; the
    # summaries above count them all.
    rows = [(part, item) for part in progress.domains for item in part.indicators]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    domains: list[tuple[Any, list[Any]]] = []
    for part, item in page.object_list:
        if not domains or domains[-1][0] is not part:
            domains.append((part, []))
        domains[-1][1].append(item)
    coverage = year_coverage(place, request.user)
    context = {
        "city": place,
        "progress": progress,
        "domains": domains,
        "page": page,
        "year": year,
        "years": years,
        "annual_year": annual_report_year(coverage),
        "chosen_coverage": next((c for c in coverage if c.year == year), None),
        "status_order": [(s.value, s.label) for s in STATUS_ORDER],
        "may_edit": can_create_in(request.user, city=place),
        "has_demo": any(item.indicator.is_demo for item in progress.indicators),
    }
    return render(request, "indicators/city_indicators.html", context)


# --- one indicator --------------------------------------------------------------------


def _detail_context(
    request: HttpRequest, indicator: Indicator, form: ObservationForm | None = None
) -> dict[str, Any]:
    progress = indicator_progress(indicator)
    may_edit = can_edit(request.user, indicator)
    dimensions = list(Dimension.objects.for_city(indicator.city))
    names = {d.slug: d for d in dimensions}
    rows = [
        (
            observation,
            [
                (names[slug].name, names[slug].value_label(value))
                if slug in names
                else (slug, value)
                for slug, value in sorted(observation.disaggregation.items())
            ],
        )
        for observation in sorted(
            progress.observations,
            key=lambda o: (-o.year, o.period, o.disaggregation_key),
        )
    ]
    return {
        "indicator": indicator,
        "city": indicator.city,
        "progress": progress,
        "status": progress.status,
        "rows": rows,
        "chart": charts.indicator_chart(progress) if progress.totals else None,
        "breakdowns": charts.indicator_breakdowns(progress, dimensions),
        "definitions": list(indicator.definitions.order_by("-number")),
        "sdg_indicators": list(indicator.sdg_indicators.all()),
        "commitments": list(indicator.commitments.select_related("declaration")),
        "actions": list(indicator.actions.all()),
        "may_edit": may_edit,
        "form": form or (ObservationForm(indicator=indicator) if may_edit else None),
        **tag_context(request, indicator),
    }


def indicator_detail(request: HttpRequest, city: str, code: str) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, city, code)
    return render(request, "indicators/indicator_detail.html", _detail_context(request, indicator))


def indicator_csv(request: HttpRequest, city: str, code: str) -> HttpResponse:
    """One indicator's values in Open SDG's data format, named as Open SDG names the file."""
    indicator = get_indicator_for_user(request.user, city, code)
    return csv_download(opensdg.data_csv(indicator), f"indicator_{indicator.code}.csv")


def indicator_meta(request: HttpRequest, city: str, code: str) -> HttpResponse:
    """One indicator's Open SDG metadata (YAML), the file beside its data."""
    indicator = get_indicator_for_user(request.user, city, code)
    meta, _korean = opensdg.metadata(indicator, site=request.build_absolute_uri("/"))
    response = HttpResponse(opensdg.metadata_yaml(meta), content_type=YAML)
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}.yml"'
    return response


def city_opensdg(request: HttpRequest, city: str) -> HttpResponse:
    """The city's indicators the reader sees, as an Open SDG data folder in a ZIP."""
    place = get_city(city)
    return opensdg.zip_download(
        opensdg.city_files(place, request.user, site=request.build_absolute_uri("/")), place
    )


def city_csv(request: HttpRequest, city: str) -> HttpResponse:
    """Every indicator of a city the reader sees in one file, the platform's own CSV with an
    Indicator column."""
    place = get_city(city)
    indicators = Indicator.objects.visible_to(request.user).filter(city=place).order_by("code")
    return csv_download(
        export_csv(indicators, with_indicator_column=True), f"indicators_{place.slug}.csv"
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, city: str) -> HttpResponse:
    place = get_city(city)
    require_create_in(request.user, city=place)
    template = "indicators/indicator_form.html"
    if request.method == "GET":
        form = IndicatorForm(city=place, initial={"polarity": "higher", "kind": "outcome"})
        return render(request, template, {"form": form, "city": place})
    form = IndicatorForm(request.POST, city=place)
    if form.is_valid():
        try:
            indicator = services.define_indicator(
                by=request.user,
                city=place,
                tags=form.cleaned_data["tags"],
                **form.definition(),
                **form.values(),
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The indicator was defined."))
            return redirect(indicator)
    return render(request, template, {"form": form, "city": place}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, city: str, code: str) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, city, code)
    require_edit(request.user, indicator)
    template = "indicators/indicator_form.html"
    context: dict[str, Any] = {"city": indicator.city, "indicator": indicator}
    if request.method == "GET":
        form = IndicatorForm(
            initial=IndicatorForm.initial_for(indicator), city=indicator.city, indicator=indicator
        )
        return render(request, template, {**context, "form": form})
    form = IndicatorForm(request.POST, city=indicator.city, indicator=indicator)
    if form.is_valid():
        data = form.cleaned_data
        try:
            updated = services.revise_indicator(
                indicator,
                form.values(),
                by=request.user,
                based_on_version=data["version"],
                from_year=data["from_year"],
                tags=data["tags"],
                **form.definition(),
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
            return render(request, template, {**context, "form": form}, status=409)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect(updated)
    return render(request, template, {**context, "form": form}, status=400)


# --- observations ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def observation_create(request: HttpRequest, city: str, code: str) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, city, code)
    require_edit(request.user, indicator)
    if request.method == "GET":
        form = ObservationForm(indicator=indicator)
        return render(
            request, "indicators/observation_form.html", {"indicator": indicator, "form": form}
        )
    form = ObservationForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.record_observation(indicator, by=request.user, **form.values())
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("The value for %(year)s was recorded.") % {"year": form.cleaned_data["year"]},
            )
            return redirect(indicator.get_absolute_url() + "#observations")
    context = _detail_context(request, indicator, form=form)
    return render(request, "indicators/indicator_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def observation_edit(request: HttpRequest, city: str, code: str, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, city, code)
    observation = get_observation(indicator, pk)
    require_edit(request.user, observation)
    template = "indicators/observation_form.html"
    context = {"indicator": indicator, "observation": observation}
    if request.method == "GET":
        form = ObservationForm(
            initial=ObservationForm.initial_for(observation), indicator=indicator, editing=True
        )
        return render(request, template, {**context, "form": form})
    form = ObservationForm(request.POST, indicator=indicator, editing=True)
    if form.is_valid():
        try:
            services.update_observation(
                observation,
                form.values(),
                by=request.user,
                based_on_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
            return render(request, template, {**context, "form": form}, status=409)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The value was saved."))
            return redirect(indicator.get_absolute_url() + "#observations")
    return render(request, template, {**context, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def observation_delete(request: HttpRequest, city: str, code: str, pk: int) -> HttpResponse:
    """Ask first; delete on the confirming POST (the revision keeps the value)."""
    indicator = get_indicator_for_user(request.user, city, code)
    observation = get_observation(indicator, pk)
    require_edit(request.user, observation)
    if request.method == "POST":
        services.delete_observation(observation, by=request.user)
        messages.success(
            request, _("The value for %(year)s was deleted.") % {"year": observation.year}
        )
        return redirect(indicator.get_absolute_url() + "#observations")
    return render(
        request,
        "indicators/observation_confirm_delete.html",
        {"indicator": indicator, "observation": observation},
    )


# --- import ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def city_import(request: HttpRequest, city: str) -> HttpResponse:
    """Upload tidy CSV or an Open SDG data folder's ZIP; a refused file is shown back with
    every bad file, row and column."""
    place = get_city(city)
    require_create_in(request.user, city=place)
    template = "indicators/import.html"
    context: dict[str, Any] = {
        "city": place,
        "dimensions": Dimension.objects.for_city(place),
    }
    if request.method == "GET":
        initial = {"indicator": request.GET.get("indicator", "")}
        return render(
            request, template, {**context, "form": ImportForm(city=place, initial=initial)}
        )
    form = ImportForm(request.POST, request.FILES, city=place)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=400)
    indicator = form.cleaned_data["indicator"]
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        if opensdg.is_zip(data):
            report = opensdg.import_zip(data, city=place, by=request.user)
        else:
            report = import_csv(data, city=place, by=request.user, indicator=indicator)
    except ImportRefused as refused:
        context.update(
            {
                "form": ImportForm(
                    city=place, initial={"indicator": indicator.code if indicator else ""}
                ),
                "errors": refused.report.errors,
                "error_files": any(error.file for error in refused.report.errors),
                "file_name": upload.name,
            }
        )
        return render(request, template, context, status=400)
    messages.success(
        request,
        _(
            "The file was imported: %(created)s values added, %(updated)s changed, "
            "%(unchanged)s unchanged."
        )
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    if indicator is not None:
        return redirect(indicator.get_absolute_url() + "#observations")
    return redirect(reverse("indicators:city-indicators", args=[place.slug]))
