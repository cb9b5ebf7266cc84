"""Forms to define an indicator, enter its values and upload tidy CSV files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.commitments.models import Action, Commitment
from hrcities.core.csvfiles import CsvFileField
from hrcities.core.forms import CheckedTextForm
from hrcities.taxonomy.models import SdgIndicator

from .models import FIRST_YEAR, LAST_YEAR, Dimension, Indicator, IndicatorKind, Observation
from .models import Polarity as PolarityChoices

VALUE_FIELD = {"max_digits": 20, "decimal_places": 6}


def _korean(label: Any, widget: forms.Widget | None = None, **kwargs: Any) -> forms.CharField:
    """Return the Korean twin of a free-text field: optional, its input marked as Korean."""
    widget = widget or forms.TextInput()
    widget.attrs["lang"] = "ko"
    return forms.CharField(label=label, required=False, widget=widget, **kwargs)


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _year_field(label: Any, required: bool = True, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs
    )


class IndicatorForm(CheckedTextForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("Short and unique in the city, e.g. 1-3; files and addresses use it."),
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=300)
    name_ko = forms.CharField(label=_("Name in Korean"), max_length=300, required=False)
    domain = forms.ModelChoiceField(
        label=_("Domain"), queryset=None, required=False, empty_label=_("— no domain —")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=IndicatorKind.choices)
    polarity = forms.ChoiceField(
        label=_("Direction"), choices=PolarityChoices.choices, widget=forms.RadioSelect
    )
    unit = forms.CharField(
        label=_("Unit in English"),
        max_length=60,
        help_text=_("e.g. %, persons; CSV files write it in their Units column."),
    )
    unit_ko = _korean(
        _("Unit in Korean"),
        max_length=60,
        help_text=_("Leave empty for a unit the platform translates itself, e.g. persons."),
    )
    decimals = forms.IntegerField(label=_("Decimals shown"), min_value=0, max_value=6, initial=1)
    formula = forms.CharField(
        label=_("Measurement formula in English"),
        widget=_textarea(3),
        help_text=_(
            "How the value is computed. Changing it (or the unit) starts a new version of the "
            "definition; values already entered keep the version they were measured under."
        ),
    )
    formula_ko = _korean(
        _("Measurement formula in Korean"),
        widget=_textarea(3),
        help_text=_("The same method in Korean: translating it starts no new version."),
    )
    from_year = _year_field(
        _("New version in force from"),
        required=False,
        help_text=_("The first year measured the new way; empty: from now on."),
    )
    reason = forms.CharField(
        label=_("Why the definition changes"), required=False, widget=_textarea(2)
    )
    reason_ko = _korean(_("Why the definition changes, in Korean"), widget=_textarea(2))
    data_owner = forms.CharField(
        label=_("Data owner in English"),
        max_length=200,
        required=False,
        help_text=_("The department that measures it."),
    )
    data_owner_ko = _korean(_("Data owner in Korean"), max_length=200)
    description = forms.CharField(
        label=_("Description in English"), required=False, widget=_textarea(3)
    )
    description_ko = _korean(_("Description in Korean"), widget=_textarea(3))
    baseline_year = _year_field(_("Baseline year"), required=False)
    baseline_value = forms.DecimalField(label=_("Baseline value"), required=False, **VALUE_FIELD)
    target_year = _year_field(_("Target year"), required=False)
    target_value = forms.DecimalField(label=_("Target value"), required=False, **VALUE_FIELD)
    sdg_indicators = forms.ModelMultipleChoiceField(
        label=_("SDG indicators"),
        queryset=SdgIndicator.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments it measures"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Actions of the city it follows"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    tags = forms.MultipleChoiceField(
        label=_("Tags"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "SDG goals and targets, human rights themes and affected groups. Hold Ctrl "
            "(⌘ on a Mac) to choose more than one."
        ),
    )
    is_published = forms.BooleanField(
        label=_("Published"),
        required=False,
        initial=True,
        help_text=_("Unpublished indicators are seen only by the city's editors."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, city: Any, indicator: Indicator | None = None, **kw: Any):
        from hrcities.taxonomy.tags import label_choices

        super().__init__(*args, **kw)
        self.city = city
        self.indicator = indicator
        self.fields["domain"].queryset = city.indicator_domains.order_by("position", "slug")
        self.fields["sdg_indicators"].queryset = SdgIndicator.objects.order_by("position")
        self.fields["sdg_indicators"].label_from_instance = lambda i: f"{i.code} {i.title}"[:140]
        self.fields["commitments"].queryset = Commitment.objects.select_related("declaration")
        self.fields["commitments"].label_from_instance = lambda c: (
            f"{c.declaration.title}: {c.number}. {c.title}"[:160]
        )
        self.fields["actions"].queryset = Action.objects.filter(city=city).order_by("title")
        self.fields["tags"].choices = label_choices()
        if indicator is None:
            del self.fields["from_year"], self.fields["reason"], self.fields["reason_ko"]
        else:
            self.fields["version"].required = True

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict[str, Any]:
        from hrcities.taxonomy.tags import accepted_labels

        definition = indicator.current_definition
        return {
            "version": indicator.version,
            "code": indicator.code,
            "name_en": indicator.names.get("en", ""),
            "name_ko": indicator.names.get("ko", ""),
            "domain": indicator.domain_id,
            "kind": indicator.kind,
            "polarity": indicator.polarity,
            "unit": indicator.unit,
            "unit_ko": indicator.unit_ko,
            "decimals": indicator.decimals,
            "formula": indicator.formula,
            "formula_ko": definition.formula_ko if definition else "",
            "data_owner": indicator.data_owner,
            "data_owner_ko": indicator.data_owner_ko,
            "description": indicator.description,
            "description_ko": indicator.description_ko,
            "baseline_year": indicator.baseline_year,
            "baseline_value": indicator.baseline_value,
            "target_year": indicator.target_year,
            "target_value": indicator.target_value,
            "sdg_indicators": list(indicator.sdg_indicators.values_list("pk", flat=True)),
            "commitments": list(indicator.commitments.values_list("pk", flat=True)),
            "actions": list(indicator.actions.values_list("pk", flat=True)),
            "tags": accepted_labels(indicator),
            "is_published": indicator.is_published,
        }

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        taken = Indicator.objects.filter(city=self.city, code=code)
        if self.indicator is not None:
            taken = taken.exclude(pk=self.indicator.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("%(city)s already has an indicator %(code)s.") % {"city": self.city, "code": code}
            )
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        current = self.indicator.current_definition if self.indicator else None
        if current is not None:
            # A Korean text left as it was beside a changed English one would describe
            # the old method under the new version.
            for english, korean, was in (
                ("formula", "formula_ko", current),
                ("unit", "unit_ko", self.indicator),
            ):
                old_korean = getattr(was, korean)
                if (
                    english in data
                    and data[english] != getattr(was, english)
                    and old_korean
                    and data.get(korean) == old_korean
                ):
                    self.add_error(
                        korean,
                        _("The English text changed: change the Korean one too, or empty it."),
                    )
        return data

    def definition(self) -> dict[str, Any]:
        """Return the definition's texts as the services take them."""
        data = self.cleaned_data
        texts = {"formula": data["formula"], "formula_ko": data["formula_ko"]}
        if "reason" in self.fields:
            texts |= {"reason": data["reason"], "reason_ko": data["reason_ko"]}
        return texts

    def values(self) -> dict[str, Any]:
        """Return the indicator's fields as the services take them (definition apart)."""
        data = self.cleaned_data
        names = {"en": data["name_en"].strip()}
        if data["name_ko"].strip():
            names["ko"] = data["name_ko"].strip()
        return {
            "code": data["code"],
            "names": names,
            "domain": data["domain"],
            "kind": data["kind"],
            "polarity": data["polarity"],
            "unit": data["unit"].strip(),
            "unit_ko": data["unit_ko"].strip(),
            "decimals": data["decimals"],
            "data_owner": data["data_owner"].strip(),
            "data_owner_ko": data["data_owner_ko"].strip(),
            "description": data["description"].strip(),
            "description_ko": data["description_ko"].strip(),
            "baseline_year": data["baseline_year"],
            "baseline_value": data["baseline_value"],
            "target_year": data["target_year"],
            "target_value": data["target_value"],
            "sdg_indicators": list(data["sdg_indicators"]),
            "commitments": list(data["commitments"]),
            "actions": list(data["actions"]),
            "is_published": data["is_published"],
        }


