"""Forms of the emergency measures pages: a measure, a change in its life, a source, a
review with its ten answers, and the confirmation before a deletion.

The forms read what was typed; the services decide what may be stored and by whom, and
their errors are shown beside the fields they name (`FIELD_FOR`).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
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
from hrcities.archive.models import Item
from hrcities.commitments.forms import OwnerField, owner_value
from hrcities.commitments.models import Action
from hrcities.core.forms import CheckedTextForm, date_input
from hrcities.core.validation import check_language
from hrcities.indicators.models import Indicator
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.models import AffectedGroup

from .checklist import CRITERIA
from .models import (
    Answer,
    ChangeKind,
    Emergency,
    Issue,
    Level,
    Measure,
    MeasureKind,
    Outcome,
    PolicyCode,
    Review,
)

# Model errors arrive on model fields; show them at the form field that set them.
FIELD_FOR = {
    "titles": "title_en",
    "summaries": "summary_en",
    "authority": "authority_en",
    "legal_basis": "legal_basis_en",
    "recommendations": "recommendations_en",
    "city": "owner",
    "organisation": "owner",
    "note": "note_en",
}
LINKS = ("items", "actions", "indicators")


def _area(rows: int = 3, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def _pair(name: str, label_en: Any, label_ko: Any, *, long: bool = False) -> dict[str, Any]:
    """An English and a Korean field for one text kept per language."""
    if long:
        return {
            f"{name}_en": forms.CharField(label=label_en, required=False, widget=_area()),
            f"{name}_ko": forms.CharField(label=label_ko, required=False, widget=_area(lang="ko")),
        }
    return {
        f"{name}_en": forms.CharField(label=label_en, required=False, max_length=500),
        f"{name}_ko": forms.CharField(
            label=label_ko,
            required=False,
            max_length=500,
            widget=forms.TextInput(attrs={"lang": "ko"}),
        ),
    }


class RecordIds(forms.CharField):
    """Ids of records, written as numbers separated by commas ("12, 40")."""

    def __init__(self, *, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> list[Any]:
        words = [w for w in re.split(r"[\s,]+", super().clean(value) or "") if w]
        if any(not w.isdigit() for w in words):
            raise forms.ValidationError(
                _("Write the record numbers separated by commas, like 12, 40.")
            )
        ids = list(dict.fromkeys(int(w) for w in words))
        found = self.model.objects.in_bulk(ids)
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise forms.ValidationError(
                _("No record has the id %(ids)s."), params={"ids": ", ".join(missing)}
            )
        return [found[i] for i in ids]


class GroupedForm(CheckedTextForm):
    """A form shown in fieldsets (`groups`), with texts kept per language."""

    groups: tuple[tuple[Any, tuple[str, ...]], ...] = ()
    record: Any = None

    @property
    def fieldsets(self) -> list[tuple[Any, list[Any]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
            if any(name in self.fields for name in names)
        ]

    def texts(self, name: str, stored: str) -> dict[str, str]:
        data = self.cleaned_data
        kept = getattr(self.record, stored, None) if self.record is not None else None
        return merge_languages(kept, data.get(f"{name}_en", ""), data.get(f"{name}_ko", ""))

    def owner_values(self) -> dict[str, Any]:
        if "owner" not in self.fields:
            return {}
        owner = self.cleaned_data.get("owner")
        return {
            "city": owner if isinstance(owner, City) else None,
            "organisation": owner if isinstance(owner, Organisation) else None,
        }

    def access_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data.get(name) for name in ACCESS_FIELDS if name in self.fields}
        if "allowed_organisations" in values:
            values["allowed_organisations"] = list(values["allowed_organisations"] or [])
        return values

    def clean_allowed_users(self) -> list[Any]:
        return users_named(self.cleaned_data["allowed_users"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "access" in self.fields:
            check_access(self, data)
        return data

    def __init__(
        self,
        *args: Any,
        cities: Any = (),
        organisations: Any = (),
        record: Any = None,
        may_set_access: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        if record is None:
            self.fields["owner"] = OwnerField(
                label=_("City or organisation that keeps it"),
                cities=cities,
                organisations=organisations,
            )
        else:
            self.fields["version"].required = True
        if not may_set_access:
            for name in ACCESS_FIELDS:
                del self.fields[name]


def _access_fields() -> dict[str, Any]:
    return {
        "access": forms.ChoiceField(
            label=_("Who may see it once published"),
            choices=Access.choices,
            initial=Access.PUBLIC,
            widget=forms.RadioSelect,
        ),
        "embargo_until": forms.DateField(
            label=_("Embargoed until"), required=False, widget=date_input()
        ),
        "after_embargo": forms.ChoiceField(
            label=_("After the embargo"), choices=AfterEmbargo.choices, initial=AfterEmbargo.PUBLIC
        ),
        "allowed_users": allowed_users_field(),
        "allowed_organisations": allowed_organisations_field(),
        "version": forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False),
    }


def _initial_readers(record: Any) -> dict[str, Any]:
    """The named readers of a restricted record, as the form shows them."""
    return {
        "allowed_users": ", ".join(u.get_username() for u in record.allowed_users.all()),
        "allowed_organisations": list(record.allowed_organisations.all()),
    }


def _initial_texts(record: Any, pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    initial = {}
    for name, stored in pairs:
        texts = getattr(record, stored) or {}
        initial[f"{name}_en"], initial[f"{name}_ko"] = texts.get("en", ""), texts.get("ko", "")
    return initial


MEASURE_TEXTS = (
    ("title", "titles"),
    ("summary", "summaries"),
    ("authority", "authority"),
    ("legal_basis", "legal_basis"),
)


class MeasureForm(GroupedForm):
    """A measure's fields, grouped as its page shows them."""

    locals().update(_pair("title", _("Title in English"), _("Title in Korean")))
    locals().update(_pair("summary", _("Summary in English"), _("Summary in Korean"), long=True))
    original_language = forms.CharField(
        label=_("Original language"),
        max_length=20,
        initial="ko",
        help_text=_("The language the measure was issued in, as a code: ko, en, ..."),
    )
    applies_in = forms.ModelChoiceField(label=_("City where it applies"), queryset=City.objects)
    level = forms.ChoiceField(label=_("Level of government"), choices=Level.choices)
    locals().update(_pair("authority", _("Issued by, in English"), _("Issued by, in Korean")))
    kind = forms.ChoiceField(label=_("Kind"), choices=MeasureKind.choices)
    emergency = forms.ModelChoiceField(label=_("Emergency"), queryset=Emergency.objects.none())
    issues = forms.ModelMultipleChoiceField(
        label=_("Issues it touches"),
        queryset=Issue.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    policy_code = forms.ModelChoiceField(
        label=_("OxCGRT policy code"), queryset=PolicyCode.objects.all(), required=False
    )
    policy_level = forms.IntegerField(
        label=_("Policy level"),
        required=False,
        min_value=0,
        max_value=9,
        help_text=_("The level of the code's scale in the OxCGRT codebook, e.g. 3 for C1."),
    )
    is_targeted = forms.BooleanField(
        label=_("It applies to some groups or areas only"), required=False
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Groups it is aimed at or falls on"),
        queryset=AffectedGroup.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
    locals().update(
        _pair("legal_basis", _("Legal basis in English"), _("Legal basis in Korean"), long=True)
    )
    introduced_on = forms.DateField(label=_("Introduced on"), widget=date_input())
    in_force_from = forms.DateField(label=_("In force from"), widget=date_input())
    sunset_on = forms.DateField(
        label=_("Sunset"),
        required=False,
        widget=date_input(),
        help_text=_("The day it ends unless it is extended."),
    )
    lifted_on = forms.DateField(label=_("Lifted on"), required=False, widget=date_input())
    items = RecordIds(label=_("Archive records (ids)"), model=Item)
    actions = RecordIds(label=_("Actions of the city's commitments (ids)"), model=Action)
    indicators = RecordIds(label=_("Indicators it affects (ids)"), model=Indicator)
    locals().update(_access_fields())

    groups = (
        (
            _("Measure"),
            ("owner", "title_en", "title_ko", "summary_en", "summary_ko", "original_language"),
        ),
        (
            _("Where and by whom"),
            ("applies_in", "level", "authority_en", "authority_ko", "kind", "emergency"),
        ),
        (
            _("What it touches"),
            ("issues", "policy_code", "policy_level", "is_targeted", "target_groups"),
        ),
        (_("Legal basis"), ("legal_basis_en", "legal_basis_ko")),
        (_("Dates"), ("introduced_on", "in_force_from", "sunset_on", "lifted_on")),
        (_("Links to the rest of the platform"), LINKS),
        (_("Who may see it"), ACCESS_FIELDS),
    )

    def __init__(
        self,
        *args: Any,
        measure: Measure | None = None,
        dates_by_changes: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, record=measure, **kwargs)
        cities = kwargs.get("cities", ())
        owner_cities = [c.pk for c in cities] + ([measure.applies_in_id] if measure else [])
        self.fields["emergency"].queryset = Emergency.objects.filter(
            city__isnull=True
        ) | Emergency.objects.filter(city__in=owner_cities)
        if dates_by_changes:
            for name in ("sunset_on", "lifted_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Changed by recording an extension or a lifting on the measure's page."
                )

    def clean_original_language(self) -> str:
        code = self.cleaned_data["original_language"].strip()
        check_language(code)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_ko") or "").strip():
            self.add_error("title_en", _("Give a title in English or in Korean."))
        return data

    def values(self) -> dict[str, Any]:
        """Return the cleaned values as the services take them."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            stored: self.texts(name, stored) for name, stored in MEASURE_TEXTS
        }
        for name in (
            "original_language",
            "applies_in",
            "level",
            "kind",
            "emergency",
            "policy_code",
            "policy_level",
            "is_targeted",
            "introduced_on",
            "in_force_from",
            "sunset_on",
            "lifted_on",
        ):
            if not self.fields[name].disabled:
                values[name] = data.get(name)
        for name in ("issues", "target_groups", *LINKS):
            values[name] = list(data.get(name) or [])
        return {**values, **self.owner_values(), **self.access_values()}

    @classmethod
    def initial_for(cls, measure: Measure) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(measure, name)
            for name in (
                "version",
                "original_language",
                "level",
                "kind",
                "policy_level",
                "is_targeted",
                "introduced_on",
                "in_force_from",
                "sunset_on",
                "lifted_on",
                "access",
                "embargo_until",
                "after_embargo",
            )
        }
        initial.update(_initial_readers(measure))
        initial.update(
            {
                "owner": owner_value(measure.owner) if measure.owner else "",
                "applies_in": measure.applies_in_id,
                "emergency": measure.emergency_id,
                "policy_code": measure.policy_code_id,
                "issues": list(measure.issues.all()),
                "target_groups": list(measure.target_groups.all()),
            }
        )
        for name in LINKS:
            initial[name] = ", ".join(
                str(pk) for pk in getattr(measure, name).values_list("pk", flat=True)
            )
        initial.update(_initial_texts(measure, MEASURE_TEXTS))
        return initial


class ChangeForm(CheckedTextForm):
    """An extension (with its new sunset), an amendment or a lifting."""

    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[c for c in ChangeKind.choices if c[0] != ChangeKind.INTRODUCED],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("On"), widget=date_input())
    new_sunset = forms.DateField(
        label=_("New sunset"),
        required=False,
        widget=date_input(),
        help_text=_("For an extension: the day it now ends."),
    )
    locals().update(_pair("note", _("Note in English"), _("Note in Korean"), long=True))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def note(self) -> dict[str, str]:
        return merge_languages(None, self.cleaned_data["note_en"], self.cleaned_data["note_ko"])


class SourceForm(CheckedTextForm):
    """Where a measure can be read: a link, or a file."""

    locals().update(_pair("title", _("Title in English"), _("Title in Korean")))
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF, text or image file; its content is checked, not only its name."),
    )


ANSWER_CHOICES = [("", _("Not answered yet")), *Answer.choices]


class ReviewForm(GroupedForm):
    """A review: who reviewed, when, the outcome, and an answer to each of the ten
    checklist questions with its evidence and a note."""

    reviewer_name = forms.CharField(label=_("Reviewer"), max_length=200, required=False)
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=date_input())
    next_review_on = forms.DateField(label=_("Next review"), required=False, widget=date_input())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    locals().update(_pair("summary", _("Summary in English"), _("Summary in Korean"), long=True))
    locals().update(
        _pair(
            "recommendations",
            _("Recommendations in English"),
            _("Recommendations in Korean"),
            long=True,
        )
    )
    text_language = forms.ChoiceField(
        label=_("Language of the evidence and notes below"),
        choices=[("en", _("English")), ("ko", _("Korean"))],
    )
    locals().update(_access_fields())

    groups = (
        (
            _("Review"),
            ("owner", "reviewer_name", "reviewed_on", "next_review_on", "outcome"),
        ),
        (
            _("Findings"),
            ("summary_en", "summary_ko", "recommendations_en", "recommendations_ko"),
        ),
        (_("Who may see it"), ACCESS_FIELDS),
    )

    def __init__(self, *args: Any, review: Review | None = None, **kwargs: Any) -> None:
        super().__init__(*args, record=review, **kwargs)
        for criterion in CRITERIA:
            slug = criterion.slug
            self.fields[f"answer_{slug}"] = forms.ChoiceField(
                label=_("Answer"), choices=ANSWER_CHOICES, required=False, widget=forms.RadioSelect
            )
            self.fields[f"evidence_{slug}"] = forms.CharField(
                label=_("Evidence"), required=False, widget=_area(3)
            )
            self.fields[f"note_{slug}"] = forms.CharField(
                label=_("Note"), required=False, widget=_area(2)
            )

    @property
    def questions(self) -> list[tuple[Any, Any, Any, Any]]:
        """Each checklist question with its answer, evidence and note fields."""
        return [
            (c, self[f"answer_{c.slug}"], self[f"evidence_{c.slug}"], self[f"note_{c.slug}"])
            for c in CRITERIA
        ]

    def answers(self) -> dict[str, dict[str, Any]]:
        data, language = self.cleaned_data, self.cleaned_data.get("text_language") or "en"
        kept = {a.criterion: a for a in self.record.answers.all()} if self.record else {}
        answers = {}
        for c in CRITERIA:
            old = kept.get(c.slug)
            evidence = dict(old.evidence) if old else {}
            note = dict(old.note) if old else {}
            evidence[language] = data.get(f"evidence_{c.slug}", "")
            note[language] = data.get(f"note_{c.slug}", "")
            answers[c.slug] = {
                "answer": data.get(f"answer_{c.slug}", ""),
                "evidence": evidence,
                "note": note,
            }
        return answers

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            name: data.get(name)
            for name in ("reviewer_name", "reviewed_on", "next_review_on", "outcome")
        }
        values["summaries"] = self.texts("summary", "summaries")
        values["recommendations"] = self.texts("recommendations", "recommendations")
        return {**values, **self.owner_values(), **self.access_values()}

    @classmethod
    def initial_for(cls, review: Review, language: str = "en") -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(review, name)
            for name in (
                "version",
                "reviewer_name",
                "reviewed_on",
                "next_review_on",
                "outcome",
                "access",
                "embargo_until",
                "after_embargo",
            )
        }
        initial.update(_initial_readers(review))
        initial["owner"] = owner_value(review.owner) if review.owner else ""
        initial["text_language"] = language
        initial.update(
            _initial_texts(
                review, (("summary", "summaries"), ("recommendations", "recommendations"))
            )
        )
        for answer in review.answers.all():
            initial[f"answer_{answer.criterion}"] = answer.answer
            initial[f"evidence_{answer.criterion}"] = answer.evidence.get(language, "")
            initial[f"note_{answer.criterion}"] = answer.note.get(language, "")
        return initial
