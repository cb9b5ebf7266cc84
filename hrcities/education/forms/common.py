"""What the education forms share: where the services' errors are shown, and widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Model errors arrive on model fields; show them at the form field that set them.
FIELD_FOR = {
    "titles": "title_en",
    "summaries": "summary_en",
    "city": "owner",
    "organisation": "owner",
    "outcomes": "outcomes_en",
    "duration_text": "duration_text_en",
    "adaptation_note": "adaptation_note_en",
    "findings": "findings_en",
    "feedback": "feedback_en",
    "url": "url",
}


def _korean(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"lang": "ko", **attrs})


def _text(rows: int = 4, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def _many(
    label: Any, queryset: Any, *, checkboxes: bool = False, size: int = 6
) -> forms.ModelMultipleChoiceField:
    """A choice of several records: boxes to tick for a short list, else a list box."""
    if checkboxes:
        return forms.ModelMultipleChoiceField(
            label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
        )
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": size}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
