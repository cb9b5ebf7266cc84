from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hrcities.core.models import NetworkSettings

from .networksettings import NetworkSettingsForm, change_network_settings
from .permissions import require_network_admin


@login_required
def network_settings(request: HttpRequest) -> HttpResponse:
    """The network's own choices, for network admins."""
    require_network_admin(request.user)
    current = NetworkSettings.current()
    form = NetworkSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        change_network_settings(by=request.user, **form.cleaned_data)
        messages.success(request, _("Network settings saved."))
        return redirect("accounts:network-settings")
    return render(request, "accounts/network_settings.html", {"form": form, "current": current})
