"""Human rights education programmes, where they came from, each time they ran, and
what the people who took part said.

A programme is owned by one city or organisation (its keepers edit it) and may name
several providers. Its drafts are protected by the access tiers every domain shares
(`hrcities.access`); its sessions, materials and counts are visible exactly when the
programme is.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.access.models import AccessFields, AccessQuerySet
from hrcities.core.models import VersionedModel, pick_translation
from hrcities.core.validation import check_language


class Phase(models.Model):
    """A phase of the UN World Programme for Human Rights Education (reference data)."""

    number = models.PositiveSmallIntegerField(unique=True)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    names = models.JSONField(default=dict, help_text=_("Focus of the phase per language."))
    source = models.CharField(max_length=300, help_text=_("The UN text that sets the phase."))

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names)


class Audience(models.Model):
    """A sector or audience the World Programme names (school education, civil servants,
    media professionals, youth, ...), with the phase that named it."""

    slug = models.SlugField(max_length=60, unique=True)
    names = models.JSONField(default=dict)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="audiences")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug


class MethodQuerySet(models.QuerySet):
    def for_city(self, city: Any) -> MethodQuerySet:
        """Return the shared methods and the city's own."""
        return self.filter(Q(city__isnull=True) | Q(city=city))


class Method(models.Model):
    """How a programme teaches (participatory, study visit to a site of memory, ...).
    Methods without a city serve every city; a city may add its own."""

    city = models.ForeignKey(
        "network.City",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="education_methods",
    )
    slug = models.SlugField(max_length=60)
    names = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="one_method_slug_per_city"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(city__isnull=True), name="one_shared_method_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug


