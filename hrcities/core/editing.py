"""The two pages every app's editing shares: a record's form, and asking before a deletion.

Both take the service call as a function, so a view stays: find the record, check who
may change it, hand the service to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .conflicts import render_edit_conflict
from .forms import add_model_errors
from .services import EditConflict


class ConfirmForm(forms.Form):
    """A deliberate second step before a deletion or another step that cannot simply be
    undone. Subclasses add choices (say, where a collection's items should go)."""

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
    refusal: list[str] | None = None,
    form: forms.Form | None = None,
    subnav: str = "",
    extra_head: str = "",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Ask before `action`; run it when the box is ticked and sent, then go to `next_url`.

    `refusal` lists what stops the step (records that depend on this one): the page then
    says so and offers no button, and a POST changes nothing (409). A refusal the service
    raises as a ValidationError is shown on the page the same way. `form` adds choices to
    the confirmation (a ConfirmForm subclass), and `action` then gets its cleaned data.
    `context` adds what an app's `subnav` and `extra_head` templates need.
    """
    form = form or ConfirmForm(request.POST or None)
    status = 200
    if refusal:
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                if type(form) is ConfirmForm:
                    action()
                else:
                    action(form.cleaned_data)
            except ValidationError as error:
                add_model_errors(form, error)
                status = 409
            else:
                messages.success(request, done)
                return redirect(next_url)
        else:
            status = 400
    page = {
        "subnav": subnav,
        "extra_head": extra_head,
        **(context or {}),
        "title": title,
        "consequences": consequences,
        "refusal": refusal or [],
        "button": button,
        "form": form,
        "back": back,
    }
    return render(request, "core/confirm.html", page, status=status)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    button: str,
    back: str,
    save: Callable[[Any], Any],
    done: str,
    next_url: Callable[[Any], str],
    intro: str = "",
    subnav: str = "",
    extra_head: str = "",
    options: dict[str, Any] | None = None,
    field_for: dict[str, str] | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show a record's form; on a valid POST, `save(form)` and go to `next_url(record)`.

    A refusal the service raises is shown beside its field and nothing is saved (400); an
    edit from an outdated version is shown beside what is stored now (409). `options` are
    the form's keyword arguments, to rebuild it for that comparison. `context` adds what
    an app's `subnav` and `extra_head` templates need.
    """
    context = {
        **(context or {}),
        "title": title,
        "button": button,
        "back": back,
        "intro": intro,
        "subnav": subnav,
        "extra_head": extra_head,
    }
    template = "core/record_form.html"
    if not form.is_bound:
        return render(request, template, {**context, "form": form})
    if form.is_valid():
        try:
            record = save(form)
        except EditConflict as conflict:
            return render_edit_conflict(request, template, form, conflict, context, options=options)
        except ValidationError as error:
            add_model_errors(form, error, field_for)
        else:
            messages.success(request, done)
            return redirect(next_url(record))
    return render(request, template, {**context, "form": form}, status=400)
