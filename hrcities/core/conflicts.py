"""Showing an edit that lost a race beside what is stored now."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .services import EditConflict


def render_edit_conflict(
    request: HttpRequest,
    template: str,
    form: Any,
    conflict: EditConflict,
    context: Mapping[str, Any] | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    record_option: str = "",
    left_out: tuple[str, ...] = (),
) -> HttpResponse:
    """Show the edit again with the stored values beside the editor's, saving nothing (409).

    The form now carries the current version, so saving again is a deliberate choice
    made after seeing what the other editor changed. `options` are the form's keyword
    arguments; `record_option` names the one that takes the record; fields whose names
    start with one of `left_out` are not compared.
    """
    current = conflict.record
    data = form.data.copy()
    data["version"] = str(current.version)
    form_options = dict(options or {})
    if record_option:
        form_options[record_option] = current
    fresh = type(form)(data, **form_options)
    fresh.is_valid()
    stored = type(form).initial_for(current)
    rows = [
        (form.fields[name].label, *_values(form, name, stored.get(name)))
        for name in form.fields
        if name != "version" and not (left_out and name.startswith(left_out))
    ]
    context = {**(context or {}), "form": fresh, "conflict": conflict, "conflict_rows": rows}
    return render(request, template, context, status=409)


def _values(form: Any, name: str, stored: Any) -> tuple[Any, Any]:
    """Return the stored and the sent value of a field, as a person reads them.

    A form with a `display` method shows what was sent as a person reads it; any other
    form shows the values it cleaned.
    """
    if not hasattr(form, "display"):
        return stored, form.cleaned_data.get(name)
    multiple = getattr(form.fields[name].widget, "allow_multiple_selected", False)
    sent = form.data.getlist(name) if multiple else form.data.get(name)
    return form.display(name, stored), form.display(name, sent)