class Format(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class AdaptationKind(models.TextChoices):
    LANGUAGE = "language", _("Language")
    AUDIENCE = "audience", _("Audience")
    LOCAL_HISTORY = "local-history", _("Local history used")
    LENGTH = "length", _("Length")
    METHOD = "method", _("Method")
    MATERIALS = "materials", _("Materials")


class ProgrammeQuerySet(AccessQuerySet):
    def current(self) -> ProgrammeQuerySet:
        return self.filter(archived_on__isnull=True)


class Programme(VersionedModel, AccessFields):
    """A human rights education programme as its keepers describe it."""

    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(max_length=120, unique=True)
    titles = models.JSONField(_("title"), default=dict, help_text=_("Title per language."))
    summaries = models.JSONField(_("summary"), default=dict, blank=True)
    original_language = models.CharField(
        _("original language (BCP 47)"), max_length=20, default="ko"
    )
    provider_cities = models.ManyToManyField(
        "network.City", blank=True, related_name="education_programmes"
    )
    provider_organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="education_programmes"
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="programmes")
    target_groups = models.ManyToManyField(
        "taxonomy.AffectedGroup", blank=True, related_name="education_programmes"
    )
    methods = models.ManyToManyField(Method, blank=True, related_name="programmes")
    languages = models.JSONField(
        _("languages taught in"), default=list, blank=True, help_text=_("BCP 47 codes.")
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    duration_hours = models.DecimalField(
        _("length in hours"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
    )
    duration_text = models.JSONField(
        _("length as written"), default=dict, blank=True, help_text=_("e.g. 'four evenings'.")
    )
    outcomes = models.JSONField(
        _("learning outcomes"), default=dict, blank=True, help_text=_("Per language.")
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        verbose_name=_("adapted from"),
    )
    adaptation_kinds = models.JSONField(
        _("what changed"), default=list, blank=True, help_text=_("AdaptationKind values.")
    )
    adaptation_note = models.JSONField(
        _("how it was adapted"), default=dict, blank=True, help_text=_("Per language.")
    )
    archived_on = models.DateField(
        _("archived on"), null=True, blank=True, help_text=_("No longer run; kept as a record.")
    )
    items = models.ManyToManyField("archive.Item", blank=True, related_name="education_programmes")
    actions = models.ManyToManyField(
        "commitments.Action", blank=True, related_name="education_programmes"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="education_programmes"
    )
    taggings = GenericRelation("taxonomy.Tagging")
    is_demo = models.BooleanField(default=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        indexes = [models.Index(fields=["publication", "is_withdrawn", "access"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:programme-detail", args=[self.slug])

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation

    @property
    def title(self) -> str:
        return pick_translation(self.titles) or self.slug

    @property
    def summary(self) -> str:
        return pick_translation(self.summaries)

    @property
    def status(self) -> str:
        """Draft, submitted, published or archived, as the keepers' lists show it."""
        return "archived" if self.archived_on else self.publication

    def history_is_visible_to(self, user: Any) -> bool:
        from hrcities.access.keepers import keeps

        return keeps(user, self)

    def clean(self) -> None:
        super().clean()
        if (self.city_id is None) == (self.organisation_id is None):
            raise ValidationError({"city": _("Choose the city or the organisation that keeps it.")})
        if not any((t or "").strip() for t in (self.titles or {}).values()):
            raise ValidationError({"titles": _("Give a title in at least one language.")})
        unknown = [k for k in self.adaptation_kinds or [] if k not in AdaptationKind.values]
        if unknown:
            raise ValidationError(
                {"adaptation_kinds": _("Unknown changes: %(k)s") % {"k": ", ".join(unknown)}}
            )
        if self.adapted_from_id and self.pk and self.adapted_from_id == self.pk:
            raise ValidationError({"adapted_from": _("A programme cannot adapt itself.")})
        for name, codes in (
            ("original_language", [self.original_language]),
            ("languages", list(self.languages or [])),
            ("titles", list(self.titles or {})),
            ("summaries", list(self.summaries or {})),
        ):
            try:
                for code in codes:
                    check_language(code)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None

    def lineage(self) -> list[Programme]:
        """Return the programmes this one was adapted from, nearest first (no loops)."""
        chain, seen, current = [], {self.pk}, self.adapted_from
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.adapted_from
        return chain


class Session(VersionedModel):
    """One time a programme ran: when, where, who led it, how many took part and what
    the evaluation found. Visible exactly when its programme is."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    city = models.ForeignKey(
        "network.City",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where it ran; leave empty for online sessions."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    facilitator = models.CharField(_("facilitator"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(
        _("participants"), validators=[MaxValueValidator(10_000_000)]
    )
    evaluation_method = models.CharField(_("evaluation method"), max_length=200, blank=True)
    evaluation_instrument = models.CharField(_("instrument"), max_length=200, blank=True)
    findings = models.JSONField(_("findings"), default=dict, blank=True)
    feedback = models.JSONField(_("participants' feedback"), default=dict, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.programme} ({self.starts_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("education:session-detail", args=[self.programme.slug, self.pk])

    def scope(self) -> tuple[Any, Any]:
        return self.programme.scope()

    def history_is_visible_to(self, user: Any) -> bool:
        return self.programme.history_is_visible_to(user)

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day is before the first day.")})


class ParticipantCount(models.Model):
    """Participants of a session in one group of a breakdown (sex, age group, disability,
    migrant status), with the indicators' own dimensions."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="counts")
    dimension = models.ForeignKey(
        "indicators.Dimension", on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(max_length=100)
    count = models.PositiveIntegerField(validators=[MaxValueValidator(10_000_000)])

    class Meta:
        ordering = ["dimension__position", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dimension", "value"], name="one_count_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.value} ({self.count})"


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")
    OTHER = "other", _("Other (see note)")


def material_path(instance: Material, filename: str) -> str:
    return f"education/{instance.programme_id}/{filename}"


class Material(models.Model):
    """A file or link a programme teaches with, or an evaluation file of a session."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    titles = models.JSONField(_("title"), default=dict)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(upload_to=material_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=20, blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices)
    licence_note = models.CharField(_("licence note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="material_file_xor_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_translation(self.titles) or self.original_name or self.url

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if not any((t or "").strip() for t in (self.titles or {}).values()):
            errors["titles"] = _("Give the material a title, in English or in Korean.")
        if self.licence not in Licence.values:
            errors["licence"] = _("Choose the licence it is shared under: %(licences)s.") % {
                "licences": ", ".join(Licence.values)
            }
        elif self.licence == Licence.OTHER and not self.licence_note.strip():
            errors["licence_note"] = _("Say which licence applies.")
        if errors:
            raise ValidationError(errors)
