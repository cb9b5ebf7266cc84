"""Forms of the memory archive: items, events, consent, redaction, media and purge.

Record forms carry the version the editor saw, so a save made from an outdated page is
refused instead of overwriting. Who may set access is decided by the view (it removes
those fields for contributors) and enforced again by the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from hrcities.access.tiers import Access, AfterEmbargo
from hrcities.commitments.forms import OwnerField, owner_value
from hrcities.core.forms import CheckedTextForm, choice_labels, date_input
from hrcities.core.validation import check_date, check_language
from hrcities.network.models import City, Organisation

from .models import RESTRICTABLE_FIELDS, Consent, Event, Item, ItemKind
from .services import max_upload_bytes

ACCESS_FIELDS = (
    "access",
    "embargo_until",
    "after_embargo",
    "allowed_users",
    "allowed_organisations",
)


def _textarea(rows: int = 4, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def owner_of(values: dict[str, Any]) -> dict[str, Any]:
    owner = values.get("owner")
    return {
        "city": owner if isinstance(owner, City) else None,
        "organisation": owner if isinstance(owner, Organisation) else None,
    }


def merge_languages(
    stored: dict[str, str] | None, en: str, ko: str, original: str = "", language: str = ""
) -> dict[str, str]:
    """Return the texts per language, keeping languages this form does not show."""
    texts = dict(stored or {})
    texts["en"], texts["ko"] = en.strip(), ko.strip()
    if language and language not in ("en", "ko"):
        texts[language] = original.strip()
    return {code: text for code, text in texts.items() if text}


# The named readers of a restricted record, as every record form with access asks them.
def allowed_users_field() -> forms.CharField:
    return forms.CharField(
        label=_("Named people (user names)"),
        required=False,
        help_text=_("For restricted records: user names separated by commas."),
    )


def allowed_organisations_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Named organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("For restricted records. Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )


def check_access(form: forms.Form, data: dict[str, Any]) -> None:
    """Name beside its field what a tier needs and was not given: the day an embargo
    lifts, the people or organisations who may read a restricted record."""
    if data.get("access") == Access.EMBARGOED and not data.get("embargo_until"):
        form.add_error("embargo_until", _("An embargo needs the date it ends."))
    if data.get("access") == Access.RESTRICTED and not (
        data.get("allowed_users") or data.get("allowed_organisations")
    ):
        form.add_error(
            "allowed_users", _("Name at least one person or organisation who may see it.")
        )


def users_named(text: str) -> list[Any]:
    """Return the users a comma-separated list of user names names; refuse unknown names."""
    names = [n.strip() for n in (text or "").split(",") if n.strip()]
    users = list(get_user_model().objects.filter(username__in=names))
    unknown = sorted(set(names) - {u.get_username() for u in users})
    if unknown:
        raise forms.ValidationError(
            _("No user is called: %(names)s.") % {"names": ", ".join(unknown)}
        )
    return users


class OwnedRecordForm(CheckedTextForm):
    """A record kept by a city or organisation, with the version the editor saw."""

    owner = forms.ChoiceField(label=_("City or organisation that keeps it"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self, *args: Any, cities: Any, organisations: Any, record: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["owner"] = OwnerField(
            label=_("City or organisation that keeps it"),
            cities=cities,
            organisations=organisations,
        )
        # Keep the owner first, as the citizens read the form from the top.
        self.order_fields(["owner"])
        if record is not None:
            self.fields["version"].required = True


class RecordForm(OwnedRecordForm):
    """The fields items and events share: owner, titles, descriptions, date and access."""

    title_en = forms.CharField(label=_("Title in English"), max_length=500, required=False)
    title_ko = forms.CharField(
        label=_("Title in Korean"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ko"}),
    )
    title_original = forms.CharField(
        label=_("Title in the original language"),
        max_length=500,
        required=False,
        help_text=_("Only when the original language is neither English nor Korean."),
    )
    original_language = forms.CharField(
        label=_("Original language"),
        max_length=20,
        initial="ko",
        help_text=_("A BCP 47 code: ko, en, ja, zh-Hant, es-AR …"),
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=_textarea(5)
    )
    description_ko = forms.CharField(
        label=_("Description in Korean"), required=False, widget=_textarea(5, lang="ko")
    )
    date_text = forms.CharField(
        label=_("Date as written"),
        max_length=60,
        required=False,
        help_text=_(
            "For example 1980, 1980-05, 1980-05-18, 1980-05-18/1980-05-27, circa 1980, 1980?, 198X."
        ),
    )
    access = forms.ChoiceField(label=_("Who may see it"), choices=Access.choices)
    embargo_until = forms.DateField(
        label=_("Embargoed until"),
        required=False,
        widget=date_input(),
        help_text=_("Only for an embargo: the day it lifts."),
    )
    after_embargo = forms.ChoiceField(
        label=_("After the embargo"), choices=AfterEmbargo.choices, required=False
    )
    allowed_users = allowed_users_field()
    allowed_organisations = allowed_organisations_field()
    groups: list[tuple[Any, list[str]]] = []

    def __init__(self, *args: Any, may_set_access: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_set_access:
            for name in ACCESS_FIELDS:
                del self.fields[name]

    @property
    def sets_access(self) -> bool:
        return "access" in self.fields

    def fieldsets(self) -> list[tuple[Any, list[Any]]]:
        """Return the visible fields in titled groups, for the template's fieldsets."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
            if any(name in self.fields for name in names)
        ]

    @classmethod
    def record_initial(cls, record: Any) -> dict[str, Any]:
        language = record.original_language
        other = language not in ("en", "ko")
        return {
            "version": record.version,
            "owner": owner_value(record.owner),
            "title_en": record.titles.get("en", ""),
            "title_ko": record.titles.get("ko", ""),
            "title_original": record.titles.get(language, "") if other else "",
            "original_language": language,
            "description_en": record.descriptions.get("en", ""),
            "description_ko": record.descriptions.get("ko", ""),
            "date_text": record.date_text,
            "access": record.access,
            "embargo_until": record.embargo_until,
            "after_embargo": record.after_embargo,
            "allowed_users": ", ".join(u.get_username() for u in record.allowed_users.all()),
            "allowed_organisations": list(record.allowed_organisations.all()),
        }

    def clean_original_language(self) -> str:
        return check_language(self.cleaned_data["original_language"].strip())

    def clean_date_text(self) -> str:
        return check_date(self.cleaned_data["date_text"]).text

    def clean_allowed_users(self) -> list[Any]:
        return users_named(self.cleaned_data["allowed_users"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        language = data.get("original_language", "")
        if data.get("title_original") and language in ("en", "ko"):
            self.add_error(
                "title_original",
                _("The original language is English or Korean: use that title field."),
            )
        if self.sets_access:
            check_access(self, data)
        return data

    def record_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        stored = self.record
        language = data["original_language"]
        values = {
            **owner_of(data),
            "titles": merge_languages(
                stored.titles if stored else None,
                data["title_en"],
                data["title_ko"],
                data["title_original"],
                language,
            ),
            "descriptions": merge_languages(
                stored.descriptions if stored else None,
                data["description_en"],
                data["description_ko"],
            ),
            "original_language": language,
            "date_text": data.get("date_text", ""),
        }
        if self.sets_access:
            values.update(
                access=data["access"],
                embargo_until=data["embargo_until"],
                after_embargo=data["after_embargo"] or AfterEmbargo.PUBLIC,
                allowed_users=data["allowed_users"],
                allowed_organisations=list(data["allowed_organisations"]),
            )
        return values

    def display(self, name: str, value: Any) -> str:
        """Return a value of one field as a person reads it, for the conflict box."""
        if value in (None, "", [], ()):
            return "—"
        field = self.fields[name]
        if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
            ids = value if isinstance(value, list | tuple) else [value]
            ids = [getattr(v, "pk", v) for v in ids]
            return ", ".join(str(o) for o in field.queryset.filter(pk__in=ids)) or "—"
        if isinstance(field, forms.MultipleChoiceField | forms.ChoiceField):
            labels = choice_labels(field.choices)
            values = value if isinstance(value, list | tuple) else [value]
            return ", ".join(str(labels.get(str(v), v)) for v in values)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)


class ItemForm(RecordForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    collection = forms.ModelChoiceField(
        label=_("Collection"), queryset=Item.objects.none(), required=False
    )
    place = forms.ModelChoiceField(label=_("Place"), queryset=Item.objects.none(), required=False)
    events = forms.ModelMultipleChoiceField(
        label=_("Events"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
    narrator = forms.ModelChoiceField(
        label=_("Narrator"),
        queryset=Item.objects.none(),
        required=False,
        empty_label=_("— none, or a new narrator below —"),
    )
    new_narrator_pseudonym = forms.CharField(
        label=_("New narrator: pseudonym"),
        max_length=200,
        required=False,
        help_text=_("The name readers see. Leave empty unless you add a new narrator."),
    )
    new_narrator_real_name = forms.CharField(
        label=_("New narrator: real name"), max_length=200, required=False
    )
    new_narrator_real_name_may_be_shown = forms.BooleanField(
        label=_("The narrator agreed that the real name may be shown"), required=False
    )
    exact_location = forms.CharField(label=_("Exact place"), max_length=300, required=False)
    contact = forms.CharField(label=_("Contact details"), required=False, widget=_textarea(2))
    transcript = forms.CharField(label=_("Transcript"), required=False, widget=_textarea(10))
    rights = forms.CharField(label=_("Rights statement"), max_length=300, required=False)
    restricted_fields = forms.MultipleChoiceField(
        label=_("Hidden from readers"),
        choices=list(RESTRICTABLE_FIELDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the editors and reviewers who keep the item see these fields."),
    )

    groups = [
        (
            _("The record"),
            [
                "owner",
                "kind",
                "title_en",
                "title_ko",
                "title_original",
                "original_language",
                "description_en",
                "description_ko",
                "date_text",
                "collection",
                "place",
                "events",
                "rights",
            ],
        ),
        (
            _("Narrator"),
            [
                "narrator",
                "new_narrator_pseudonym",
                "new_narrator_real_name",
                "new_narrator_real_name_may_be_shown",
            ],
        ),
        (
            _("Transcript and private details"),
            ["transcript", "exact_location", "contact", "restricted_fields"],
        ),
        (_("Who may see it"), list(ACCESS_FIELDS)),
    ]
    field_order = [
        "owner",
        "kind",
        "title_en",
        "title_ko",
        "title_original",
        "original_language",
        "description_en",
        "description_ko",
        "date_text",
        "collection",
        "place",
        "events",
        "narrator",
        "new_narrator_pseudonym",
        "new_narrator_real_name",
        "new_narrator_real_name_may_be_shown",
        "exact_location",
        "contact",
        "transcript",
        "rights",
        "access",
        "embargo_until",
        "after_embargo",
        "allowed_users",
        "allowed_organisations",
        "restricted_fields",
    ]

    def __init__(
        self,
        *args: Any,
        collections: Any,
        places: Any,
        events: Any,
        narrators: Any,
        name_of: Any = str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections
        self.fields["place"].queryset = places
        self.fields["events"].queryset = events
        self.fields["narrator"].queryset = narrators
        self.fields["narrator"].label_from_instance = name_of
        self.order_fields(self.field_order)
        if self.record is None:
            self.fields["restricted_fields"].initial = sorted(RESTRICTABLE_FIELDS)

    @classmethod
    def initial_for(cls, item: Item) -> dict[str, Any]:
        return {
            **cls.record_initial(item),
            "kind": item.kind,
            "collection": item.collection_id,
            "place": item.place_id,
            "events": list(item.events.values_list("pk", flat=True)),
            "narrator": item.narrator_id,
            "exact_location": item.exact_location,
            "contact": item.contact,
            "transcript": item.transcript,
            "rights": item.rights,
            "restricted_fields": list(item.restricted_fields or []),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        narrator, pseudonym = data.get("narrator"), data.get("new_narrator_pseudonym")
        owner = owner_of(data)
        if narrator is not None and pseudonym:
            self.add_error(
                "new_narrator_pseudonym",
                _("Choose a narrator or add a new one, not both."),
            )
        if narrator is not None and any(owner.values()):
            if (narrator.city, narrator.organisation) != (owner["city"], owner["organisation"]):
                self.add_error(
                    "narrator", _("Choose a narrator kept by the same city or organisation.")
                )
        if (data.get("new_narrator_real_name") or "").strip() and not pseudonym:
            self.add_error(
                "new_narrator_pseudonym",
                _("Give the new narrator a pseudonym: it is the name readers see."),
            )
        return data

    def new_narrator(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("new_narrator_pseudonym"):
            return None
        return {
            **owner_of(data),
            "pseudonym": data["new_narrator_pseudonym"].strip(),
            "real_name": data["new_narrator_real_name"].strip(),
            "real_name_may_be_shown": data["new_narrator_real_name_may_be_shown"],
        }

    def values(self) -> dict[str, Any]:
        """Return the item's fields as the services take them."""
        data = self.cleaned_data
        return {
            **self.record_values(),
            "kind": data["kind"],
            "collection": data["collection"],
            "place": data["place"],
            "events": list(data["events"]),
            "narrator": data["narrator"],
            "exact_location": data["exact_location"],
            "contact": data["contact"],
            "transcript": data["transcript"],
            "rights": data["rights"],
            "restricted_fields": sorted(data["restricted_fields"]),
        }


class EventForm(RecordForm):
    groups = [
        (
            _("The event"),
            [
                "owner",
                "title_en",
                "title_ko",
                "title_original",
                "original_language",
                "description_en",
                "description_ko",
                "date_text",
                "places",
            ],
        ),
        (_("Who may see it"), list(ACCESS_FIELDS)),
    ]
    places = forms.ModelMultipleChoiceField(
        label=_("Places"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = places
        self.order_fields(
            ["owner", "title_en", "title_ko", "title_original", "original_language"]
            + ["description_en", "description_ko", "date_text", "places"]
        )

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        return {
            **cls.record_initial(event),
            "places": list(event.places.values_list("pk", flat=True)),
        }

    def values(self) -> dict[str, Any]:
        return {**self.record_values(), "places": list(self.cleaned_data["places"])}


class ConsentForm(CheckedTextForm):
    scopes = forms.MultipleChoiceField(
        label=_("The narrator agreed to"),
        choices=Consent.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Given on"), widget=date_input())
    reconsent_due = forms.DateField(
        label=_("Ask again by"),
        required=False,
        widget=date_input(),
        help_text=_("Leave empty if the consent does not need renewing."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=_textarea(3))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given, due = data.get("given_on"), data.get("reconsent_due")
        if given and due and due <= given:
            self.add_error("reconsent_due", _("Ask again after the day the consent was given."))
        return data


class WithdrawForm(CheckedTextForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=_textarea(3),
        help_text=_("For example who asked, and how."),
    )


class RedactionForm(CheckedTextForm):
    phrase = forms.CharField(
        label=_("Words to withhold"),
        max_length=1000,
        help_text=_("Every place these exact words occur is withheld from readers."),
    )
    reason = forms.CharField(label=_("Reason (for the record)"), max_length=300, required=False)
    # Where the keeper selected the words on the item's page (filled in by its script):
    # the words must stand there. Typed words may stand anywhere in the item.
    field = forms.ChoiceField(
        choices=[("", ""), ("description", "description"), ("transcript", "transcript")],
        required=False,
        widget=forms.HiddenInput,
    )
    language = forms.CharField(max_length=20, required=False, widget=forms.HiddenInput)


class MediaForm(CheckedTextForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An image, sound, video, PDF or plain text file."),
    )
    transcript = forms.CharField(
        label=_("Transcript"),
        required=False,
        widget=_textarea(8),
        help_text=_("For sound and video: what is said, so everyone can read it."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        # A first, cheap check; the service checks size and content again before storing.
        if upload.size > limit:
            raise forms.ValidationError(
                _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB. Nothing was stored.")
                % {
                    "name": upload.name,
                    "size": round(upload.size / 1048576, 1),
                    "limit": limit // 1048576,
                }
            )
        return upload


class PurgeForm(forms.Form):
    confirmation = forms.CharField(label=_("Type the words shown above to confirm"), max_length=40)
