"""Adding, changing and deleting networks (network admins)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.editing import confirm_page, form_page

from .. import services
from ..forms import NetworkCreateForm, NetworkForm
from ..models import Network

SUBNAV = "network/_subnav.html"
FIELD_FOR = {"names": "name_en"}


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    return form_page(
        request,
        NetworkCreateForm(request.POST or None),
        title=_("Add a network"),
        button=_("Add the network"),
        back=reverse("network:network-list"),
        save=lambda form: services.create_network(by=request.user, **form.changes()),
        done=_("The network was added."),
        next_url=lambda network: reverse("network:network-detail", args=[network.slug]),
        subnav=SUBNAV,
        field_for=FIELD_FOR,
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    require_network_admin(request.user)
    back = reverse("network:network-detail", args=[network.slug])
    return form_page(
        request,
        NetworkForm(request.POST or None, initial=NetworkForm.initial_for(network)),
        title=_("Edit %(name)s") % {"name": network.name},
        button=_("Save"),
        back=back,
        save=lambda form: services.update_network(
            network, form.changes(), by=request.user, based_on_version=form.cleaned_data["version"]
        ),
        done=_("The network was saved."),
        next_url=lambda _network: back,
        subnav=SUBNAV,
        field_for=FIELD_FOR,
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_delete(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    require_network_admin(request.user)
    return confirm_page(
        request,
        title=_("Delete the network “%(name)s”?") % {"name": network.name},
        consequences=[
            _("The network leaves the registry and its page is gone."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        refusal=services.network_dependants(network),
        button=_("Delete the network"),
        action=lambda: services.delete_network(network, by=request.user),
        done=_("The network “%(name)s” was deleted.") % {"name": network.name},
        back=reverse("network:network-detail", args=[network.slug]),
        next_url=reverse("network:network-list"),
        subnav=SUBNAV,
    )
