"""Indicators and the versions of their definitions."""

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

from hrcities.core.languages import ReaderText, in_reader_language
from hrcities.core.models import VersionedModel, pick_translation
from hrcities.core.protection import Flag

from ..units import Unit
from .groupings import Domain

# Years an indicator's values may be given for.
FIRST_YEAR = 1900
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# Codes stand in addresses (/indicators/gwangju/1-3/) and CSV cells; these words are pages.
RESERVED_CODES = {"new", "import", "export.csv", "opensdg.zip", "domains", "dimensions"}
CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens and underscores, starting with a letter or digit."),
)


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
    description_ko = models.TextField(_("description in Korean"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. %, persons, per 1,000"))
    unit_ko = models.CharField(_("unit in Korean"), max_length=60, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=1, validators=[MaxValueValidator(6)]
    )
    data_owner = models.CharField(
        _("data owner"), max_length=200, blank=True, help_text=_("The department that measures.")
    )
    data_owner_ko = models.CharField(_("data owner in Korean"), max_length=200, blank=True)
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
    def shown_unit(self) -> Unit:
        return Unit(self.unit, self.unit_ko)

    @property
    def data_owner_text(self) -> ReaderText:
        return in_reader_language(self.data_owner, self.data_owner_ko)

    @property
    def description_text(self) -> ReaderText:
        return in_reader_language(self.description, self.description_ko)

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

    @property
    def formula_text(self) -> ReaderText:
        definition = self.current_definition
        return definition.formula_text if definition else ReaderText("")

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
    # Translations say the same method in Korean: changing them starts no new version.
    formula_ko = models.TextField(_("measurement formula in Korean"), blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    unit_ko = models.CharField(_("unit in Korean"), max_length=60, blank=True)
    from_year = models.PositiveSmallIntegerField(
        _("in force from"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    reason = models.TextField(_("why it changed"), blank=True)
    reason_ko = models.TextField(_("why it changed, in Korean"), blank=True)
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

    @property
    def shown_unit(self) -> Unit:
        return Unit(self.unit, self.unit_ko)

    @property
    def formula_text(self) -> ReaderText:
        return in_reader_language(self.formula, self.formula_ko)

    @property
    def reason_text(self) -> ReaderText:
        return in_reader_language(self.reason, self.reason_ko)


def pick_definition(
    definitions: list[IndicatorDefinition], year: int
) -> IndicatorDefinition | None:
    """Return the newest of `definitions` (oldest first) in force in `year`, else the first."""
    chosen = definitions[0] if definitions else None
    for definition in definitions:
        if definition.from_year is None or definition.from_year <= year:
            chosen = definition
    return chosen
