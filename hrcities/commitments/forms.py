"""Forms for declarations (upload and review), actions, milestones, evidence and imports."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from hrcities.core.csvfiles import CsvFileField
from hrcities.core.forms import CheckedTextForm, choice_labels, date_input
from hrcities.network.models import City, Organisation
from hrcities.taxonomy.forms import tags_field

from .extract import extract_text
from .models import Action, ActionStatus, Commitment

UPLOAD_EXTENSIONS = (".txt", ".md", ".docx", ".pdf")
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
_SOURCE_SALT = "hrcities.commitments.declaration-review"


def normalise_newlines(text: str) -> str:
    """Return the text with one kind of line break, as a browser sends it back (CRLF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def seal_source(text: str, source_format: str) -> str:
    """Return the text and its format signed, for the review page to carry."""
    return signing.dumps({"text": text, "format": source_format}, salt=_SOURCE_SALT, compress=True)


def open_source(sealed: str) -> dict[str, str]:
    """Return the text and format a review page carried; raise BadSignature if altered."""
    return signing.loads(sealed, salt=_SOURCE_SALT)


# --- declarations ---------------------------------------------------------------------


class DeclarationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Declaration file"),
        required=False,
        help_text=_("Plain text (.txt), Markdown (.md), Word (.docx) or PDF; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Leave empty when you choose a file."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        extension = PurePath(upload.name).suffix.lower()
        if extension not in UPLOAD_EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” is not a .txt, .md, .docx or .pdf file.") % {"name": upload.name}
            )
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is 10 MB.")
                % {"size": round(upload.size / 1024 / 1024, 1)}
            )
        return upload

    def source(self) -> tuple[str, str]:
        """Return the text given, from the file or as pasted, and its format.

        Raise ExtractionError when the file cannot be read as text.
        """
        upload = self.cleaned_data["file"]
        if upload is None:
            return normalise_newlines(self.cleaned_data["text"]), "text"
        extracted = extract_text(upload.read(), upload.name, upload.content_type)
        return normalise_newlines(extracted.text), extracted.format

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = bool(data.get("file"))
        has_text = bool((data.get("text") or "").strip())
        if has_file and has_text:
            raise forms.ValidationError(_("Choose a file or paste the text, not both."))
        if not has_file and not has_text and not self.errors:
            raise forms.ValidationError(_("Choose a file or paste the text of the declaration."))
        return data


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"([A-Za-z]{3,9})\.?"
_DASH = r"\s*[-–—~～]\s*"
_DAY_PATTERNS = [
    # 7 – 10 October 2020 / 30 September – 2 October 2020 / 7 October 2020
    re.compile(rf"(\d{{1,2}})(?:\s+{_MONTH})?(?:{_DASH}(\d{{1,2}}))?\s+{_MONTH},?\s+(\d{{4}})"),
    # October 7 – 10, 2020 / September 30 – October 2, 2020
    re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:{_DASH}(?:{_MONTH}\s+)?(\d{{1,2}}))?,?\s+(\d{{4}})"),
    # 2020년 10월 7일 ~ 10일 / 2020년 9월 30일 ~ 10월 2일
    re.compile(
        rf"(\d{{4}})\s*년\s*(\d{{1,2}})\s*월\s*(\d{{1,2}})\s*일"
        rf"(?:{_DASH}(?:(\d{{1,2}})\s*월\s*)?(\d{{1,2}})\s*일)?"
    ),
    # 2020.10.07 – 10 / 2020-10-07
    re.compile(
        rf"(\d{{4}})\s*[./-]\s*(\d{{1,2}})\s*[./-]\s*(\d{{1,2}})\.?"
        rf"(?:{_DASH}(?:(\d{{1,2}})\s*[./-]\s*)?(\d{{1,2}}))?"
    ),
]


def _day(year: str, month: int | str | None, day: str) -> date | None:
    if isinstance(month, str):
        month = _MONTHS.get(month.lower()) if not month.isdigit() else int(month)
    try:
        return date(int(year), int(month or 0), int(day))
    except (TypeError, ValueError):
        return None


