"""Form helpers every app's pages share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .validation import check_text


def add_model_errors(
    form: Any, error: ValidationError, field_for: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on a form: each message beside its field.

    `field_for` names the form field that stands for a model field where the two differ
    (`{"titles": "title_en"}`); a message whose field the form lacks goes on top of it.
    """
    field_for = field_for or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = field_for.get(name, name)
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def choice_labels(choices: Any) -> dict[str, str]:
    """Return value → label for a field's choices, grouped or not."""
    labels: dict[str, str] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            labels.update({str(k): str(v) for k, v in label})
        else:
            labels[str(key)] = str(label)
    return labels


class CheckedTextForm(forms.Form):
    """A form whose text fields refuse, each beside itself, characters XML cannot carry
    (the rule the API and the models apply too: hrcities.core.validation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and check_text not in field.validators:
                field.validators.append(check_text)


def date_input() -> forms.DateInput:
    """A date field's widget: the browser's date picker, with the value written as ISO."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
