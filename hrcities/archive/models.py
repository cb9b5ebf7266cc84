"""The memory archive: items, collections, events, places, people, their roles and
relations, consent, redactions and media files.

Who may see what is decided in one place, `ItemQuerySet.visible_to(user)` (and the
same for events), which every page, API endpoint, export, feed and report uses.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.access.keepers import keeps, kept_filter
from hrcities.access.models import AccessFields, AccessQuerySet, ConsentFields
from hrcities.core.dates import DateError, parse_fuzzy_date
from hrcities.core.models import VersionedModel, pick_translation
from hrcities.core.validation import check_language

from . import protection


class ItemKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    TESTIMONY = "testimony", _("Testimony")
    SITE = "site", _("Site of memory")
    ARTEFACT = "artefact", _("Artefact")


# Fields of an item that can be hidden while the item itself is shown.
RESTRICTABLE_FIELDS = {
    "narrator_name": _("Narrator's real name"),
    "contact": _("Contact details"),
    "exact_location": _("Exact place"),
}


class DatedModel(VersionedModel):
    """A record with a date as written (EDTF-like) and its sortable bounds."""

    date_text = models.CharField(_("date"), max_length=60, blank=True)
    date_start = models.DateField(null=True, blank=True, editable=False, db_index=True)
    date_end = models.DateField(null=True, blank=True, editable=False)
    date_is_approximate = models.BooleanField(default=False, editable=False)

    revision_exclude = (
        *VersionedModel.revision_exclude,
        "date_start",
        "date_end",
        "date_is_approximate",
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        try:
            parsed = parse_fuzzy_date(self.date_text)
        except DateError as error:
            raise ValidationError({"date_text": str(error)}) from None
        self.date_text = parsed.text
        self.date_start, self.date_end = parsed.start, parsed.end
        self.date_is_approximate = parsed.is_approximate or parsed.is_uncertain


class OwnedModel(DatedModel):
    """Owned by one city or one organisation, whose editors change it."""

    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    titles = models.JSONField(
        _("title"), default=dict, blank=True, help_text=_("Title per language (BCP 47).")
    )
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    original_language = models.CharField(
        _("original language (BCP 47)"), max_length=20, default="ko"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    def history_is_visible_to(self, user: Any) -> bool:
        # Revisions hold every field, hidden ones and redacted words included.
        return keeps(user, self)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation

    @property
    def title(self) -> str:
        return pick_translation(self.titles) or pick_translation(
            self.titles, self.original_language
        )

    def clean(self) -> None:
        super().clean()
        if (self.city_id is None) == (self.organisation_id is None):
            raise ValidationError({"city": _("Choose the city or the organisation that keeps it.")})
        if not any((t or "").strip() for t in (self.titles or {}).values()):
            raise ValidationError({"titles": _("Give a title in at least one language.")})
        # Pages, feeds and searches use these codes as lang attributes and lookup keys.
        for name, codes in (
            ("original_language", [self.original_language]),
            ("titles", list(self.titles or {})),
            ("descriptions", list(self.descriptions or {})),
        ):
            try:
                for code in codes:
                    check_language(code)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None


class AccessControlled(OwnedModel, AccessFields):
    objects = AccessQuerySet.as_manager()
    protective_state = protection.ACCESS_CONTROLLED

    class Meta:
        abstract = True


class Collection(AccessControlled):
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("archive:collection-detail", args=[self.slug])


class NamedQuerySet(models.QuerySet):
    """Places and people are shown where a record this user may see names them, and to
    the editors and reviewers who keep them."""

    def visible_to(self, user: Any) -> NamedQuerySet:
        items = Item.objects.visible_to(user).values("pk")
        events = Event.objects.visible_to(user).values("pk")
        if self.model is Place:
            named = Q(items__in=items) | Q(events__in=events)
        else:
            named = (
                Q(narrated_items__in=items) | Q(roles__item__in=items) | Q(roles__event__in=events)
            )
        ids = self.model._default_manager.filter(named).values("pk")
        return self.filter(Q(pk__in=ids) | kept_filter(user))


class Place(OwnedModel):
    """A place where something happened or is remembered."""

    geonames_place = models.ForeignKey(
        "network.GeoNamesPlace", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    objects = NamedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:place-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("The latitude must be between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("The longitude must be between -180 and 180.")
        if not errors and (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)


class Event(AccessControlled):
    """Something that happened, over a day or a span of time."""

    places = models.ManyToManyField(Place, blank=True, related_name="events")
    taggings = GenericRelation("taxonomy.Tagging")

    class Meta:
        ordering = ["date_start", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:event-detail", args=[self.pk])


class Person(OwnedModel):
    """A person in the archive. The pseudonym is shown unless the real name may be."""

    pseudonym = models.CharField(_("pseudonym"), max_length=200)
    real_name = models.CharField(_("real name"), max_length=200, blank=True)
    real_name_may_be_shown = models.BooleanField(_("the real name may be shown"), default=False)
    contact = models.TextField(_("contact details"), blank=True)

    protective_state = protection.PERSON

    objects = NamedQuerySet.as_manager()

    class Meta:
        ordering = ["pseudonym"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.pseudonym

    def get_absolute_url(self) -> str:
        return reverse("archive:person-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.titles:
            self.titles = {"und": self.pseudonym}
        super().clean()


def hide_all_restrictable_fields() -> list[str]:
    """New items keep names, contacts and exact places private until someone opens them."""
    return sorted(RESTRICTABLE_FIELDS)


# What an item's current consents decide (Item.follow_consents): never edited, never part
# of a revision, so no edit, import or restore can set them.
CONSENT_FIELDS = ("is_research_only", "consent_due", "is_name_withheld", "is_quote_withheld")


class Item(AccessControlled, ConsentFields):
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    events = models.ManyToManyField(Event, blank=True, related_name="items")
    narrator = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="narrated_items"
    )
    exact_location = models.CharField(_("exact place"), max_length=300, blank=True)
    contact = models.TextField(_("contact details"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    rights = models.CharField(_("rights statement"), max_length=300, blank=True)
    restricted_fields = models.JSONField(
        _("hidden fields"),
        default=hide_all_restrictable_fields,
        blank=True,
        help_text=_("Fields shown only to those who manage the item."),
    )
    taggings = GenericRelation("taxonomy.Tagging")
    is_name_withheld = models.BooleanField(
        _("no consent to use the real name"),
        default=False,
        editable=False,
        help_text=_("The narrator's real name is shown to no one but the item's keepers."),
    )
    is_quote_withheld = models.BooleanField(
        _("no consent to quote"),
        default=False,
        editable=False,
        help_text=_("The transcript is read on the item's page only, never quoted elsewhere."),
    )

    protective_state = protection.ITEM
    revision_exclude = (*AccessControlled.revision_exclude, *CONSENT_FIELDS)

    class Meta:
        ordering = ["date_start", "id"]
        indexes = [models.Index(fields=["publication", "is_withdrawn", "access"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:item-detail", args=[self.pk])

    def consented_scopes(self) -> set[str] | None:
        """Return what the item's current consents all agree to (None: no consent on record).

        A person's newest consent replaces their earlier ones (asking again records a new
        one); when several people consented, a scope holds only if every one of them
        agreed to it, and a withdrawn consent agrees to nothing.
        """
        return _agreed(_current(list(self.consents.all())))

    def follow_consents(self) -> None:
        """Bring the consent fields in line with the item's consent records, at once.

        Saved with `update_fields`, so the search document, the page cache's data version
        and the documents of the narrator's other items follow in the same transaction.
        """
        every = _current(list(self.consents.all()))
        scopes = _agreed(every)
        current = [c for c in every if c.is_active]
        values = {
            "is_research_only": any(Consent.Scope.RESEARCH in c.scopes for c in current),
            "consent_due": min((c.reconsent_due for c in current if c.reconsent_due), default=None),
            "is_name_withheld": scopes is not None and Consent.Scope.NAME not in scopes,
            "is_quote_withheld": scopes is not None and Consent.Scope.QUOTE not in scopes,
        }
        changed = [name for name, value in values.items() if getattr(self, name) != value]
        if changed:
            for name in changed:
                setattr(self, name, values[name])
            self.save(update_fields=changed)

    def clean(self) -> None:
        super().clean()
        unknown = [f for f in self.restricted_fields or [] if f not in RESTRICTABLE_FIELDS]
        if unknown:
            raise ValidationError(
                {"restricted_fields": _("Unknown fields: %(f)s") % {"f": ", ".join(unknown)}}
            )


class PersonRole(models.Model):
    """How a person is linked to an item or an event."""

    class Role(models.TextChoices):
        SURVIVOR = "survivor", _("Survivor")
        WITNESS = "witness", _("Witness")
        BEREAVED = "bereaved-family", _("Bereaved family")
        PERPETRATOR = "perpetrator", _("Perpetrator")
        INTERVIEWER = "interviewer", _("Interviewer")
        NARRATOR = "narrator", _("Narrator")
        DONOR = "donor", _("Donor")
        CREATOR = "creator", _("Creator (author, photographer)")
        SUBJECT = "subject", _("Person shown or named")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="person_roles"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="person_roles"
    )
    real_name_shown = models.BooleanField(
        _("the real name may be shown here"),
        default=False,
        help_text=_(
            "Allowed by the person's keepers. While any link hides it, the real name is "
            "hidden everywhere."
        ),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, event__isnull=True)
                | Q(item__isnull=True, event__isnull=False),
                name="person_role_item_xor_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class Relation(models.Model):
    """A typed link between two archive records (items, events, places), across cities too."""

    class Kind(models.TextChoices):
        SHARES_EXPERIENCE = "shares-experience-with", _("shares experience with")
        PART_OF = "part-of", _("is part of")
        DEPICTS = "depicts", _("depicts")
        COMMEMORATES = "commemorates", _("commemorates")
        HAPPENED_AT = "happened-at", _("happened at")
        SAME_AS = "same-as", _("is the same as")
        RELATED = "related-to", _("is related to")

    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind", "target_type", "target_id"],
                name="one_relation",
            )
        ]

    def __str__(self) -> str:
        source = f"{self.source_type.model} {self.source_id}"
        return f"{source} {self.kind} {self.target_type.model} {self.target_id}"


def _current(consents: list[Consent]) -> list[Consent]:
    """Return each person's newest consent (a consent naming no one counts as one person)."""
    newest: dict[Any, Consent] = {}
    for consent in sorted(consents, key=lambda c: (c.given_on, c.pk or 0)):
        newest[consent.person_id] = consent
    return list(newest.values())