def guess_days(text: str) -> tuple[date | None, date | None]:
    """Return the first and last day that dates written like "7 – 10 October 2020" name."""
    for index, pattern in enumerate(_DAY_PATTERNS):
        match = pattern.search(text or "")
        if not match:
            continue
        g = match.groups()
        if index == 0:
            first_day, first_month, last_day, month, year = g
            start = _day(year, first_month or month, first_day)
            end = _day(year, month, last_day or first_day)
        elif index == 1:
            month, first_day, last_month, last_day, year = g
            start = _day(year, month, first_day)
            end = _day(year, last_month or month, last_day or first_day)
        else:
            year, month, first_day, last_month, last_day = g
            start = _day(year, month, first_day)
            end = _day(year, last_month or month, last_day or first_day)
        if start and end and end < start:
            end = None
        return start, end
    return None, None


class DeclarationReviewForm(forms.Form):
    """The metadata a reviewer may correct; the clauses come from re-reading the text."""

    title = forms.CharField(label=_("Title"), max_length=300)
    subtitle = forms.CharField(label=_("Theme"), max_length=300, required=False)
    forum_edition = forms.IntegerField(
        label=_("Forum edition"), required=False, min_value=1, max_value=999
    )
    start_date = forms.DateField(label=_("First day"), required=False, widget=date_input())
    end_date = forms.DateField(label=_("Last day"), required=False, widget=date_input())
    dates_text = forms.CharField(label=_("Dates as written"), max_length=100, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    language = forms.CharField(
        label=_("Language"),
        max_length=20,
        help_text=_("A language code such as en or ko."),
    )
    # The text as read, signed: the clauses are read from it again on confirm, so a
    # changed page can alter the metadata above but never the clauses or promises.
    source = forms.CharField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, parsed: Any, text: str, source_format: str) -> dict[str, Any]:
        start, end = guess_days(parsed.dates)
        return {
            "title": parsed.title[:300],
            "subtitle": parsed.subtitle[:300],
            "forum_edition": parsed.forum_edition,
            "start_date": start,
            "end_date": end,
            "dates_text": parsed.dates[:100],
            "place": parsed.place[:200],
            "language": parsed.language if parsed.language != "und" else "",
            "source": seal_source(text, source_format),
        }

    def clean_source(self) -> dict[str, str]:
        try:
            return open_source(self.cleaned_data["source"])
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The declaration text was changed after it was read. Upload it again."),
                code="tampered",
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day is before the first day."))
        return data

    def metadata(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "subtitle",
                "forum_edition",
                "start_date",
                "end_date",
                "dates_text",
                "place",
                "language",
            )
        }


# --- owners: the cities and organisations a user may act for ---------------------------


def owner_value(owner: Any) -> str:
    kind = "city" if isinstance(owner, City) else "organisation"
    return f"{kind}:{owner.slug}"


class OwnerField(forms.ChoiceField):
    """A choice among cities and organisations, in two groups; cleans to the record."""

    def __init__(self, *, cities: Any, organisations: Any, **kwargs: Any) -> None:
        self.cities = {c.slug: c for c in cities}
        self.organisations = {o.slug: o for o in organisations}
        choices: list[Any] = [("", "—")]
        if self.cities:
            choices.append(
                (_("Cities"), [(f"city:{slug}", c.name) for slug, c in self.cities.items()])
            )
        if self.organisations:
            choices.append(
                (
                    _("Organisations"),
                    [(f"organisation:{slug}", o.name) for slug, o in self.organisations.items()],
                )
            )
        super().__init__(choices=choices, **kwargs)

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        kind, _sep, slug = (value or "").partition(":")
        if kind == "city":
            return self.cities[slug]
        if kind == "organisation":
            return self.organisations[slug]
        return None


# --- actions --------------------------------------------------------------------------


