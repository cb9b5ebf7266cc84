"""Forms for editing cities and organisations. Each carries the version the editor saw,
so that a save made from an outdated page is refused instead of overwriting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm

from .models import City, Country, Organisation, OrganisationKind


class VersionedForm(CheckedTextForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CityForm(VersionedForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=200)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    year_declared = forms.IntegerField(
        label=_("Year declared a human rights city"),
        required=False,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("Leave empty unless the year is known."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )

    @classmethod
    def initial_for(cls, city: City) -> dict[str, Any]:
        return {
            "version": city.version,
            "name_en": city.names.get("en", ""),
            "name_ko": city.names.get("ko", ""),
            "year_declared": city.year_declared,
            "website": city.website,
            "description": city.description,
            "latitude": city.latitude,
            "longitude": city.longitude,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": {"en": data["name_en"], "ko": data["name_ko"]},
            "year_declared": data["year_declared"],
            "website": data["website"],
            "description": data["description"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
        }


class OrganisationForm(VersionedForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=300)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.all(), required=False, to_field_name="slug"
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        return {
            "version": organisation.version,
            "name_en": organisation.names.get("en", ""),
            "name_ko": organisation.names.get("ko", ""),
            "acronym": organisation.acronym,
            "kind": organisation.kind,
            "city": organisation.city.slug if organisation.city else None,
            "country": organisation.country_id,
            "website": organisation.website,
            "description": organisation.description,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": {"en": data["name_en"], "ko": data["name_ko"]},
            "acronym": data["acronym"],
            "kind": data["kind"],
            "city": data["city"],
            "country": data["country"],
            "website": data["website"],
            "description": data["description"],
        }


class PlaceSearchForm(forms.Form):
    q = forms.CharField(label=_("Place name (English or Korean)"), max_length=100, required=False)
    country = forms.CharField(label=_("Country code (optional)"), max_length=2, required=False)
