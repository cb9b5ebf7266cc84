"""Forms of the archive's daily upkeep: collections, places, people, people's roles,
relations between records, and the confirmations that move or delete.

Each record form carries the version the editor saw (see `forms.RecordForm`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hrcities.commitments.forms import owner_value
from hrcities.core.editing import ConfirmForm
from hrcities.core.forms import CheckedTextForm
from hrcities.network.loaders import find_places
from hrcities.network.models import GeoNamesPlace

from .curation import with_geonames
from .forms import ACCESS_FIELDS, OwnedRecordForm, RecordForm, merge_languages, owner_of
from .models import Collection, PersonRole, Relation

TEXT_FIELDS = ["title_en", "title_ko", "title_original", "original_language"]
DESCRIPTIONS = ["description_en", "description_ko"]


class CollectionForm(RecordForm):
    slug = forms.SlugField(
        label=_("Short name for its address"),
        max_length=100,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the English title if left empty."),
    )
    groups = [
        (_("The collection"), ["owner", "slug", *TEXT_FIELDS, *DESCRIPTIONS, "date_text"]),
        (_("Who may see it"), list(ACCESS_FIELDS)),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["owner", "slug", *TEXT_FIELDS, *DESCRIPTIONS, "date_text"])

    @classmethod
    def initial_for(cls, collection: Collection) -> dict[str, Any]:
        return {**cls.record_initial(collection), "slug": collection.slug}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("slug") and "slug" not in self.errors:
            data["slug"] = slugify(data.get("title_en") or "")[:100]
            if not data["slug"]:
                self.add_error(
                    "slug",
                    _("Give a short name: the English title, if any, has no letters to make one."),
                )
        return data

    def values(self) -> dict[str, Any]:
        return {**self.record_values(), "slug": self.cleaned_data["slug"]}


class PlaceForm(RecordForm):
    """A place: its names, address and where it lies (typed, picked on the map or taken
    from a GeoNames place). The form works without JavaScript; the map only fills in
    the two coordinate fields."""

    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        help_text=_("Decimal degrees, -90 to 90 (north is positive), for example 35.1468."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        help_text=_("Decimal degrees, -180 to 180 (east is positive), for example 126.9198."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    geonames_q = forms.CharField(
        label=_("Find a GeoNames place"),
        max_length=100,
        required=False,
        help_text=_("A town or city name in English or Korean, then “Find places”."),
    )
    geonames_place = forms.ModelChoiceField(
        label=_("GeoNames place"),
        queryset=GeoNamesPlace.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=_("None"),
        help_text=_("Empty coordinates are taken from the GeoNames place you choose."),
    )

    groups = [
        (_("The place"), ["owner", *TEXT_FIELDS, *DESCRIPTIONS, "address"]),
        (_("Where it lies"), ["latitude", "longitude"]),
        (_("GeoNames"), ["geonames_q", "geonames_place"]),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["may_set_access"] = False  # a place is seen through the records that name it
        super().__init__(*args, **kwargs)
        del self.fields["date_text"]
        data = self.data if self.is_bound else self.initial
        query = (data.get("geonames_q") or "").strip()[:100]
        self.matches = find_places(query) if query else []
        chosen = [data.get("geonames_place"), getattr(self.record, "geonames_place_id", None)]
        keys = [m.pk for m in self.matches] + [int(c) for c in chosen if str(c or "").isdigit()]
        self.fields["geonames_place"].queryset = GeoNamesPlace.objects.filter(pk__in=keys)
        self.fields["geonames_place"].label_from_instance = _geonames_label

    @classmethod
    def initial_for(cls, place: Any) -> dict[str, Any]:
        return {
            **cls.record_initial(place),
            "address": place.address,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "geonames_place": place.geonames_place_id,
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = self.record_values()
        values.pop("date_text")
        return with_geonames(
            {
                **values,
                "address": data["address"],
                "latitude": data["latitude"],
                "longitude": data["longitude"],
                "geonames_place": data["geonames_place"],
            }
        )


def _geonames_label(place: GeoNamesPlace) -> str:
    korean = place.preferred_korean_name
    name = f"{place.name} ({korean})" if korean else place.name
    return f"{name}, {place.country_code} · {place.latitude:.4f}, {place.longitude:.4f}"


class PersonForm(OwnedRecordForm):
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=200,
        help_text=_("The name readers see, unless the real name may be shown."),
    )
    real_name = forms.CharField(label=_("Real name"), max_length=200, required=False)
    real_name_may_be_shown = forms.BooleanField(
        label=_("The person agreed that the real name may be shown"),
        required=False,
        help_text=_("Each record that names the person still shows it only once allowed there."),
    )
    contact = forms.CharField(
        label=_("Contact details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the editors and reviewers who keep the person see them."),
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_ko = forms.CharField(
        label=_("Description in Korean"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
    )
    sets_access = False  # a person is seen through the records that name them

    def fieldsets(self) -> list[tuple[Any, list[Any]]]:
        return [(_("The person"), [field for field in self if not field.is_hidden])]

    @classmethod
    def initial_for(cls, person: Any) -> dict[str, Any]:
        return {
            "version": person.version,
            "owner": owner_value(person.owner),
            "pseudonym": person.pseudonym,
            "real_name": person.real_name,
            "real_name_may_be_shown": person.real_name_may_be_shown,
            "contact": person.contact,
            "description_en": person.descriptions.get("en", ""),
            "description_ko": person.descriptions.get("ko", ""),
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        stored = self.record
        pseudonym = data["pseudonym"].strip()
        titles = dict(stored.titles) if stored is not None else {}
        # A person is titled by the pseudonym alone: a real name is never a title.
        if set(titles) <= {"und"}:
            titles = {"und": pseudonym}
        return {
            **owner_of(data),
            "pseudonym": pseudonym,
            "real_name": data["real_name"].strip(),
            "real_name_may_be_shown": data["real_name_may_be_shown"],
            "contact": data["contact"],
            "titles": titles,
            "descriptions": merge_languages(
                stored.descriptions if stored is not None else None,
                data["description_en"],
                data["description_ko"],
            ),
        }


class PickForm(CheckedTextForm):
    """Find a record by words of its title, then choose it: works without JavaScript
    (the “Find” button sends the form back with the matches to choose from)."""

    q = forms.CharField(label=_("Words of the title"), max_length=200, required=False)
    target = forms.ChoiceField(label=_("Record"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args: Any, matches: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = matches

    def clean_target(self) -> str:
        target = self.cleaned_data["target"]
        if not target and "find" not in self.data:
            raise forms.ValidationError(_("Find the record, then choose it."))
        return target


class RoleForm(PickForm):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.Role.choices)
    field_order = ["role", "q", "target"]


class RelationForm(PickForm):
    kind = forms.ChoiceField(label=_("Relation"), choices=Relation.Kind.choices)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["kind", "q", "target", "note"]


class MoveItemsForm(ConfirmForm):
    move_to = forms.ModelChoiceField(
        label=_("Move its items to"),
        queryset=Collection.objects.none(),
        required=False,
        empty_label=_("— no other collection —"),
    )
    field_order = ["move_to", "confirm"]

    def __init__(self, *args: Any, collections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = collections