def _agreed(current: list[Consent]) -> set[str] | None:
    if not current:
        return None
    return set.intersection(*(set(c.scopes) if c.is_active else set() for c in current))


class ConsentQuerySet(models.QuerySet):
    def current(self) -> ConsentQuerySet:
        """Each person's newest consent on each item (as `Item.consented_scopes` reads them)."""
        later = Consent.objects.filter(item=OuterRef("item")).filter(
            Q(given_on__gt=OuterRef("given_on"))
            | Q(given_on=OuterRef("given_on"), pk__gt=OuterRef("pk"))
        )
        return self.filter(
            Q(~Exists(later.filter(person=OuterRef("person"))), person__isnull=False)
            | Q(~Exists(later.filter(person__isnull=True)), person__isnull=True)
        )

    def renewal_due_kept_by(self, user: Any, *, due_by: Any) -> ConsentQuerySet:
        """Return the consents to ask again by `due_by` on items this user keeps.

        Current (not replaced by a newer consent of the same person), not withdrawn, on an
        item not withdrawn, with an "ask again by" date on or before `due_by`; the earliest
        due first.
        """
        kept = Item.objects.filter(kept_filter(user), is_withdrawn=False)
        return (
            self.current()
            .filter(withdrawn_on__isnull=True, reconsent_due__lte=due_by, item__in=kept)
            .select_related("item", "person")
            .order_by("reconsent_due", "pk")
        )

    def past_renewal_kept_by(self, user: Any, *, today: Any = None) -> ConsentQuerySet:
        """Return the consents past their renewal date on items this user keeps: those
        whose records the network hides, while it chooses to, until they are renewed."""
        today = today or timezone.localdate()
        return self.renewal_due_kept_by(user, due_by=today - timedelta(days=1))


