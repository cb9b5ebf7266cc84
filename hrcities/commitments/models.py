"""Declarations, their clauses and commitments, and the actions cities take on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel, pick_translation


class Declaration(VersionedModel):
    """A declaration adopted by a Forum (or another gathering of the network)."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("theme"), max_length=300, blank=True)
    forum_edition = models.PositiveSmallIntegerField(_("Forum edition"), null=True, blank=True)
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    dates_text = models.CharField(_("dates as written"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    host_city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language (BCP 47)"), max_length=20, default="en")
    intro = models.TextField(_("opening"), blank=True)
    promises_intro = models.TextField(_("introduction to the promises"), blank=True)
    source_text = models.TextField(_("text as ingested"), blank=True)
    source_format = models.CharField(max_length=10, blank=True)
    is_demo = models.BooleanField(default=False)
    taggings = GenericRelation("taxonomy.Tagging")

    class Meta:
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:declaration-detail", args=[self.slug])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})


class Clause(VersionedModel):
    """A paragraph of a declaration: a preamble clause or an operative promise."""

    class Kind(models.TextChoices):
        PREAMBLE = "preamble", _("Preamble clause")
        PROMISE = "promise", _("Promise")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="clauses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    taggings = GenericRelation("taxonomy.Tagging")

    class Meta:
        ordering = ["declaration", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "kind", "number"], name="one_clause_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.declaration} – {self.get_kind_display()} {self.number}"


class Addressee(models.TextChoices):
    UN = "un", _("UN bodies")
    CENTRAL_GOVERNMENTS = "central-governments", _("Central governments")
    LOCAL_GOVERNMENTS = "local-governments", _("Local governments")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    PARTICIPANTS = "participants", _("All participants")


class Commitment(VersionedModel):
    """A promise of a declaration, as something cities and organisations act on."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="commitments"
    )
    clause = models.OneToOneField(
        Clause, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitment"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("short title"), max_length=200)
    text = models.TextField(_("text"))
    addressees = models.JSONField(_("addressed to"), default=list, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_demo = models.BooleanField(default=False)
    taggings = GenericRelation("taxonomy.Tagging")

    class Meta:
        ordering = ["declaration", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="one_commitment_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:commitment-detail", args=[self.declaration.slug, self.number])

    @property
    def key(self) -> str:
        """The commitment's reference in CSV files: "<declaration slug>/<number>"."""
        return f"{self.declaration.slug}/{self.number}"

    def clean(self) -> None:
        unknown = [a for a in self.addressees or [] if a not in Addressee.values]
        if unknown:
            raise ValidationError(
                {"addressees": _("Unknown addressees: %(a)s.") % {"a": ", ".join(unknown)}}
            )

    def addressee_labels(self) -> list[str]:
        labels = dict(Addressee.choices)
        return [str(labels[a]) for a in self.addressees or [] if a in labels]


class Endorsement(VersionedModel):
    """A city or organisation taking a commitment on as its own."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="endorsements"
    )
    city = models.ForeignKey("network.City", null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    endorsed_on = models.DateField(_("endorsed on"), default=date.today)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["endorsed_on", "id"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(city__isnull=False, organisation__isnull=True)
                    | models.Q(city__isnull=True, organisation__isnull=False)
                ),
                name="endorsement_city_xor_organisation",
            ),
            models.UniqueConstraint(fields=["commitment", "city"], name="one_endorsement_per_city"),
            models.UniqueConstraint(
                fields=["commitment", "organisation"], name="one_endorsement_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.endorser} endorses {self.commitment}"

    @property
    def endorser(self) -> Any:
        return self.city or self.organisation

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)


class ActionStatus(models.Model):
    """A status an action can have, with the progress it stands for by default.

    Network admins configure the list; `counts_in_progress=False` (e.g. cancelled)
    leaves an action out of the roll-up.
    """

    slug = models.SlugField(max_length=40, unique=True)
    names = models.JSONField(default=dict)
    default_progress = models.PositiveSmallIntegerField(
        _("usual progress %"), validators=[MaxValueValidator(100)], default=0
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("No further work is expected.")
    )
    counts_in_progress = models.BooleanField(_("counts in progress"), default=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("action status")
        verbose_name_plural = _("action statuses")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug


class ActionQuerySet(models.QuerySet):
    def overdue(self, today: date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today, status__is_closed=False)

    def owned_by_city(self, city: Any) -> ActionQuerySet:
        return self.filter(city=city)

    def in_follow_up_order(self) -> ActionQuerySet:
        """Order as a city's follow-up reads: the newest declaration first, then by
        promise, then by start."""
        return self.order_by(
            "-commitment__declaration__start_date",
            "commitment__declaration__title",
            "commitment__number",
            "start_date",
            "id",
        )


class Action(VersionedModel):
    """Something a city or organisation does to keep a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.ForeignKey(ActionStatus, on_delete=models.PROTECT, related_name="actions")
    progress = models.PositiveSmallIntegerField(
        _("progress %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty to use the status's usual progress."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_demo = models.BooleanField(default=False)
    taggings = GenericRelation("taxonomy.Tagging")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(city__isnull=False, organisation__isnull=True)
                    | models.Q(city__isnull=True, organisation__isnull=False)
                ),
                name="action_city_xor_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:action-detail", args=[self.pk])

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation

    @property
    def own_progress(self) -> int:
        """The action's progress by itself: as entered, or its status's default."""
        return self.progress if self.progress is not None else self.status.default_progress

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.due_date and self.due_date < today and not self.status.is_closed)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date is before the start date.")
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("An action cannot be its own parent.")
            elif self.parent and self.parent.commitment_id != self.commitment_id:
                errors["parent"] = _("The parent action belongs to another commitment.")
            else:
                ancestor, seen = self.parent, set()
                while ancestor is not None and ancestor.pk not in seen:
                    if ancestor.pk == self.pk and self.pk is not None:
                        errors["parent"] = _("This parent would make a loop of actions.")
                        break
                    seen.add(ancestor.pk)
                    ancestor = ancestor.parent
        if (self.city_id is None) == (self.organisation_id is None):
            errors["city"] = _("An action belongs to one city or one organisation.")
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(models.QuerySet):
    def overdue(self, today: date | None = None) -> MilestoneQuerySet:
        """Milestones whose date has passed and that nobody has marked done."""
        today = today or timezone.localdate()
        return self.filter(date__lt=today, done_on__isnull=True)


class Milestone(VersionedModel):
    """A step of an action: something that happened, or is due, on a date."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    text = models.CharField(_("what happened or is due"), max_length=500)
    # Empty while the step is still to do; a milestone past its date and not done is overdue.
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date}: {self.text}"

    def scope(self) -> tuple[Any, Any]:
        return self.action.scope()

    def is_overdue(self, today: date | None = None) -> bool:
        return self.done_on is None and self.date < (today or timezone.localdate())


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.action_id}/{filename}"


class Evidence(VersionedModel):
    """A link or a file that shows what an action did."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True, max_length=1000)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    def scope(self) -> tuple[Any, Any]:
        return self.action.scope()


class StatusChange(models.Model):
    """A change of an action's status or progress, for the commitment's timeline."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.ForeignKey(
        ActionStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    new_status = models.ForeignKey(ActionStatus, on_delete=models.PROTECT, related_name="+")
    old_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    new_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.old_status} → {self.new_status}"


class TranslationKind(models.TextChoices):
    OFFICIAL = "official", _("official")
    NETWORK = "network", _("unofficial (the platform's own)")
    CITY = "city", _("unofficial (a city's own)")


class DeclarationTranslation(VersionedModel):
    """A declaration's text in another language, aligned clause by clause with the original.

    Who made it matters to a reader: an official translation can be quoted as the text;
    the platform's or a city's own is a reading aid, and the pages say so.
    """

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language (BCP 47)"), max_length=20)
    kind = models.CharField(
        _("kind of translation"),
        max_length=10,
        choices=TranslationKind.choices,
        default=TranslationKind.NETWORK,
    )
    translator = models.CharField(
        _("translated by"),
        max_length=300,
        blank=True,
        help_text=_("The person, office or publication the translation comes from."),
    )
    url = models.URLField(_("where it is published"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("theme"), max_length=300, blank=True)
    intro = models.TextField(_("opening"), blank=True)
    promises_intro = models.TextField(_("introduction to the promises"), blank=True)
    source_text = models.TextField(_("text as ingested"), blank=True)
    source_format = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["declaration", "language"]
        verbose_name = _("declaration translation")
        verbose_name_plural = _("declaration translations")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def is_official(self) -> bool:
        return self.kind == TranslationKind.OFFICIAL


class ClauseTranslation(VersionedModel):
    """One clause of a declaration in the language of a translation."""

    translation = models.ForeignKey(
        DeclarationTranslation, on_delete=models.CASCADE, related_name="clauses"
    )
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="translations")
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["translation", "clause"]
        verbose_name = _("translated clause")
        verbose_name_plural = _("translated clauses")
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "clause"], name="one_translated_text_per_clause"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clause} ({self.translation.language})"
