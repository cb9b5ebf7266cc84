"""Forms of the education pages: a programme (new, edited or adapted), a session with its
participant counts and evaluation, a material, and the confirmation before a deletion.

The forms read what was typed; the services decide what may be stored and who may store
it, and their errors are shown beside the fields they name.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.archive.forms import merge_languages
from hrcities.archive.models import Item
from hrcities.commitments.forms import OwnerField, owner_value
from hrcities.commitments.models import Action
from hrcities.core.forms import CheckedTextForm
from hrcities.core.validation import check_language
from hrcities.indicators.models import Dimension, Indicator
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import AffectedGroup

from .models import AdaptationKind, Audience, Format, Licence, Method, Programme, Session
from .services import LINK_FIELDS

# Model errors arrive on model fields; show them at the form field that set them.
FIELD_FOR = {
    "titles": "title_en",
    "summaries": "summary_en",
    "city": "owner",
    "organisation": "owner",
    "outcomes": "outcomes_en",
    "duration_text": "duration_text_en",
    "adaptation_note": "adaptation_note_en",
    "findings": "findings_en",
    "feedback": "feedback_en",
    "url": "url",
}
ACCESS_FIELDS = ("access", "embargo_until", "after_embargo")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _korean(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"lang": "ko", **attrs})


def _text(rows: int = 4, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def _many(
    label: Any, queryset: Any, *, checkboxes: bool = False, size: int = 6
) -> forms.ModelMultipleChoiceField:
    """A choice of several records: boxes to tick for a short list, else a list box."""
    if checkboxes:
        return forms.ModelMultipleChoiceField(
            label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
        )
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": size}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )


class IdsField(forms.CharField):
    """Record ids written as numbers separated by commas or spaces ("12, 40")."""

    def __init__(self, *, queryset: Any, **kwargs: Any) -> None:
        self.queryset = queryset
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> list[Any]:
        text = super().clean(value) or ""
        words = [w for w in re.split(r"[\s,]+", text) if w]
        wrong = [w for w in words if not w.isdigit()]
        if wrong:
            raise forms.ValidationError(
                _("“%(word)s” is not a record id: write the numbers, separated by commas."),
                params={"word": wrong[0][:40]},
            )
        ids = [int(w) for w in words]
        found = self.queryset.model.objects.in_bulk(ids)
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise forms.ValidationError(
                _("No record has the id %(ids)s."), params={"ids": ", ".join(missing)}
            )
        return [found[i] for i in dict.fromkeys(ids)]


def ids_text(records: Any) -> str:
    return ", ".join(str(r.pk) for r in records)


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
    items = IdsField(
        label=_("Archive records and sites of memory it uses (ids)"),
        queryset=Item.objects.all(),
        help_text=_("The numbers in the records' addresses, separated by commas."),
    )
    actions = IdsField(
        label=_("Actions it serves (ids)"),
        queryset=Action.objects.all(),
        help_text=_("The numbers of the commitments' actions, separated by commas."),
    )
    indicators = IdsField(
        label=_("Indicators it moves (ids)"),
        queryset=Indicator.objects.all(),
        help_text=_("The numbers of the city's indicators, separated by commas."),
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
        choices=[c for c in Access.choices if c[0] != Access.RESTRICTED],
        initial=Access.PUBLIC,
        widget=forms.RadioSelect,
    )
    embargo_until = forms.DateField(
        label=_("Embargoed until"), required=False, widget=_date_input()
    )
    after_embargo = forms.ChoiceField(
        label=_("After the embargo"), choices=AfterEmbargo.choices, initial=AfterEmbargo.PUBLIC
    )
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

    @property
    def fieldsets(self) -> list[tuple[Any, list[Any]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
            if any(name in self.fields for name in names)
        ]

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
        for name in ("items", "actions", "indicators"):
            initial[name] = ids_text(links(name))
        return initial

    def display(self, name: str, value: Any) -> str:
        """Return a field's value as a person reads it (edit conflicts show both)."""
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value)


# --- sessions -------------------------------------------------------------------------

GROUP_LINE = re.compile(r"^\s*(?P<label>[^:=]+?)\s*[:=]\s*(?P<count>\S+)\s*$")


def count_field_name(dimension: Dimension, value: str = "") -> str:
    if not value:
        return f"count_{dimension.slug}"
    return f"count_{dimension.slug}__{re.sub(r'[^a-z0-9]+', '_', value.lower()).strip('_')}"


