"""Deleting an item and its files for good (network admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.forms import add_model_errors

from .. import services
from ..forms import PurgeForm
from ..presenting import present_item
from .common import FIELD_FOR, get_item_for_user


@login_required
@require_http_methods(["GET", "POST"])
def item_purge(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_item_for_user(user, pk)
    require_network_admin(user)
    step = (
        "confirm" if request.method == "POST" or request.GET.get("step") == "confirm" else "explain"
    )
    form = PurgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = str(item)
        try:
            services.purge_item(item, by=user, confirmation=form.cleaned_data["confirmation"])
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(
                request,
                _("“%(item)s” was purged: the record and its files are gone for good.")
                % {"item": title},
            )
            return redirect("archive:item-list")
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "step": step,
        "form": form,
        "phrase": f"purge {item.pk}",
        "media_count": item.media.count(),
        "consent_count": item.consents.count(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_purge.html", context, status=status)
