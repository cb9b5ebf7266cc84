"""Recording and withdrawing the consent of narrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.core.forms import add_model_errors

from .. import services
from ..forms import ConsentForm, WithdrawForm
from ..models import Consent, Item
from ..presenting import person_name, present_item
from .common import FIELD_FOR, consent_state, get_managed_item


@login_required
@require_http_methods(["GET", "POST"])
def item_consents(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_managed_item(user, pk)
    form = ConsentForm(request.POST or None, initial=_asked_again(item, request.GET.get("renew")))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(item, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("archive:item-consents", pk=item.pk)
    current = set(item.consents.current().values_list("pk", flat=True))
    consents = [
        (consent, person_name(consent.person, user), _scope_labels(consent.scopes))
        for consent in item.consents.select_related("person", "recorded_by")
    ]
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "consents": consents,
        "current": current,
        "form": form,
        "has_consent_to_publish": services.has_consent_to_publish(item),
        **consent_state(item),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_consents.html", context, status=status)


def _asked_again(item: Item, renew: str | None) -> dict[str, Any]:
    """The form filled in from a current consent, to record it anew when the narrator is
    asked again (`?renew=<id>`): same scopes, given today."""
    consent = (
        item.consents.current().filter(pk=renew).first() if renew and renew.isdigit() else None
    )
    if consent is None or not consent.is_active:
        return {}
    return {"scopes": consent.scopes, "given_on": timezone.localdate()}


def _scope_labels(scopes: list[str]) -> list[str]:
    labels = dict(Consent.Scope.choices)
    return [str(labels.get(scope, scope)) for scope in scopes]


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    consent = get_object_or_404(Consent, pk=pk)
    item = get_managed_item(user, consent.item_id)
    if consent.withdrawn_on is not None:
        messages.info(request, _("This consent was already withdrawn."))
        return redirect("archive:item-consents", pk=item.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw_consent(consent, by=user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _(
                "The consent was withdrawn. “%(item)s” is now hidden from every page, API, "
                "export and feed; the archival copy is kept."
            )
            % {"item": item},
        )
        return redirect(item)
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "consent": consent,
        "scopes": _scope_labels(consent.scopes),
        "form": form,
    }
    return render(request, "archive/consent_withdraw.html", context)