class ActionForm(CheckedTextForm):
    owner = forms.ChoiceField(label=_("City or organisation"))
    parent = forms.ModelChoiceField(
        label=_("Part of another action"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("— none: a top-level action —"),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=date_input())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=date_input())
    status = forms.ModelChoiceField(
        label=_("Status"), queryset=ActionStatus.objects.all(), to_field_name="slug"
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty to use the status's usual progress."),
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=Decimal("0"),
        max_value=Decimal("9999"),
        decimal_places=2,
        initial=Decimal("1"),
        help_text=_(
            "How much this action counts beside the others of the same commitment (0 leaves "
            "it out of the progress)."
        ),
    )
    tags = tags_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self,
        *args: Any,
        commitment: Commitment,
        cities: Any,
        organisations: Any,
        action: Action | None = None,
        **kwargs: Any,
    ) -> None:
        from hrcities.taxonomy.tags import label_choices

        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.action = action
        self.fields["owner"] = OwnerField(
            label=_("City or organisation"), cities=cities, organisations=organisations
        )
        parents = commitment.actions.select_related("city", "organisation").order_by("id")
        if action is not None:
            parents = parents.exclude(pk__in=descendant_ids(action))
            self.fields["version"].required = True
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda a: f"{a.title} ({a.owner})"
        self.fields["tags"].choices = label_choices()

    @classmethod
    def initial_for(cls, action: Action) -> dict[str, Any]:
        from hrcities.taxonomy.tags import accepted_labels

        return {
            "version": action.version,
            "owner": owner_value(action.owner),
            "parent": action.parent_id,
            "title": action.title,
            "description": action.description,
            "start_date": action.start_date,
            "due_date": action.due_date,
            "status": action.status.slug,
            "progress": action.progress,
            "weight": action.weight,
            "tags": accepted_labels(action),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date is before the start date."))
        return data

    def values(self) -> dict[str, Any]:
        """Return the action's fields as the services take them."""
        data = self.cleaned_data
        owner = data["owner"]
        return {
            "city": owner if isinstance(owner, City) else None,
            "organisation": owner if isinstance(owner, Organisation) else None,
            "parent": data["parent"],
            "title": data["title"],
            "description": data["description"],
            "start_date": data["start_date"],
            "due_date": data["due_date"],
            "status": data["status"],
            "progress": data["progress"],
            "weight": data["weight"],
            "tags": data["tags"],
        }

    def display(self, name: str, value: Any) -> str:
        """Return a value of one field as a person reads it, for the conflict box."""
        if value in (None, "", []):
            return "—"
        if name in ("owner", "tags"):
            labels = choice_labels(self.fields[name].choices)
            values = value if isinstance(value, list) else [value]
            return ", ".join(str(labels.get(v, v)) for v in values)
        if name == "parent":
            parent = Action.objects.filter(pk=getattr(value, "pk", value)).first()
            return str(parent) if parent else "—"
        if name == "status":
            status = ActionStatus.objects.filter(slug=getattr(value, "slug", value)).first()
            return str(status or value)
        return str(value)


def descendant_ids(action: Action) -> set[int]:
    """Return the action and every action below it (none can become its parent)."""
    found = {action.pk}
    frontier = [action.pk]
    while frontier:
        frontier = list(
            Action.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(frontier)
    return found


class MilestoneForm(CheckedTextForm):
    date = forms.DateField(label=_("Date"), widget=date_input())
    text = forms.CharField(label=_("What happened or is due"), max_length=500)


class EvidenceForm(CheckedTextForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    upload = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("PDF, image, office document or plain text; at most 20 MB."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("url") and not data.get("upload") and not self.errors:
            raise forms.ValidationError(_("Give a link or choose a file."))
        return data


class EndorseForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, cities: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "endorser": OwnerField(
                label=_("Endorse as"), cities=cities, organisations=organisations
            ),
            **self.fields,
        }


class ImportForm(forms.Form):
    file = CsvFileField(
        help_text=_("The format of the export: UTF-8, one action a row, with the header row."),
    )
