from __future__ import annotations

from typing import Any

from django import forms

from .models import Frequency
from .registry import kinds


class PreferencesForm(forms.Form):
    """One choice per kind of work: email at once, a daily digest, or never."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.explanation,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.key, kind.default),
            )
