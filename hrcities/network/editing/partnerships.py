"""Partnerships between cities (the editors of the city that records one, and admins)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_create_in, require_edit
from hrcities.core.editing import confirm_page, form_page

from .. import services
from ..forms import PartnershipCreateForm, PartnershipForm
from ..models import City, Partnership

SUBNAV = "network/_subnav.html"


def _back(city: City) -> str:
    return city.get_absolute_url() + "#partnerships"


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    require_create_in(request.user, city=city)
    return form_page(
        request,
        PartnershipCreateForm(request.POST or None, city=city),
        title=_("Add a partnership of %(city)s") % {"city": city.name},
        button=_("Add the partnership"),
        back=_back(city),
        save=lambda form: services.add_partnership(city, by=request.user, **form.changes()),
        done=_("The partnership was added."),
        next_url=lambda _partnership: _back(city),
        subnav=SUBNAV,
    )


def get_partnership(pk: int) -> Partnership:
    return get_object_or_404(Partnership.objects.select_related("city_a", "city_b"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership(pk)
    require_edit(request.user, partnership)
    options = {"city": partnership.city_a}
    return form_page(
        request,
        PartnershipForm(
            request.POST or None, initial=PartnershipForm.initial_for(partnership), **options
        ),
        title=_("Edit the partnership %(partnership)s") % {"partnership": partnership},
        button=_("Save"),
        back=_back(partnership.city_a),
        save=lambda form: services.update_partnership(
            partnership,
            form.changes(),
            by=request.user,
            based_on_version=form.cleaned_data["version"],
        ),
        done=_("The partnership was saved."),
        next_url=lambda _partnership: _back(partnership.city_a),
        subnav=SUBNAV,
        options=options,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership(pk)
    require_edit(request.user, partnership)
    return confirm_page(
        request,
        title=_("Delete the partnership %(partnership)s?") % {"partnership": partnership},
        consequences=[
            _("Neither city's page lists the partnership any more."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        button=_("Delete the partnership"),
        action=lambda: services.delete_partnership(partnership, by=request.user),
        done=_("The partnership %(partnership)s was deleted.") % {"partnership": partnership},
        back=_back(partnership.city_a),
        next_url=_back(partnership.city_a),
        subnav=SUBNAV,
    )
