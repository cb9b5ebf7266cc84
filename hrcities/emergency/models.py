"""Emergency measures, the changes they went through, and the reviews that check them.

A measure is recorded by a city or organisation (its keepers edit it) for the
jurisdiction it applies in. Each review answers the checklist in `checklist.py`, item by
item, and gives an outcome; a measure keeps every review it ever had. Measures and reviews
carry the access tiers every domain shares (`hrcities.access`), so a draft review is seen
only by those who keep it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.access.models import AccessFields, AccessQuerySet
from hrcities.access.tiers import Publication
from hrcities.core.models import VersionedModel, pick_translation
from hrcities.core.validation import check_language

from .checklist import CRITERIA


class Named(models.Model):
    """Reference data with a slug and a name per language."""

    slug = models.SlugField(max_length=60)
    names = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug


class Emergency(Named):
    """What a measure answers (COVID-19, heat wave, flood, ...). Emergencies without a
    city serve every city; a city may add its own."""

    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_climate = models.BooleanField(default=False)

    class Meta(Named.Meta):
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="one_emergency_slug_per_city"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(city__isnull=True), name="one_shared_emergency_slug"
            ),
        ]


class Issue(Named):
    """A right or civic-space issue a measure touches (assembly, privacy, movement, ...)."""

    class Meta(Named.Meta):
        constraints = [models.UniqueConstraint(fields=["slug"], name="one_issue_slug")]


class PolicyCode(models.Model):
    """A policy indicator of the Oxford COVID-19 Government Response Tracker codebook
    (C containment, E economic, H health, V vaccination), with its levels."""

    code = models.CharField(max_length=4, unique=True)
    names = models.JSONField(default=dict)
    levels = models.JSONField(
        default=dict, blank=True, help_text=_("Level number to its description, per language.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.code


class MeasureKind(models.TextChoices):
    ORDER = "order", _("Order")
    ORDINANCE = "ordinance", _("Ordinance")
    LAW = "law", _("Law")
    REGULATION = "regulation", _("Regulation")
    POLICY = "policy", _("Policy")
    PRACTICE = "practice", _("Practice")


class Level(models.TextChoices):
    CITY = "city", _("City")
    REGION = "region", _("Province or region")
    NATIONAL = "national", _("National")


class MeasureQuerySet(AccessQuerySet):
    def in_force(self, on: date | None = None) -> MeasureQuerySet:
        """Measures in force on a day: started, and not lifted by then."""
        on = on or timezone.localdate()
        return self.filter(in_force_from__lte=on).filter(
            Q(lifted_on__isnull=True) | Q(lifted_on__gt=on)
        )


class Measure(VersionedModel, AccessFields):
    """A measure taken in an emergency that applies in a city."""

    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applies_in = models.ForeignKey(
        "network.City",
        on_delete=models.PROTECT,
        related_name="emergency_measures",
        verbose_name=_("city where it applies"),
    )
    level = models.CharField(
        _("level of government"), max_length=10, choices=Level.choices, default=Level.CITY
    )
    authority = models.JSONField(
        _("authority"), default=dict, blank=True, help_text=_("Who issued it, per language.")
    )
    titles = models.JSONField(_("title"), default=dict)
    summaries = models.JSONField(_("summary"), default=dict, blank=True)
    original_language = models.CharField(
        _("original language (BCP 47)"), max_length=20, default="ko"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MeasureKind.choices)
    emergency = models.ForeignKey(
        Emergency, on_delete=models.PROTECT, related_name="measures", verbose_name=_("emergency")
    )
    issues = models.ManyToManyField(Issue, blank=True, related_name="measures")
    policy_code = models.ForeignKey(
        PolicyCode, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    policy_level = models.PositiveSmallIntegerField(
        _("policy level"), null=True, blank=True, validators=[MaxValueValidator(9)]
    )
    is_targeted = models.BooleanField(
        _("targeted"), default=False, help_text=_("Applies to some groups or areas only.")
    )
    target_groups = models.ManyToManyField(
        "taxonomy.AffectedGroup", blank=True, related_name="emergency_measures"
    )
    legal_basis = models.JSONField(_("legal basis"), default=dict, blank=True)
    introduced_on = models.DateField(_("introduced on"))
    in_force_from = models.DateField(_("in force from"))
    sunset_on = models.DateField(_("sunset"), null=True, blank=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    actions = models.ManyToManyField(
        "commitments.Action", blank=True, related_name="emergency_measures"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="emergency_measures"
    )
    items = models.ManyToManyField("archive.Item", blank=True, related_name="emergency_measures")
    taggings = GenericRelation("taxonomy.Tagging")
    is_demo = models.BooleanField(default=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force_from", "id"]
        indexes = [models.Index(fields=["publication", "is_withdrawn", "access"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emergency:measure-detail", args=[self.pk])

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation

    def is_in_force(self, on: date | None = None) -> bool:
        """Whether it is in force on a day (as `Measure.objects.in_force` finds it)."""
        on = on or timezone.localdate()
        return self.in_force_from <= on and (self.lifted_on is None or self.lifted_on > on)

    @property
    def title(self) -> str:
        return pick_translation(self.titles) or pick_translation(
            self.titles, self.original_language
        )

    def history_is_visible_to(self, user: Any) -> bool:
        from hrcities.access.keepers import keeps

        return keeps(user, self)

    def clean(self) -> None:
        super().clean()
        if (self.city_id is None) == (self.organisation_id is None):
            raise ValidationError({"city": _("Choose the city or the organisation that keeps it.")})
        if not any((t or "").strip() for t in (self.titles or {}).values()):
            raise ValidationError({"titles": _("Give a title in at least one language.")})
        errors = {}
        start = self.in_force_from
        if start and self.introduced_on and start < self.introduced_on:
            errors["in_force_from"] = _("A measure cannot be in force before it was introduced.")
        if start and self.sunset_on and self.sunset_on < start:
            errors["sunset_on"] = _("The sunset is before the day the measure came into force.")
        if start and self.lifted_on and self.lifted_on < start:
            errors["lifted_on"] = _("It cannot be lifted before it came into force.")
        if self.policy_level is not None and self.policy_code_id is None:
            errors["policy_level"] = _("A policy level needs its policy code.")
        if errors:
            raise ValidationError(errors)
        for name, codes in (
            ("original_language", [self.original_language]),
            ("titles", list(self.titles or {})),
            ("summaries", list(self.summaries or {})),
        ):
            try:
                for code in codes:
                    check_language(code)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None


class ChangeKind(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced")
    EXTENDED = "extended", _("Extended")
    AMENDED = "amended", _("Amended")
    LIFTED = "lifted", _("Lifted")


class MeasureChange(models.Model):
    """One step in a measure's life: introduced, extended (with its new sunset), amended,
    lifted. The timeline draws these; the measure's revisions keep every field's history."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    on = models.DateField(_("date"))
    new_sunset = models.DateField(_("new sunset"), null=True, blank=True)
    note = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"


