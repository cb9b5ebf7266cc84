"""Yearly values of indicators, for everyone or for a group."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hrcities.core.languages import ReaderText, in_reader_language
from hrcities.core.models import VersionedModel

from ..units import Unit
from .indicators import YEAR_VALIDATORS, Indicator, IndicatorDefinition


def disaggregation_key(disaggregation: dict[str, str] | None) -> str:
    """Return the canonical text of a disaggregation ("" for the total), for uniqueness."""
    if not disaggregation:
        return ""
    return "|".join(f"{slug}={value}" for slug, value in sorted(disaggregation.items()) if value)


class ObservationQuerySet(models.QuerySet):
    def totals(self) -> ObservationQuerySet:
        """Return the values for the whole population (no disaggregation)."""
        return self.filter(disaggregation_key="")

    def visible_to(self, user: Any) -> ObservationQuerySet:
        """Return the values of the indicators the user may read: an unpublished
        indicator's values are hidden with it."""
        return self.filter(indicator__in=Indicator.objects.visible_to(user).values("pk"))


class Observation(VersionedModel):
    """An indicator's value for one year (or period within it) and one group of people."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    definition = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("definition version"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    period = models.CharField(
        _("period"),
        max_length=20,
        blank=True,
        help_text=_("Leave empty for the whole year; otherwise e.g. Q1, H2."),
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("Leave empty for the indicator's unit.")
    )
    unit_ko = models.CharField(_("unit in Korean"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_ko = models.CharField(_("source in Korean"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    note_ko = models.TextField(_("note in Korean"), blank=True)
    # {dimension slug: value}; empty for the total.
    disaggregation = models.JSONField(_("disaggregation"), default=dict, blank=True)
    disaggregation_key = models.CharField(max_length=500, blank=True, default="", editable=False)
    is_demo = models.BooleanField(default=False)

    objects = ObservationQuerySet.as_manager()

    revision_exclude = (*VersionedModel.revision_exclude, "disaggregation_key")

    class Meta:
        ordering = ["indicator", "year", "period", "disaggregation_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period", "disaggregation_key"],
                name="one_observation_per_year_and_group",
            )
        ]
        indexes = [models.Index(fields=["indicator", "disaggregation_key", "year"])]

    def __str__(self) -> str:
        group = f" ({self.disaggregation_key})" if self.disaggregation_key else ""
        period = f" {self.period}" if self.period else ""
        return f"{self.indicator.code} {self.year}{period}{group}: {self.value}"

    def scope(self) -> tuple[Any, Any]:
        return (self.indicator.city, None)

    @property
    def is_total(self) -> bool:
        return not self.disaggregation_key

    @property
    def shown_unit(self) -> Unit:
        """Return the value's own unit (a group counted in another unit), else the
        indicator's."""
        return Unit(self.unit, self.unit_ko) if self.unit else self.indicator.shown_unit

    @property
    def source_text(self) -> ReaderText:
        return in_reader_language(self.source, self.source_ko)

    @property
    def note_text(self) -> ReaderText:
        return in_reader_language(self.note, self.note_ko)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.disaggregation = {k: v for k, v in (self.disaggregation or {}).items() if v}
        self.disaggregation_key = disaggregation_key(self.disaggregation)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "disaggregation" in update_fields:
            kwargs["update_fields"] = {*update_fields, "disaggregation_key"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.disaggregation_key = disaggregation_key(self.disaggregation)
        if self.unit_ko and not self.unit:
            raise ValidationError(
                {
                    "unit": _(
                        "Give the unit in English too, or leave both empty for the "
                        "indicator's unit."
                    )
                }
            )
        if self.definition_id and self.definition.indicator_id != self.indicator_id:
            raise ValidationError(
                {"definition": _("This definition belongs to another indicator.")}
            )
