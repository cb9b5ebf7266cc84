"""A city's domains and the dimensions values are broken down by."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel, pick_translation


class Domain(VersionedModel):
    """A group of a city's indicators, e.g. one domain of Gwangju's Human Rights Charter."""

    city = models.ForeignKey(
        "network.City", on_delete=models.CASCADE, related_name="indicator_domains"
    )
    slug = models.SlugField(max_length=80)
    names = models.JSONField(default=dict, help_text=_("Name per language code, e.g. en, ko."))
    position = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["city", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="one_domain_slug_per_city")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug

    def scope(self) -> tuple[Any, Any]:
        return (self.city, None)


class DimensionQuerySet(models.QuerySet):
    def for_city(self, city: Any) -> DimensionQuerySet:
        """Return the shared dimensions and the city's own."""
        return self.filter(Q(city__isnull=True) | Q(city=city))


class Dimension(models.Model):
    """A way to break an indicator down (sex, age group, ...): one CSV column.

    Dimensions without a city serve every city; a city may add its own. `values` lists
    the values a file may use (Open SDG writes them as text, e.g. "Female"); an empty
    list accepts any value (age groups, districts).
    """

    city = models.ForeignKey(
        "network.City",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_dimensions",
    )
    slug = models.SlugField(max_length=60)
    column = models.CharField(
        _("CSV column"), max_length=80, help_text=_("The column header in tidy CSV files.")
    )
    names = models.JSONField(default=dict, help_text=_("Name per language code, e.g. en, ko."))
    values = models.JSONField(
        default=list, blank=True, help_text=_("Allowed values; empty allows any value.")
    )
    value_names = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Translations of each value: {value: {language: text}}."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = DimensionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="one_dimension_slug_per_city"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(city__isnull=True), name="one_shared_dimension_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.column

    def value_label(self, value: str) -> str:
        """Return a value in the reader's language (the value itself if untranslated)."""
        return pick_translation({"en": value, **(self.value_names or {}).get(value, {})})
