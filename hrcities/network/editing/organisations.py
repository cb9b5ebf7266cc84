"""Adding and deleting organisations (network admins); their editors change them."""

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
from ..forms import OrganisationCreateForm
from ..models import Organisation

SUBNAV = "network/_subnav.html"


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require_network_admin(request.user)
    return form_page(
        request,
        OrganisationCreateForm(request.POST or None),
        title=_("Add an organisation"),
        button=_("Add the organisation"),
        back=reverse("network:organisation-list"),
        save=lambda form: services.create_organisation(by=request.user, **form.changes()),
        done=_("The organisation was added."),
        next_url=lambda organisation: organisation.get_absolute_url(),
        subnav=SUBNAV,
        field_for={"names": "name_en"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require_network_admin(request.user)
    return confirm_page(
        request,
        title=_("Delete the organisation “%(name)s”?") % {"name": organisation.name},
        consequences=[
            _("The organisation leaves the registry and its page is gone."),
            _("Its last state stays in the history of changes and can be restored."),
        ],
        refusal=services.organisation_dependants(organisation),
        button=_("Delete the organisation"),
        action=lambda: services.delete_organisation(organisation, by=request.user),
        done=_("The organisation “%(name)s” was deleted.") % {"name": organisation.name},
        back=organisation.get_absolute_url(),
        next_url=reverse("network:organisation-list"),
        subnav=SUBNAV,
    )
