"""Forms for keeping a declaration once read in: its details, a promise's title,
addressees and weight, and a clause's wording. Each carries the version the admin saw."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm, date_input

from .models import Addressee


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
