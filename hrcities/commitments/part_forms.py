"""Forms that change the parts of actions and commitments (milestones, evidence,
endorsements) and the list of action statuses. Each edit form carries the version the
editor saw, so that a save from an outdated page is refused instead of overwriting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from hrcities.core.forms import CheckedTextForm, date_input

from .forms import EvidenceForm, MilestoneForm
from .models import ActionStatus, Endorsement, Evidence, Milestone


class MilestoneEditForm(MilestoneForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=date_input(),
        help_text=_("Leave empty while it is still to do."),
    )

    @classmethod
    def initial_for(cls, milestone: Milestone) -> dict[str, Any]:
        return {
            "version": milestone.version,
            "date": milestone.date,
            "text": milestone.text,
            "done_on": milestone.done_on,
        }

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("date", "text", "done_on")}


class MilestoneMarkForm(forms.Form):
    """The one-button step on an action's page: done today, or not done after all."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done = forms.BooleanField(widget=forms.HiddenInput, required=False)


class EvidenceEditForm(EvidenceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    upload = None  # type: ignore[assignment]

    def __init__(self, *args: Any, evidence: Evidence, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.evidence = evidence
        if evidence.file:
            self.fields["url"].help_text = _("The file stays attached; a link is optional.")

    @classmethod
    def initial_for(cls, evidence: Evidence) -> dict[str, Any]:
        return {"version": evidence.version, "title": evidence.title, "url": evidence.url}

    def clean(self) -> dict[str, Any]:
        data = forms.Form.clean(self)
        if not data.get("url") and not self.evidence.file and "url" not in self.errors:
            self.add_error("url", _("Evidence without a file needs a link."))
        return data

    def changes(self) -> dict[str, Any]:
        return {"title": self.cleaned_data["title"], "url": self.cleaned_data["url"]}


class EndorsementEditForm(CheckedTextForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    endorsed_on = forms.DateField(label=_("Endorsed on"), widget=date_input())
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for(cls, endorsement: Endorsement) -> dict[str, Any]:
        return {
            "version": endorsement.version,
            "endorsed_on": endorsement.endorsed_on,
            "note": endorsement.note,
        }

    def changes(self) -> dict[str, Any]:
        return {"endorsed_on": self.cleaned_data["endorsed_on"], "note": self.cleaned_data["note"]}


class StatusForm(CheckedTextForm):
    slug = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Used in CSV files and the API, e.g. in-progress."),
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=100)
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    default_progress = forms.IntegerField(
        label=_("Usual progress %"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The progress an action with this status counts when none is entered."),
    )
    is_closed = forms.BooleanField(label=_("Closed: no further work is expected"), required=False)
    counts_in_progress = forms.BooleanField(
        label=_("Counts in the progress roll-up"),
        required=False,
        help_text=_("Leave unticked for e.g. cancelled actions."),
    )

    @classmethod
    def initial_for(cls, status: ActionStatus | None) -> dict[str, Any]:
        if status is None:
            return {"default_progress": 0, "counts_in_progress": True}
        return {
            "slug": status.slug,
            "name_en": status.names.get("en", ""),
            "name_ko": status.names.get("ko", ""),
            "default_progress": status.default_progress,
            "is_closed": status.is_closed,
            "counts_in_progress": status.counts_in_progress,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = {"en": data["name_en"]}
        if data["name_ko"]:
            names["ko"] = data["name_ko"]
        return {
            "slug": data["slug"],
            "names": names,
            "default_progress": data["default_progress"],
            "is_closed": data["is_closed"],
            "counts_in_progress": data["counts_in_progress"],
        }
