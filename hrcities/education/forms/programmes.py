"""The programme form: new, edited or adapted, with its links and who may see it."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.archive.forms import (
    ACCESS_FIELDS,
    allowed_organisations_field,
    allowed_users_field,
    check_access,
    merge_languages,
    users_named,
)
from hrcities.commitments.forms import OwnerField, owner_value
from hrcities.core.forms import CheckedTextForm, date_input
from hrcities.core.validation import check_language
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import AffectedGroup

from ..models import AdaptationKind, Audience, Format, Method, Programme
from ..services import LINK_FIELDS
from ..services.common import LINKED
from .common import _korean, _many, _text
from .pickers import FIND, RecordPicker, describe


class ProgrammeForm(CheckedTextForm):
    """A programme's fields, grouped as the page shows them."""

    owner = forms.ChoiceField(label=_("City or organisation that keeps it"))
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_ko = forms.CharField(
        label=_("Title in Korean"), max_length=300, required=False, widget=_korean()
    )
    summary_en = forms.CharField(label=_("Summary in English"), required=False, widget=_text())
    summary_ko = forms.CharField(
        label=_("Summary in Korean"), required=False, widget=_text(lang="ko")
    )
    original_language = forms.CharField(
        label=_("Original language"),
        max_length=20,
        initial="ko",
        help_text=_("The language the programme was written in, as a code: ko, en, ..."),
    )
    languages = forms.CharField(
        label=_("Languages taught in"),
        max_length=200,
        required=False,
        help_text=_("Language codes separated by commas, e.g. ko, en."),
    )
    provider_cities = _many(_("Provided by cities"), City.objects.all())
    provider_organisations = _many(_("Provided by organisations"), Organisation.objects.all())
    audiences = _many(
        _("Sectors and audiences (World Programme for Human Rights Education)"),
        Audience.objects.select_related("phase"),
        checkboxes=True,
    )
    target_groups = _many(_("Groups it is meant for"), AffectedGroup.objects.all(), size=8)
    methods = _many(_("Teaching methods"), Method.objects.none(), checkboxes=True)
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, widget=forms.RadioSelect, initial="in-person"
    )
    duration_hours = forms.DecimalField(
        label=_("Length in hours"),
        required=False,
        min_value=0,
        max_value=10000,
        decimal_places=1,
    )
    duration_text_en = forms.CharField(
        label=_("Length as written, in English"),
        max_length=200,
        required=False,
        help_text=_("e.g. four evenings"),
    )
    duration_text_ko = forms.CharField(
        label=_("Length as written, in Korean"), max_length=200, required=False, widget=_korean()
    )
    outcomes_en = forms.CharField(
        label=_("Learning outcomes in English"), required=False, widget=_text()
    )
    outcomes_ko = forms.CharField(
        label=_("Learning outcomes in Korean"), required=False, widget=_text(lang="ko")
    )
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)
    items = RecordPicker(
        "items",
        label=_("Archive records and sites of memory it uses"),
        finder_label=_("Find archive records by title or id"),
    )
    actions = RecordPicker(
        "actions",
        label=_("Actions of commitments it serves"),
        finder_label=_("Find actions by title or id"),
    )
    indicators = RecordPicker(
        "indicators",
        label=_("Indicators it moves"),
        finder_label=_("Find indicators by name, code or id"),
    )
    adapted_from = forms.IntegerField(
        label=_("Adapted from (programme id)"),
        required=False,
        min_value=1,
        help_text=_("The id shown on the page of the programme this one was adapted from."),
    )
    adaptation_kinds = forms.MultipleChoiceField(
        label=_("What changed"),
        choices=AdaptationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    adaptation_note_en = forms.CharField(
        label=_("How it was adapted, in English"), required=False, widget=_text(3)
    )
    adaptation_note_ko = forms.CharField(
        label=_("How it was adapted, in Korean"), required=False, widget=_text(3, lang="ko")
    )
    access = forms.ChoiceField(
        label=_("Who may see it once published"),
        choices=Access.choices,
        initial=Access.PUBLIC,
        widget=forms.RadioSelect,
    )
    embargo_until = forms.DateField(
        label=_("Embargoed until"),
        required=False,
        widget=date_input(),
        help_text=_("Only for an embargo: the day it lifts."),
    )
    after_embargo = forms.ChoiceField(
        label=_("After the embargo"), choices=AfterEmbargo.choices, initial=AfterEmbargo.PUBLIC
    )
    allowed_users = allowed_users_field()
    allowed_organisations = allowed_organisations_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    groups = (
        (_("Programme"), ("owner", "title_en", "title_ko", "summary_en", "summary_ko")),
        (_("Languages"), ("original_language", "languages")),
        (
            _("Who provides it and whom it is for"),
            ("provider_cities", "provider_organisations", "audiences", "target_groups"),
        ),
        (
            _("How it teaches"),
            (
                "methods",
                "format",
                "duration_hours",
                "duration_text_en",
                "duration_text_ko",
                "outcomes_en",
                "outcomes_ko",
                "contact",
            ),
        ),
        (_("Links to the rest of the platform"), ("items", "actions", "indicators")),
        (
            _("Adaptation"),
            ("adapted_from", "adaptation_kinds", "adaptation_note_en", "adaptation_note_ko"),
        ),
        (_("Who may see it"), ACCESS_FIELDS),
    )

    def __init__(
        self,
        *args: Any,
        cities: Any,
        organisations: Any,
        city: Any = None,
        programme: Programme | None = None,
        may_set_access: bool = True,
        adapting: bool = False,
        user: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["owner"] = OwnerField(
            label=_("City or organisation that keeps it"),
            cities=cities,
            organisations=organisations,
        )
        if programme is not None:
            # A programme stays with its owner; the field only shows it.
            del self.fields["owner"]
            self.fields["version"].required = True
            city = programme.city
        self.fields["methods"].queryset = (
            Method.objects.for_city(city) if city else Method.objects.filter(city__isnull=True)
        )
        if adapting:
            del self.fields["adapted_from"]
        if not may_set_access:
            for name in ACCESS_FIELDS:
                del self.fields[name]
        data = self.data if self.is_bound else QueryDict()
        for name in LINKED:
            chosen = data.getlist(name) if self.is_bound else self.initial.get(name) or []
            self.fields[name].offer(  # type: ignore[attr-defined]
                user, chosen=list(chosen), query=self.queries.get(name, ""), city=city
            )

    @property
    def fieldsets(self) -> list[tuple[Any, list[Any]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
            if any(name in self.fields for name in names)
        ]

    @property
    def queries(self) -> dict[str, str]:
        """Return what was typed into each finder."""
        source = self.data if self.is_bound else self.initial
        return {name: str(source.get(f"{name}_find") or "")[:200] for name in LINKED}

    @classmethod
    def finding(cls, data: Any) -> bool:
        """Return whether the page was sent to find records rather than to be saved: by a
        finder's button, or with words typed in a finder."""
        return FIND in data or any(str(data.get(f"{n}_find") or "").strip() for n in LINKED)

    @classmethod
    def initial_from(cls, data: QueryDict) -> dict[str, Any]:
        """Return what was sent as a new page's first values (a finder sends the form back)."""
        initial: dict[str, Any] = {key: data.get(key) for key in data}
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                initial[name] = data.getlist(name)
        return initial

    def clean_allowed_users(self) -> list[Any]:
        return users_named(self.cleaned_data["allowed_users"])

    def clean_original_language(self) -> str:
        code = self.cleaned_data["original_language"].strip()
        check_language(code)
        return code

    def clean_languages(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,]+", self.cleaned_data.get("languages") or "") if c]
        for code in codes:
            check_language(code)
        return list(dict.fromkeys(codes))

    def clean_adapted_from(self) -> Programme | None:
        pk = self.cleaned_data.get("adapted_from")
        if pk is None:
            return None
        # Whether the user may see it is the service's question, asked with its own message.
        source = Programme.objects.filter(pk=pk).first()
        if source is None:
            raise forms.ValidationError(
                _("No programme you may see has the id %(id)s."), params={"id": pk}
            )
        return source

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_ko") or "").strip():
            self.add_error("title_en", _("Give a title in English or in Korean."))
        if "access" in self.fields:
            check_access(self, data)
        return data

    def _texts(self, name: str, stored: dict[str, str] | None = None) -> dict[str, str]:
        return merge_languages(
            stored, self.cleaned_data.get(f"{name}_en", ""), self.cleaned_data.get(f"{name}_ko", "")
        )

    def values(self) -> dict[str, Any]:
        """Return the cleaned values as the services take them."""
        data = self.cleaned_data
        stored = self.programme
        values: dict[str, Any] = {
            "titles": self._texts("title", stored.titles if stored else None),
            "summaries": self._texts("summary", stored.summaries if stored else None),
            "original_language": data["original_language"],
            "languages": data["languages"],
            "format": data["format"],
            "duration_hours": data.get("duration_hours"),
            "duration_text": self._texts("duration_text", stored.duration_text if stored else None),
            "outcomes": self._texts("outcomes", stored.outcomes if stored else None),
            "contact": data.get("contact", ""),
            "adaptation_kinds": list(data.get("adaptation_kinds") or []),
            "adaptation_note": self._texts(
                "adaptation_note", stored.adaptation_note if stored else None
            ),
        }
        for name in LINK_FIELDS:
            values[name] = list(data.get(name) or [])
        if "adapted_from" in self.fields:
            values["adapted_from"] = data.get("adapted_from")
        for name in ACCESS_FIELDS:
            if name in self.fields:
                values[name] = data.get(name)
        for name in ("allowed_users", "allowed_organisations"):
            if name in values:
                values[name] = list(values[name] or [])
        if "owner" in self.fields:
            owner = data.get("owner")
            values["city"] = owner if isinstance(owner, City) else None
            values["organisation"] = owner if isinstance(owner, Organisation) else None
        return values

    @classmethod
    def initial_for(cls, programme: Programme, **values: Any) -> dict[str, Any]:
        """Return a form's first values for a programme (or for an adaptation's `values`)."""

        def get(name: str) -> Any:
            return values[name] if name in values else getattr(programme, name)

        def links(name: str) -> list[Any]:
            return list(values[name]) if name in values else list(getattr(programme, name).all())

        initial: dict[str, Any] = {
            "version": programme.version,
            "owner": owner_value(programme.owner) if programme.owner else "",
            "original_language": get("original_language"),
            "languages": ", ".join(get("languages") or []),
            "format": get("format"),
            "duration_hours": get("duration_hours"),
            "contact": get("contact"),
            "adapted_from": programme.adapted_from_id,
            "adaptation_kinds": programme.adaptation_kinds,
            "access": programme.access,
            "embargo_until": programme.embargo_until,
            "after_embargo": programme.after_embargo,
            "allowed_users": ", ".join(u.get_username() for u in programme.allowed_users.all()),
            "allowed_organisations": list(programme.allowed_organisations.all()),
        }
        for name, stored in (
            ("title", "titles"),
            ("summary", "summaries"),
            ("duration_text", "duration_text"),
            ("outcomes", "outcomes"),
            ("adaptation_note", "adaptation_note"),
        ):
            texts = get(stored) or {}
            initial[f"{name}_en"], initial[f"{name}_ko"] = texts.get("en", ""), texts.get("ko", "")
        for name in (
            "provider_cities",
            "provider_organisations",
            "audiences",
            "target_groups",
            "methods",
        ):
            initial[name] = [r.pk for r in links(name)]
        for name in LINKED:
            initial[name] = links(name)
        return initial

    def display(self, name: str, value: Any) -> str:
        """Return a field's value as a person reads it (edit conflicts show both)."""
        if name in LINKED:
            # Only what the editor may see is named (the stored links may hold more).
            ids = [getattr(v, "pk", v) for v in value or []]
            return ", ".join(describe(r) for r in self.fields[name].queryset.filter(pk__in=ids))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value)
