"""Reference vocabularies: SDG goals, targets and indicators; UN human rights themes (UHRI);
affected groups; and the UPR recommendations that OHCHR tagged with all three."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel, pick_translation


def translated(values: dict[str, str] | None, language: str | None = None) -> str:
    """Return the text in the active (or given) language, falling back to English.

    Keys are BCP 47 tags ("zh-Hans"), while Django reports languages in lower case
    ("zh-hans"), so the look-up ignores case.
    """
    if values:
        values = {key.lower(): text for key, text in values.items()}
    return pick_translation(values, language)


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    titles = models.JSONField(default=dict, help_text=_("Title per language code."))
    short_titles = models.JSONField(default=dict, help_text=_("Short title per language code."))

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title or self.title}"

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:goal-detail", args=[self.number])

    @property
    def code(self) -> str:
        return str(self.number)

    @property
    def title(self) -> str:
        return translated(self.titles)

    @property
    def short_title(self) -> str:
        return translated(self.short_titles)


class SdgTarget(models.Model):
    code = models.CharField(max_length=10, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    titles = models.JSONField(default=dict)
    # The official order ("17.2" before "17.10", "1.5" before "1.a"), from the source file.
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return translated(self.titles)


class SdgIndicator(models.Model):
    code = models.CharField(max_length=12, unique=True)
    target = models.ForeignKey(SdgTarget, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="indicators")
    titles = models.JSONField(default=dict)
    # One indicator can sit under several targets (1.5.1 = 11.5.1 = 13.1.1): every code is
    # a row, and the repeats point to the first code.
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return translated(self.titles)

    @property
    def also_under(self) -> list[str]:
        """Return the other codes of the same indicator (empty for most indicators)."""
        root = self.canonical or self
        codes = [root.code, *(repeat.code for repeat in root.repeats.all())]
        return [code for code in codes if code != self.code]


class HumanRightsTheme(VersionedModel):
    """A theme of the UN Universal Human Rights Index (UHRI)."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("Current UHRI English name."))
    names = models.JSONField(default=dict, blank=True, help_text=_("Name per other language."))
    aliases = models.JSONField(
        default=list, blank=True, help_text=_("Other spellings and earlier names merged into it.")
    )
    legacy_codes = models.JSONField(
        default=list, blank=True, help_text=_("Older UHRI codes (e.g. A12) that correspond.")
    )
    category = models.CharField(_("category"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("human rights theme")
        verbose_name_plural = _("human rights themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:theme-detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return translated({"en": self.name, **(self.names or {})})


class AffectedGroup(VersionedModel):
    """A group of persons affected, as UHRI tags recommendations ("Children", "Migrants")."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(default=dict, blank=True)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:group-detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return translated({"en": self.name, **(self.names or {})})


class RecommendationQuerySet(models.QuerySet):
    def filtered(
        self,
        *,
        q: str | None = None,
        cycle: int | None = None,
        position: str | None = None,
        theme: str | None = None,
        goal: int | None = None,
        group: str | None = None,
    ) -> RecommendationQuerySet:
        """Return the recommendations matching every given filter (themes, groups by slug)."""
        qs = self
        if q:
            qs = qs.filter(Q(text__icontains=q) | Q(paragraph=q))
        if cycle:
            qs = qs.filter(cycle=cycle)
        if position:
            qs = qs.filter(position=position)
        if theme:
            qs = qs.filter(themes__slug=theme)
        if goal:
            qs = qs.filter(sdg_goals__number=goal)
        if group:
            qs = qs.filter(groups__slug=group)
        return qs

    def with_published_tags(self) -> RecommendationQuerySet:
        """Return the recommendations with OHCHR's themes, goals and groups read along."""
        return self.prefetch_related("themes", "sdg_goals", "groups")

    def sorted_by(self, sort: str | None) -> RecommendationQuerySet:
        orders = {
            "paragraph": ["paragraph_sort", "-cycle"],
            "-paragraph": ["-paragraph_sort", "-cycle"],
            "cycle": ["cycle", "paragraph_sort"],
            "-cycle": ["-cycle", "paragraph_sort"],
        }
        return self.order_by(*orders.get(sort or "", orders["-cycle"]))


class UprRecommendation(models.Model):
    """A recommendation a State received in the UN Universal Periodic Review."""

    class Position(models.TextChoices):
        SUPPORTED = "Supported", _("Supported")
        NOTED = "Noted", _("Noted")

    country = models.CharField(_("country"), max_length=100)
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"))
    session = models.PositiveSmallIntegerField(_("UPR session"))
    paragraph = models.CharField(_("paragraph"), max_length=20)
    # "115.2" sorts before "115.10": major * 10,000 + minor.
    paragraph_sort = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField(_("recommendation"))
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    source_of_position = models.CharField(max_length=200, blank=True)
    cluster_theme = models.CharField(max_length=300, blank=True)
    themes = models.ManyToManyField(HumanRightsTheme, blank=True, related_name="recommendations")
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="recommendations")
    groups = models.ManyToManyField(AffectedGroup, blank=True, related_name="recommendations")
    # Older-cycle UHRI themes with no clear counterpart today, kept as published.
    legacy_themes = models.JSONField(default=list, blank=True)
    source_file = models.CharField(max_length=200, blank=True)
    # The network's own tags (suggested, accepted, rejected), kept apart from OHCHR's above.
    taggings = GenericRelation("taxonomy.Tagging")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle", "paragraph_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "cycle", "paragraph"], name="upr_recommendation_unique"
            )
        ]
        indexes = [models.Index(fields=["cycle", "position"])]
        verbose_name = _("UPR recommendation")
        verbose_name_plural = _("UPR recommendations")

    def __str__(self) -> str:
        return f"{self.country}, UPR cycle {self.cycle}, para. {self.paragraph}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.paragraph_sort = self.paragraph_sort_key(self.paragraph)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:recommendation-detail", args=[self.pk])

    def scope(self) -> tuple[Any, Any]:
        """Return no city and no organisation: network reference data, for network admins."""
        return (None, None)

    def published_labels(self) -> set[str]:
        """Return the tags OHCHR published with the recommendation, as tag labels."""
        return {
            *(f"theme:{theme.slug}" for theme in self.themes.all()),
            *(f"sdg:{goal.number}" for goal in self.sdg_goals.all()),
            *(f"group:{group.slug}" for group in self.groups.all()),
        }

    @staticmethod
    def paragraph_sort_key(paragraph: str) -> int:
        numbers = [int(n) for n in re.findall(r"\d+", paragraph)[:2]] + [0, 0]
        return numbers[0] * 10_000 + numbers[1]


