from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm

from .models import FOREWORD_MAX_LENGTH


def text_field(label: Any, language: str) -> forms.CharField:
    """A foreword's text in one language: paragraphs of plain text."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=FOREWORD_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "lang": language}),
        help_text=_("Plain text; leave a blank line between paragraphs."),
    )


class ForewordForm(CheckedTextForm):
    # 0: the report had no foreword when the page was opened.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text_en = text_field(_("Foreword in English"), "en")
    text_ko = text_field(_("Foreword in Korean"), "ko")

    @classmethod
    def initial_for(cls, foreword: Any) -> dict[str, Any]:
        if foreword is None:
            return {"version": 0}
        return {
            "version": foreword.version,
            "text_en": foreword.texts.get("en", ""),
            "text_ko": foreword.texts.get("ko", ""),
        }

    def texts(self) -> dict[str, str]:
        return {"en": self.cleaned_data["text_en"], "ko": self.cleaned_data["text_ko"]}
