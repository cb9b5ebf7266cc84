"""A city's human rights indicators, their versioned definitions and yearly observations.

An indicator belongs to one city and sits in one of the city's domains (Gwangju groups
its indicators by the five domains of its Human Rights Charter). What an indicator
measures, and how, is its definition: changing the formula or the unit starts a new
definition version, and each observation keeps the version it was measured under.
Observations are yearly values, for the whole population (no disaggregation) or for a
group (sex, age group, disability, migrant status, district, or a dimension a city adds).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel, pick_translation
from hrcities.core.protection import Flag

# Years an indicator's values may be given for.
FIRST_YEAR = 1900
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# Codes stand in addresses (/indicators/gwangju/1-3/) and CSV cells; these words are pages.
RESERVED_CODES = {"new", "import", "export.csv", "domains", "dimensions"}
CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens and underscores, starting with a letter or digit."),
)


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


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")


class IndicatorKind(models.TextChoices):
    """OHCHR's three kinds of human rights indicators."""

    STRUCTURE = "structure", _("Structure")
    PROCESS = "process", _("Process")
    OUTCOME = "outcome", _("Outcome")


class IndicatorQuerySet(models.QuerySet):
    def published(self) -> IndicatorQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any) -> IndicatorQuerySet:
        """Return what the user may read: published indicators, plus drafts of their cities."""
        if getattr(user, "is_authenticated", False):
            if user.is_network_admin:
                return self
            cities = user.roles.filter(city__isnull=False).values("city")
            return self.filter(Q(is_published=True) | Q(city__in=cities))
        return self.published()


class Indicator(VersionedModel):
    """Something a city measures every year to show how a human right is kept."""

    city = models.ForeignKey("network.City", on_delete=models.PROTECT, related_name="indicators")
    domain = models.ForeignKey(
        Domain,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("domain"),
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[CODE_VALIDATOR],
        help_text=_("Short and unique in the city, e.g. 1-3 or GJ-HR-07; used in CSV files."),
    )
    names = models.JSONField(_("name"), default=dict, help_text=_("Name per language code."))
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. %, persons, per 1,000"))
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=1, validators=[MaxValueValidator(6)]
    )
    data_owner = models.CharField(
        _("data owner"), max_length=200, blank=True, help_text=_("The department that measures.")
    )
    polarity = models.CharField(
        _("direction"), max_length=10, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    kind = models.CharField(
        _("type"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OUTCOME
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished indicators are seen by editors only."),
    )
    is_demo = models.BooleanField(default=False)
    sdg_indicators = models.ManyToManyField(
        "taxonomy.SdgIndicator",
        blank=True,
        related_name="city_indicators",
        verbose_name=_("SDG indicators"),
    )
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        blank=True,
        related_name="indicators",
        verbose_name=_("commitments"),
    )
    actions = models.ManyToManyField(
        "commitments.Action", blank=True, related_name="indicators", verbose_name=_("actions")
    )
    taggings = GenericRelation("taxonomy.Tagging")

    objects = IndicatorQuerySet.as_manager()
    # Restoring a revision never publishes an indicator its editors took back.
    protective_state = (Flag("is_published", protects=False),)

    class Meta:
        ordering = ["city", "domain__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="one_indicator_code_per_city")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", args=[self.city.slug, self.code])

    def scope(self) -> tuple[Any, Any]:
        return (self.city, None)

    def history_is_visible_to(self, user: Any) -> bool:
        return Indicator.objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.code

    @property
    def is_lower_better(self) -> bool:
        return self.polarity == Polarity.LOWER_IS_BETTER

    @property
    def baseline(self) -> tuple[int, Decimal] | None:
        """Return the baseline as (year, value), or None unless both are given."""
        if self.baseline_year is None or self.baseline_value is None:
            return None
        return (self.baseline_year, self.baseline_value)

    @property
    def target(self) -> tuple[int, Decimal] | None:
        """Return the target as (year, value), or None unless both are given."""
        if self.target_year is None or self.target_value is None:
            return None
        return (self.target_year, self.target_value)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.pop("_current_definition", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def current_definition(self) -> IndicatorDefinition | None:
        """Return the newest definition version (None before the first is stored)."""
        cached = getattr(self, "_current_definition", None)
        if cached is None and self.pk:
            cached = self.definitions.order_by("-number").first()
            self._current_definition = cached
        return cached

    @property
    def formula(self) -> str:
        definition = self.current_definition
        return definition.formula if definition else ""

    def definition_for_year(self, year: int) -> IndicatorDefinition | None:
        """Return the definition a new observation of `year` is measured under.

        That is the newest version in force from that year or earlier; a year before the
        first version's `from_year` takes the first version.
        """
        return pick_definition(list(self.definitions.order_by("number")), year)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (self.baseline_year is None) != (self.baseline_value is None):
            field = "baseline_value" if self.baseline_value is None else "baseline_year"
            errors[field] = _("Give the baseline's year and value together.")
        if (self.target_year is None) != (self.target_value is None):
            field = "target_value" if self.target_value is None else "target_year"
            errors[field] = _("Give the target's year and value together.")
        if self.baseline_year and self.target_year and self.target_year <= self.baseline_year:
            errors["target_year"] = _("The target year must come after the baseline year.")
        if self.domain_id and self.domain and self.domain.city_id != self.city_id:
            errors["domain"] = _("This domain belongs to another city.")
        if self.code in RESERVED_CODES:
            errors["code"] = _("“%(code)s” is reserved; choose another code.") % {"code": self.code}
        if not pick_translation(self.names):
            errors["names"] = _("An indicator needs a name.")
        if errors:
            raise ValidationError(errors)


class IndicatorDefinition(models.Model):
    """One version of how an indicator is measured; never edited once observations use it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="definitions")
    number = models.PositiveSmallIntegerField(_("version"))
    formula = models.TextField(_("measurement formula"))
    unit = models.CharField(_("unit"), max_length=60)
    from_year = models.PositiveSmallIntegerField(
        _("in force from"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    reason = models.TextField(_("why it changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "number"], name="one_definition_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} v{self.number}"


def pick_definition(
    definitions: list[IndicatorDefinition], year: int
) -> IndicatorDefinition | None:
    """Return the newest of `definitions` (oldest first) in force in `year`, else the first."""
    chosen = definitions[0] if definitions else None
    for definition in definitions:
        if definition.from_year is None or definition.from_year <= year:
            chosen = definition
    return chosen


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
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
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
    def shown_unit(self) -> str:
        return self.unit or self.indicator.unit

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.disaggregation = {k: v for k, v in (self.disaggregation or {}).items() if v}
        self.disaggregation_key = disaggregation_key(self.disaggregation)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "disaggregation" in update_fields:
            kwargs["update_fields"] = {*update_fields, "disaggregation_key"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.disaggregation_key = disaggregation_key(self.disaggregation)
        if self.definition_id and self.definition.indicator_id != self.indicator_id:
            raise ValidationError(
                {"definition": _("This definition belongs to another indicator.")}
            )
