"""Forms for editing the registry: cities, organisations, networks, memberships, focal
points and partnerships. Each carries the version the editor saw,
so that a save made from an outdated page is refused instead of overwriting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm

from .models import (
    MEMBERSHIP_YEARS,
    City,
    Country,
    FocalPoint,
    Membership,
    MembershipRole,
    Network,
    Organisation,
    OrganisationKind,
    Partnership,
)


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


class OrganisationCreateForm(OrganisationForm):
    version = None  # type: ignore[assignment]
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to make one from the English name."),
    )

    def changes(self) -> dict[str, Any]:
        return {**super().changes(), "slug": self.cleaned_data["slug"] or None}


class NetworkForm(VersionedForm):
    name_en = forms.CharField(label=_("Name in English"), max_length=300)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    @classmethod
    def initial_for(cls, network: Network) -> dict[str, Any]:
        return {
            "version": network.version,
            "name_en": network.names.get("en", ""),
            "name_ko": network.names.get("ko", ""),
            "website": network.website,
            "description": network.description,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": {"en": data["name_en"], "ko": data["name_ko"]},
            "website": data["website"],
            "description": data["description"],
        }


class NetworkCreateForm(NetworkForm):
    version = None  # type: ignore[assignment]
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to make one from the English name."),
    )

    def changes(self) -> dict[str, Any]:
        return {**super().changes(), "slug": self.cleaned_data["slug"] or None}


def _year_field(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, validators=MEMBERSHIP_YEARS, help_text=help_text
    )


class MembershipForm(VersionedForm):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    joined_year = _year_field(_("Year joined"))
    left_year = _year_field(_("Year left"), _("Leave empty while the membership lasts."))

    @classmethod
    def initial_for(cls, membership: Membership) -> dict[str, Any]:
        return {
            "version": membership.version,
            "role": membership.role,
            "joined_year": membership.joined_year,
            "left_year": membership.left_year,
        }

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("role", "joined_year", "left_year")}


class MembershipCreateForm(MembershipForm):
    """Join a network: the member is given by the page, the network chosen here."""

    version = None  # type: ignore[assignment]
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.all(), to_field_name="slug"
    )
    field_order = ["network", "role", "joined_year", "left_year"]

    def __init__(self, *args: Any, member: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        joined = Membership.objects.filter(
            **{"city" if isinstance(member, City) else "organisation": member}
        ).values("network")
        field = self.fields["network"]
        field.queryset = Network.objects.exclude(pk__in=joined)  # type: ignore[attr-defined]
        field.label_from_instance = lambda network: network.name  # type: ignore[attr-defined]


class FocalPointForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Job title"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    @classmethod
    def initial_for(cls, focal_point: FocalPoint) -> dict[str, Any]:
        return {
            "version": focal_point.version,
            "name": focal_point.name,
            "position": focal_point.position,
            "email": focal_point.email,
        }

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("name", "position", "email")}


class FocalPointCreateForm(FocalPointForm):
    version = None  # type: ignore[assignment]


class PartnershipForm(VersionedForm):
    city_b = forms.ModelChoiceField(
        label=_("Partner city"), queryset=City.objects.all(), to_field_name="slug"
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Partnership.Kind.choices)
    since_year = _year_field(_("Since (year)"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["city_b"]
        field.queryset = City.objects.exclude(pk=city.pk).order_by("slug")  # type: ignore[attr-defined]
        field.label_from_instance = lambda other: other.name  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, partnership: Partnership) -> dict[str, Any]:
        return {
            "version": partnership.version,
            "city_b": partnership.city_b.slug,
            "kind": partnership.kind,
            "since_year": partnership.since_year,
            "description": partnership.description,
        }

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("city_b", "kind", "since_year", "description")
        }


class PartnershipCreateForm(PartnershipForm):
    version = None  # type: ignore[assignment]


class PlaceSearchForm(forms.Form):
    q = forms.CharField(label=_("Place name (English or Korean)"), max_length=100, required=False)
    country = forms.CharField(label=_("Country code (optional)"), max_length=2, required=False)
