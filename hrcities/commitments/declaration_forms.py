"""Forms for keeping a declaration once read in: its details, a promise's title,
addressees and weight, a clause's wording, and its translations. Each edit carries the
version the admin saw."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm, date_input

from .forms import DeclarationUploadForm
from .models import Addressee, TranslationKind


class VersionedForm(CheckedTextForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    names: tuple[str, ...] = ()

    @classmethod
    def initial_for(cls, record: Any) -> dict[str, Any]:
        return {"version": record.version, **{name: getattr(record, name) for name in cls.names}}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.names}


class DeclarationEditForm(VersionedForm):
    names = ("title", "subtitle", "forum_edition", "start_date", "end_date", "place", "language")
    title = forms.CharField(label=_("Title"), max_length=300)
    subtitle = forms.CharField(label=_("Theme"), max_length=300, required=False)
    forum_edition = forms.IntegerField(label=_("Forum edition"), min_value=1, required=False)
    start_date = forms.DateField(label=_("First day"), required=False, widget=date_input())
    end_date = forms.DateField(label=_("Last day"), required=False, widget=date_input())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    language = forms.CharField(
        label=_("Language (BCP 47)"), max_length=20, help_text=_("For example ko or en.")
    )


class CommitmentEditForm(VersionedForm):
    names = ("title", "addressees", "weight")
    title = forms.CharField(label=_("Short title"), max_length=200)
    addressees = forms.MultipleChoiceField(
        label=_("Addressed to"),
        choices=Addressee.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=Decimal("0"),
        max_value=Decimal("9999"),
        decimal_places=2,
        help_text=_("How much this promise counts in the declaration's overall progress."),
    )


class ClauseEditForm(VersionedForm):
    names = ("text",)
    text = forms.CharField(
        label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )


class TranslationForm(DeclarationUploadForm):
    """The declaration's text in another language, pasted or as a file, and who made it."""

    language = forms.CharField(
        label=_("Language of the translation (BCP 47)"),
        max_length=20,
        help_text=_("For example ko for Korean or en for English."),
    )
    kind = forms.ChoiceField(label=_("Kind of translation"), choices=TranslationKind.choices)
    translator = forms.CharField(
        label=_("Translated by"),
        max_length=300,
        required=False,
        help_text=_("The person, office or publication the translation comes from."),
    )
    url = forms.URLField(
        label=_("Where it is published"),
        max_length=1000,
        required=False,
        assume_scheme="https",
    )
    title = forms.CharField(
        label=_("Title in this language"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to take the title from the top of the text."),
    )
    field_order = ["language", "kind", "translator", "url", "title", "file", "text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("File of the translation")


class TranslationEditForm(VersionedForm):
    names = ("title", "subtitle", "kind", "translator", "url")
    title = forms.CharField(label=_("Title"), max_length=300)
    subtitle = forms.CharField(label=_("Theme"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind of translation"), choices=TranslationKind.choices)
    translator = forms.CharField(label=_("Translated by"), max_length=300, required=False)
    url = forms.URLField(
        label=_("Where it is published"), max_length=1000, required=False, assume_scheme="https"
    )