class TagKind(models.TextChoices):
    SDG_GOAL = "sdg", _("SDG goal")
    SDG_TARGET = "sdg-target", _("SDG target")
    THEME = "theme", _("Human rights theme")
    GROUP = "group", _("Affected group")


class TagStatus(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    SUGGESTED = "suggested", _("suggested")
    REJECTED = "rejected", _("rejected")


class TaggingQuerySet(models.QuerySet):
    def for_record(self, record: models.Model) -> TaggingQuerySet:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            object_id=record.pk,
        )

    def accepted(self) -> TaggingQuerySet:
        return self.filter(status=TagStatus.ACCEPTED)

    def suggested(self) -> TaggingQuerySet:
        return self.filter(status=TagStatus.SUGGESTED)

    def waiting(self) -> TaggingQuerySet:
        """Return the suggestions waiting for a decision: a goal whose target the record
        has accepted is left out, as the record's page leaves it out."""
        target_of_goal = Tagging.objects.filter(
            content_type=OuterRef("content_type"),
            object_id=OuterRef("object_id"),
            status=TagStatus.ACCEPTED,
            kind=TagKind.SDG_TARGET,
            label__startswith=Concat(
                Value("sdg-target:"),
                Substr(OuterRef("label"), len("sdg:") + 1),
                Value("."),
                output_field=models.CharField(),
            ),
        )
        return self.suggested().exclude(Q(kind=TagKind.SDG_GOAL) & Exists(target_of_goal))


class Tagging(models.Model):
    """One tag on one record: an SDG goal or target, a UHRI theme or an affected group.

    Every taggable record kind uses this one table, so search facets, exports and the
    suggester treat all kinds alike. `label` is "<kind>:<code>" ("sdg-target:16.10",
    "theme:right-to-education"). A suggestion keeps its score; a person accepts or
    rejects it, and a rejected suggestion is not offered again.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=160)
    kind = models.CharField(max_length=12, choices=TagKind.choices)
    status = models.CharField(max_length=10, choices=TagStatus.choices, default=TagStatus.ACCEPTED)
    score = models.FloatField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaggingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "label"], name="one_tagging_per_label"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["label", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.status})"