class Consent(models.Model):
    """What a narrator (or their family) agreed to, when, and whether they took it back.

    Saving one brings its item's consent fields in line at once (`Item.follow_consents`):
    who may read the item, whether its narrator's real name may be shown, whether its
    transcript may be quoted, and when the consent is due to be asked again.
    """

    class Scope(models.TextChoices):
        ARCHIVE = "archive", _("keep in the archive")
        PUBLISH = "publish", _("publish")
        QUOTE = "quote", _("quote")
        NAME = "name", _("use the real name")
        RESEARCH = "research", _("research use only")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="consents"
    )
    scopes = models.JSONField(_("agreed to"), default=list)
    given_on = models.DateField(_("given on"))
    reconsent_due = models.DateField(_("ask again by"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item}: {', '.join(self.scopes)} ({self.given_on})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        Item.objects.get(pk=self.item_id).follow_consents()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        item_id = self.item_id
        deleted = super().delete(*args, **kwargs)
        item = Item.objects.filter(pk=item_id).first()
        if item is not None:
            item.follow_consents()
        return deleted

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    def clean(self) -> None:
        unknown = [s for s in self.scopes or [] if s not in self.Scope.values]
        if unknown:
            raise ValidationError(
                {"scopes": _("Unknown scopes: %(s)s") % {"s": ", ".join(unknown)}}
            )


class Redaction(VersionedModel):
    """Words of an item that only its keepers may read.

    Kept as the words, not as a place in one text: they are withheld wherever they stand
    in the item (titles, descriptions, transcript, other fields, its files' transcripts
    and names), after any edit and in any version restored later. Each is versioned like
    its item: adding and removing one are revisions, and a removed one can be restored.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="redactions")
    phrase = models.CharField(_("withheld words"), max_length=1000)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "phrase"], name="one_redaction_per_phrase")
        ]

    def __str__(self) -> str:
        # Revisions and audit lines name it by its item: the words stay in its data,
        # which only the item's keepers read.
        return _("Redaction %(id)s of item %(item)s") % {"id": self.pk, "item": self.item_id}

    def scope(self) -> tuple[Any, Any]:
        return self.item.scope()

    def history_is_visible_to(self, user: Any) -> bool:
        # The revisions hold the withheld words themselves.
        return keeps(user, self.item)

    def clean(self) -> None:
        self.phrase = " ".join(self.phrase.split())
        if not self.phrase:
            raise ValidationError({"phrase": _("Give the words to withhold.")})


def media_path(instance: MediaFile, filename: str) -> str:
    return f"archive/{instance.item_id}/{filename}"


class MediaFile(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="media")
    file = models.FileField(upload_to=media_path, max_length=300)
    thumbnail = models.FileField(upload_to=media_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    transcript = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