def dimension_field_name(dimension: Dimension) -> str:
    return f"group_{dimension.slug}"


class ObservationForm(CheckedTextForm):
    """A value of one year; one optional field per dimension (all empty: the total)."""

    year = _year_field(_("Year"))
    period = forms.CharField(
        label=_("Period"),
        max_length=20,
        required=False,
        help_text=_("Leave empty for the whole year; otherwise e.g. Q1, H2."),
    )
    value = forms.DecimalField(label=_("Value"), **VALUE_FIELD)
    unit = forms.CharField(
        label=_("Unit in English"),
        max_length=60,
        required=False,
        help_text=_("Leave empty for the indicator's unit."),
    )
    unit_ko = _korean(_("Unit in Korean"), max_length=60)
    source = forms.CharField(label=_("Source in English"), max_length=300, required=False)
    source_ko = _korean(_("Source in Korean"), max_length=300)
    note = forms.CharField(label=_("Note in English"), required=False, widget=_textarea(2))
    note_ko = _korean(_("Note in Korean"), widget=_textarea(2))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, indicator: Indicator, editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.indicator = indicator
        self.dimensions = list(Dimension.objects.for_city(indicator.city))
        for dimension in self.dimensions:
            name = dimension_field_name(dimension)
            if dimension.values:
                self.fields[name] = forms.ChoiceField(
                    label=dimension.name,
                    required=False,
                    choices=[("", _("— all (total) —"))]
                    + [(v, dimension.value_label(v)) for v in dimension.values],
                )
            else:
                self.fields[name] = forms.CharField(
                    label=dimension.name,
                    required=False,
                    max_length=100,
                    help_text=_("Leave empty for the total."),
                )
        self.fields["unit"].widget.attrs["placeholder"] = indicator.unit
        if indicator.unit_ko:
            self.fields["unit_ko"].widget.attrs["placeholder"] = indicator.unit_ko
        if editing:
            self.fields["version"].required = True

    @property
    def group_fields(self) -> list[Any]:
        return [self[dimension_field_name(d)] for d in self.dimensions]

    @property
    def main_fields(self) -> list[Any]:
        names = {dimension_field_name(d) for d in self.dimensions} | {"version"}
        return [self[name] for name in self.fields if name not in names]

    @classmethod
    def initial_for(cls, observation: Observation) -> dict[str, Any]:
        initial = {
            "version": observation.version,
            "year": observation.year,
            "period": observation.period,
            "value": observation.value.normalize() if observation.value is not None else None,
            "unit": observation.unit,
            "unit_ko": observation.unit_ko,
            "source": observation.source,
            "source_ko": observation.source_ko,
            "note": observation.note,
            "note_ko": observation.note_ko,
        }
        for slug, value in observation.disaggregation.items():
            initial[f"group_{slug}"] = value
        return initial

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "period": data["period"].strip(),
            "value": Decimal(data["value"]),
            "unit": data["unit"].strip(),
            "unit_ko": data["unit_ko"].strip(),
            "source": data["source"].strip(),
            "source_ko": data["source_ko"].strip(),
            "note": data["note"].strip(),
            "note_ko": data["note_ko"].strip(),
            "disaggregation": {
                d.slug: data.get(dimension_field_name(d), "").strip()
                for d in self.dimensions
                if data.get(dimension_field_name(d), "").strip()
            },
        }


class ImportForm(forms.Form):
    file = CsvFileField(
        label=_("CSV or ZIP file"),
        help_text=_(
            "Tidy CSV in UTF-8: Year, disaggregation columns, Units, Value. Or the ZIP of an "
            "Open SDG data folder: data/indicator_<code>.csv for each indicator, with its "
            "meta/<code>.yml beside it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.zip,text/csv,application/zip"}),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("— several: the file has an Indicator column —"),
        help_text=_(
            "Choose the indicator of a one-indicator file (as Open SDG keeps them), or leave "
            "this empty for a file whose Indicator column names each row's indicator."
        ),
    )

    def __init__(self, *args: Any, city: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["indicator"].queryset = Indicator.objects.filter(city=city).order_by("code")
