"""Forms to keep a city's domains and its own dimensions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm

from ..models import Dimension


class DomainForm(CheckedTextForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name_en = forms.CharField(label=_("Name in English"), max_length=200)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    slug = forms.SlugField(
        label=_("Code"), max_length=80, help_text=_("Short, for addresses, e.g. right-to-work.")
    )
    position = forms.IntegerField(
        label=_("Place in the list"),
        min_value=0,
        max_value=999,
        help_text=_("Domains are shown from the smallest number up."),
    )

    @classmethod
    def initial_for(cls, domain: Any) -> dict[str, Any]:
        return {
            "version": domain.version,
            "name_en": domain.names.get("en", ""),
            "name_ko": domain.names.get("ko", ""),
            "slug": domain.slug,
            "position": domain.position,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = {"en": data["name_en"]}
        if data["name_ko"]:
            names["ko"] = data["name_ko"]
        return {"names": names, "slug": data["slug"], "position": data["position"]}


class DomainCreateForm(DomainForm):
    version = None  # type: ignore[assignment]


class DimensionForm(CheckedTextForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=200)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    column = forms.CharField(
        label=_("CSV column"), max_length=80, help_text=_("The column header in tidy CSV files.")
    )
    values = forms.CharField(
        label=_("Allowed values"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line, as files write them; leave empty to allow any value."),
    )

    @classmethod
    def initial_for(cls, dimension: Dimension) -> dict[str, Any]:
        return {
            "name_en": dimension.names.get("en", ""),
            "name_ko": dimension.names.get("ko", ""),
            "column": dimension.column,
            "values": "\n".join(dimension.values or []),
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = {"en": data["name_en"]}
        if data["name_ko"]:
            names["ko"] = data["name_ko"]
        values = list(dict.fromkeys(v.strip() for v in data["values"].splitlines() if v.strip()))
        return {"names": names, "column": data["column"], "values": values}


class DimensionCreateForm(DimensionForm):
    slug = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Short and fixed: values are stored under it, e.g. district."),
    )
    field_order = ["name_en", "name_ko", "slug", "column", "values"]

    def changes(self) -> dict[str, Any]:
        return {**super().changes(), "slug": self.cleaned_data["slug"]}
