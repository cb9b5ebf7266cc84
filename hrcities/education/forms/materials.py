"""A material (a file or a link, with its licence), and the confirmation before a deletion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm
from hrcities.core.validation import check_language

from ..models import Licence
from .common import _korean


class MaterialForm(CheckedTextForm):
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_ko = forms.CharField(
        label=_("Title in Korean"), max_length=300, required=False, widget=_korean()
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, text, image, sound, video, Word, PowerPoint or OpenDocument."),
    )
    url = forms.URLField(
        label=_("Or a link"), max_length=500, required=False, assume_scheme="https"
    )
    language = forms.CharField(
        label=_("Language"), max_length=20, required=False, help_text=_("A code: ko, en, ...")
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=[("", "—"), *Licence.choices],
        error_messages={"required": _("Choose the licence it is shared under.")},
    )
    licence_note = forms.CharField(
        label=_("Licence note"),
        max_length=300,
        required=False,
        help_text=_("Which licence applies, when it is none of the above."),
    )

    def clean_language(self) -> str:
        code = (self.cleaned_data.get("language") or "").strip()
        if code:
            check_language(code)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_ko") or "").strip():
            self.add_error("title_en", _("Give the material a title, in English or in Korean."))
        if data.get("licence") == Licence.OTHER and not (data.get("licence_note") or "").strip():
            self.add_error("licence_note", _("Say which licence applies."))
        if data.get("file") and data.get("url"):
            self.add_error("url", _("Give a file or a link, not both."))
        elif "file" not in self.errors and "url" not in self.errors:
            if not data.get("file") and not data.get("url"):
                self.add_error("file", _("Give a file or a link."))
        return data