def source_path(instance: Source, filename: str) -> str:
    return f"emergency/{instance.measure_id}/{filename}"


class Source(models.Model):
    """Where a measure or a review's evidence can be read: a link or a file."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="sources")
    titles = models.JSONField(_("title"), default=dict)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(upload_to=source_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="source_file_xor_link",
            )
        ]

    def __str__(self) -> str:
        return pick_translation(self.titles) or self.original_name or self.url


class Outcome(models.TextChoices):
    COMPATIBLE = "compatible", _("Compatible with human rights standards")
    CONCERNS = "concerns", _("Raises concerns")
    INCOMPATIBLE = "incompatible", _("Incompatible with human rights standards")


class ReviewQuerySet(AccessQuerySet):
    def visible_to(self, user: Any, *, today: date | None = None) -> ReviewQuerySet:
        """Return the reviews this user may see: the review itself, and its measure."""
        reviews = super().visible_to(user, today=today)
        return reviews.filter(measure__in=Measure.objects.visible_to(user, today=today))

    def published(self) -> ReviewQuerySet:
        return self.filter(publication=Publication.PUBLISHED, is_withdrawn=False)


class Review(VersionedModel, AccessFields):
    """A review of a measure against the checklist, by a city or organisation."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reviews")
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    summaries = models.JSONField(_("summary"), default=dict, blank=True)
    recommendations = models.JSONField(_("recommendations"), default=dict, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["publication", "is_withdrawn", "access"])]

    def __str__(self) -> str:
        return f"{self.measure} ({self.reviewed_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("emergency:review-detail", args=[self.measure_id, self.pk])

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def owner(self) -> Any:
        return self.city or self.organisation

    def history_is_visible_to(self, user: Any) -> bool:
        from hrcities.access.keepers import keeps

        return keeps(user, self)

    def clean(self) -> None:
        super().clean()
        if (self.city_id is None) == (self.organisation_id is None):
            raise ValidationError({"city": _("Choose the city or the organisation that reviews.")})
        if self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            raise ValidationError(
                {"next_review_on": _("The next review must come after this one.")}
            )


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNCLEAR = "unclear", _("Unclear")


class ReviewAnswer(models.Model):
    """A review's answer to one checklist question, with its evidence."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    criterion = models.CharField(max_length=40, choices=[(c.slug, c.question) for c in CRITERIA])
    answer = models.CharField(max_length=8, choices=Answer.choices)
    evidence = models.JSONField(default=dict, blank=True)
    note = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_answer_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.answer}"
