"""Deleting an indicator, after saying what goes with it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_edit
from hrcities.core.editing import confirm_page

from .. import services
from ..models import Indicator
from ..views import get_indicator_for_user


def consequences_of_deleting(indicator: Indicator) -> list[str]:
    """Say what deleting an indicator takes with it and which links it breaks."""
    values = indicator.observations.count()
    lines = [
        ngettext(
            "Its %(n)s value is deleted with it.", "Its %(n)s values are deleted with it.", values
        )
        % {"n": values}
        if values
        else _("It has no values yet.")
    ]
    actions = indicator.actions.count()
    if actions:
        lines.append(
            ngettext(
                "%(n)s action no longer shows it as its measure.",
                "%(n)s actions no longer show it as their measure.",
                actions,
            )
            % {"n": actions}
        )
    commitments = indicator.commitments.count()
    if commitments:
        lines.append(
            ngettext(
                "%(n)s commitment no longer lists it.",
                "%(n)s commitments no longer list it.",
                commitments,
            )
            % {"n": commitments}
        )
    lines += [
        _("The city's status counts and its annual report leave it out."),
        _("The indicator and its values stay in the history of changes and can be restored."),
    ]
    return lines


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request: HttpRequest, city: str, code: str) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, city, code)
    require_edit(request.user, indicator)
    return confirm_page(
        request,
        title=_("Delete the indicator “%(indicator)s”?") % {"indicator": indicator},
        consequences=consequences_of_deleting(indicator),
        button=_("Delete the indicator"),
        action=lambda: services.delete_indicator(indicator, by=request.user),
        done=_("The indicator “%(indicator)s” was deleted.") % {"indicator": indicator},
        back=indicator.get_absolute_url(),
        next_url=reverse("indicators:city-indicators", args=[indicator.city.slug]),
        extra_head="indicators/_extra_head.html",
    )