class SessionForm(CheckedTextForm):
    """A session, its participants counted by the indicators' shared breakdowns, and
    what its evaluation found."""

    starts_on = forms.DateField(label=_("First day"), widget=_date_input())
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=_date_input())
    is_online = forms.BooleanField(label=_("Online"), required=False)
    city = forms.ModelChoiceField(
        label=_("City where it ran"),
        queryset=City.objects.all(),
        required=False,
        empty_label=_("— online or not recorded —"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=300, required=False)
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=10_000_000)
    evaluation_method = forms.CharField(
        label=_("Evaluation method"),
        max_length=200,
        required=False,
        help_text=_("e.g. pre- and post-session survey, focus group"),
    )
    evaluation_instrument = forms.CharField(label=_("Instrument"), max_length=200, required=False)
    findings_en = forms.CharField(label=_("Findings in English"), required=False, widget=_text())
    findings_ko = forms.CharField(
        label=_("Findings in Korean"), required=False, widget=_text(lang="ko")
    )
    feedback_en = forms.CharField(
        label=_("Participants' feedback in English"), required=False, widget=_text()
    )
    feedback_ko = forms.CharField(
        label=_("Participants' feedback in Korean"), required=False, widget=_text(lang="ko")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self, *args: Any, dimensions: list[Dimension], session: Session | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.dimensions = dimensions
        self.count_groups: list[tuple[Dimension, list[str]]] = []
        for dimension in dimensions:
            if dimension.values:
                names = []
                for value in dimension.values:
                    name = count_field_name(dimension, value)
                    label = (dimension.value_names or {}).get(value, {})
                    self.fields[name] = forms.IntegerField(
                        label=_translated_value(value, label),
                        required=False,
                        min_value=0,
                        max_value=10_000_000,
                    )
                    names.append(name)
            else:
                name = count_field_name(dimension)
                self.fields[name] = forms.CharField(
                    label=dimension.name,
                    required=False,
                    widget=_text(3),
                    help_text=_("One group a line, its name and count: 15-24: 12"),
                )
                names = [name]
            self.count_groups.append((dimension, names))
        if session is not None:
            self.fields["version"].required = True

    def error_fields(self) -> dict[str, str]:
        """Return where the services' errors go: a breakdown's error beside its first group."""
        return {**FIELD_FOR, **{f"count_{d.slug}": names[0] for d, names in self.count_groups}}

    @property
    def count_fieldsets(self) -> list[tuple[Dimension, list[Any]]]:
        return [(d, [self[n] for n in names]) for d, names in self.count_groups]

    def counts(self) -> dict[str, dict[str, int]]:
        """Return the counts typed, by breakdown and group: {slug: {value: count}}."""
        counts: dict[str, dict[str, int]] = {}
        for dimension, names in self.count_groups:
            groups: dict[str, int] = {}
            if dimension.values:
                for value, name in zip(dimension.values, names, strict=True):
                    if self.cleaned_data.get(name) is not None:
                        groups[value] = self.cleaned_data[name]
            else:
                groups = self.cleaned_data.get(names[0]) or {}
            if groups:
                counts[dimension.slug] = groups
        return counts

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for dimension, names in self.count_groups:
            if dimension.values:
                continue
            groups: dict[str, int] = {}
            for number, line in enumerate((data.get(names[0]) or "").splitlines(), start=1):
                if not line.strip():
                    continue
                match = GROUP_LINE.match(line)
                if match is None or not match["count"].isdigit():
                    self.add_error(
                        names[0],
                        _("Line %(n)s: write the group, a colon and a whole number (15-24: 12).")
                        % {"n": number},
                    )
                    break
                groups[match["label"]] = groups.get(match["label"], 0) + int(match["count"])
            else:
                data[names[0]] = groups
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        stored = self.session
        values = {
            name: data.get(name)
            for name in (
                "starts_on",
                "ends_on",
                "is_online",
                "city",
                "participants",
            )
        }
        for name in ("place", "facilitator", "evaluation_method", "evaluation_instrument"):
            values[name] = data.get(name, "").strip()
        for name in ("findings", "feedback"):
            values[name] = merge_languages(
                getattr(stored, name) if stored else None,
                data.get(f"{name}_en", ""),
                data.get(f"{name}_ko", ""),
            )
        return values

    @classmethod
    def initial_for(cls, session: Session) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(session, name)
            for name in (
                "version",
                "starts_on",
                "ends_on",
                "is_online",
                "place",
                "facilitator",
                "participants",
                "evaluation_method",
                "evaluation_instrument",
            )
        }
        initial["city"] = session.city_id
        for name in ("findings", "feedback"):
            texts = getattr(session, name) or {}
            initial[f"{name}_en"], initial[f"{name}_ko"] = texts.get("en", ""), texts.get("ko", "")
        open_groups: dict[str, list[str]] = {}
        for count in session.counts.select_related("dimension"):
            if count.dimension.values:
                initial[count_field_name(count.dimension, count.value)] = count.count
            else:
                open_groups.setdefault(count_field_name(count.dimension), []).append(
                    f"{count.value}: {count.count}"
                )
        initial.update({name: "\n".join(lines) for name, lines in open_groups.items()})
        return initial


def _translated_value(value: str, names: dict[str, str]) -> str:
    from hrcities.core.models import pick_translation

    return pick_translation({"en": value, **names}) or value


# --- materials ------------------------------------------------------------------------


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
    licence = forms.ChoiceField(label=_("Licence"), choices=[("", "—"), *Licence.choices])
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
