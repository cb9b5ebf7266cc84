"""A session, its participant counts by the indicators' shared breakdowns, its evaluation."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrcities.archive.forms import merge_languages
from hrcities.core.forms import CheckedTextForm, date_input
from hrcities.indicators.models import Dimension
from hrcities.network.models import City

from ..models import Session
from .common import FIELD_FOR, _text

GROUP_LINE = re.compile(r"^\s*(?P<label>[^:=]+?)\s*[:=]\s*(?P<count>\S+)\s*$")


def count_field_name(dimension: Dimension, value: str = "") -> str:
    if not value:
        return f"count_{dimension.slug}"
    return f"count_{dimension.slug}__{re.sub(r'[^a-z0-9]+', '_', value.lower()).strip('_')}"


class SessionForm(CheckedTextForm):
    """A session, its participants counted by the indicators' shared breakdowns, and
    what its evaluation found."""

    starts_on = forms.DateField(label=_("First day"), widget=date_input())
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=date_input())
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
