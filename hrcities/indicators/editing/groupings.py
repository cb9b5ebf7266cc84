"""A city's domains and dimensions: the page that lists them, and adding, changing and
deleting each (the city's editors)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import is_network_admin, require_create_in
from hrcities.core.editing import confirm_page, form_page
from hrcities.network.models import City

from .. import groupings
from ..models import Dimension, Domain
from .forms import DimensionCreateForm, DimensionForm, DomainCreateForm, DomainForm

HEAD = "indicators/_extra_head.html"
FIELD_FOR = {"names": "name_en"}


def _city_for_editor(request: HttpRequest, slug: str) -> City:
    city = get_object_or_404(City, slug=slug)
    require_create_in(request.user, city=city)
    return city


def _page(city: City) -> str:
    return reverse("indicators:city-groupings", args=[city.slug])


@login_required
def city_groupings(request: HttpRequest, city: str) -> HttpResponse:
    place = _city_for_editor(request, city)
    context = {
        "city": place,
        "domains": Domain.objects.filter(city=place).annotate(indicator_count=Count("indicators")),
        "shared_dimensions": Dimension.objects.filter(city__isnull=True),
        "own_dimensions": Dimension.objects.filter(city=place),
        "may_change_shared": is_network_admin(request.user),
    }
    return render(request, "indicators/city_groupings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def domain_create(request: HttpRequest, city: str) -> HttpResponse:
    place = _city_for_editor(request, city)
    last = Domain.objects.filter(city=place).order_by("-position").first()
    form = DomainCreateForm(
        request.POST or None, initial={"position": (last.position + 1) if last else 1}
    )
    return form_page(
        request,
        form,
        title=_("Add a domain to %(city)s") % {"city": place.name},
        intro=_("A domain groups indicators, e.g. one chapter of the city's human rights charter."),
        button=_("Add the domain"),
        back=_page(place),
        save=lambda form: groupings.add_domain(place, by=request.user, **form.changes()),
        done=_("The domain was added."),
        next_url=lambda _domain: _page(place),
        extra_head=HEAD,
        field_for=FIELD_FOR,
    )


def _domain(request: HttpRequest, city: str, slug: str) -> Domain:
    place = _city_for_editor(request, city)
    domain = get_object_or_404(Domain, city=place, slug=slug)
    domain.city = place
    return domain


@login_required
@require_http_methods(["GET", "POST"])
def domain_edit(request: HttpRequest, city: str, domain: str) -> HttpResponse:
    found = _domain(request, city, domain)
    return form_page(
        request,
        DomainForm(request.POST or None, initial=DomainForm.initial_for(found)),
        title=_("Edit the domain “%(name)s”") % {"name": found.name},
        button=_("Save"),
        back=_page(found.city),
        save=lambda form: groupings.update_domain(
            found, form.changes(), by=request.user, based_on_version=form.cleaned_data["version"]
        ),
        done=_("The domain was saved."),
        next_url=lambda _domain: _page(found.city),
        extra_head=HEAD,
        field_for=FIELD_FOR,
    )


@login_required
@require_http_methods(["GET", "POST"])
def domain_delete(request: HttpRequest, city: str, domain: str) -> HttpResponse:
    found = _domain(request, city, domain)
    return confirm_page(
        request,
        title=_("Delete the domain “%(name)s”?") % {"name": found.name},
        consequences=[
            _("The city's indicator page no longer shows it."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        refusal=groupings.domain_dependants(found),
        button=_("Delete the domain"),
        action=lambda: groupings.delete_domain(found, by=request.user),
        done=_("The domain “%(name)s” was deleted.") % {"name": found.name},
        back=_page(found.city),
        next_url=_page(found.city),
        extra_head=HEAD,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dimension_create(request: HttpRequest, city: str) -> HttpResponse:
    place = _city_for_editor(request, city)
    return form_page(
        request,
        DimensionCreateForm(request.POST or None),
        title=_("Add a dimension to %(city)s") % {"city": place.name},
        intro=_(
            "A dimension breaks values down by a group, e.g. districts. It becomes a column "
            "of the city's tidy CSV files and a choice when entering a value."
        ),
        button=_("Add the dimension"),
        back=_page(place),
        save=lambda form: groupings.add_dimension(place, by=request.user, **form.changes()),
        done=_("The dimension was added."),
        next_url=lambda _dimension: _page(place),
        extra_head=HEAD,
        field_for=FIELD_FOR,
    )


def _dimension(request: HttpRequest, city: str, slug: str) -> Dimension:
    place = _city_for_editor(request, city)
    dimension = get_object_or_404(Dimension, city=place, slug=slug)
    dimension.city = place
    return dimension


@login_required
@require_http_methods(["GET", "POST"])
def dimension_edit(request: HttpRequest, city: str, dimension: str) -> HttpResponse:
    found = _dimension(request, city, dimension)
    return form_page(
        request,
        DimensionForm(request.POST or None, initial=DimensionForm.initial_for(found)),
        title=_("Edit the dimension “%(name)s”") % {"name": found.name},
        button=_("Save"),
        back=_page(found.city),
        save=lambda form: groupings.update_dimension(found, form.changes(), by=request.user),
        done=_("The dimension was saved."),
        next_url=lambda _dimension: _page(found.city),
        extra_head=HEAD,
        field_for=FIELD_FOR,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dimension_delete(request: HttpRequest, city: str, dimension: str) -> HttpResponse:
    found = _dimension(request, city, dimension)
    return confirm_page(
        request,
        title=_("Delete the dimension “%(name)s”?") % {"name": found.name},
        consequences=[
            _("Its column is no longer read in the city's CSV files."),
            _("The audit log keeps what it was."),
        ],
        refusal=groupings.dimension_dependants(found),
        button=_("Delete the dimension"),
        action=lambda: groupings.delete_dimension(found, by=request.user),
        done=_("The dimension “%(name)s” was deleted.") % {"name": found.name},
        back=_page(found.city),
        next_url=_page(found.city),
        extra_head=HEAD,
    )
