"""A page that asks before a deletion or another step that cannot simply be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .forms import add_model_errors


class ConfirmForm(forms.Form):
    """A deliberate second step before a deletion or an archiving."""

    confirm = forms.BooleanField(
        label=_("I understand what this does"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: list[str],
    button: str,
    action: Callable[..., Any],
    done: str,
    back: str,
    next_url: str,
    form: forms.Form | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Ask before `action`; run it when the box is ticked and sent, then go to `next_url`.

    `form` adds choices to the confirmation (a ConfirmForm subclass); `action` then gets
    its cleaned data. A ValidationError from `action` is shown on the page, which says
    that nothing was changed. `context` may name the app's `subnav` and `extra_head`
    templates and add what they need.
    """
    form = form or ConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if type(form) is ConfirmForm:
                    action()
                else:
                    action(form.cleaned_data)
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(next_url)
        status = 400
    page = {
        **(context or {}),
        "title": title,
        "consequences": consequences,
        "button": button,
        "form": form,
        "back": back,
    }
    return render(request, "core/confirm.html", page, status=status)
