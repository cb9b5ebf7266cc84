"""The network registry: countries, cities, organisations, networks, memberships,
focal points and partnerships."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hrcities.core.models import VersionedModel, pick_translation

from .names import preferred_korean_name

CONTINENTS = {
    "AF": _("Africa"),
    "AN": _("Antarctica"),
    "AS": _("Asia"),
    "EU": _("Europe"),
    "NA": _("North America"),
    "OC": _("Oceania"),
    "SA": _("South America"),
}


class Country(models.Model):
    """An ISO 3166-1 country (reference data)."""

    iso2 = models.CharField(max_length=2, primary_key=True)
    iso3 = models.CharField(max_length=3, unique=True)
    numeric = models.CharField(max_length=3, blank=True)
    name_en = models.CharField(max_length=200)
    name_ko = models.CharField(max_length=200, blank=True)
    continent = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "en").startswith("ko") and self.name_ko:
            return self.name_ko
        return self.name_en

    @property
    def continent_name(self) -> str:
        return str(CONTINENTS.get(self.continent, self.continent))


class GeoNamesPlace(models.Model):
    """A populated place from the GeoNames cities15000 file, for offline look-up."""

    geonames_id = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=200, db_index=True)
    # Lower-case, accents removed ("bogota" for "Bogotá"), so look-up needs no accents.
    ascii_name = models.CharField(max_length=200, blank=True, db_index=True)
    # Every Hangul name GeoNames knows, joined by "|" ("광주|광주광역시|광주시").
    name_ko = models.CharField(max_length=300, blank=True)
    country_code = models.CharField(max_length=2, db_index=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.PositiveBigIntegerField(default=0)
    timezone = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-population"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})"

    @property
    def korean_names(self) -> list[str]:
        return [name for name in self.name_ko.split("|") if name]

    @property
    def preferred_korean_name(self) -> str:
        """Return the Hangul name most likely to be the city's everyday name."""
        return preferred_korean_name(self.korean_names)


class Network(VersionedModel):
    """A network of cities, e.g. the Global Alliance of Cities Against Racism."""

    slug = models.SlugField(max_length=80, unique=True)
    names = models.JSONField(default=dict, help_text=_("Name per language code, e.g. en, ko."))
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug


class CityQuerySet(models.QuerySet["City"]):
    def search(self, text: str) -> CityQuerySet:
        """Return the cities whose name (in any language) or country contains `text`."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(names__en__icontains=text)
            | models.Q(names__ko__icontains=text)
            | models.Q(slug__icontains=text)
            | models.Q(country__name_en__icontains=text)
            | models.Q(country__name_ko__icontains=text)
        )

    def in_network(self, slug: str) -> CityQuerySet:
        return self.filter(memberships__network__slug=slug).distinct()

    def on_continent(self, code: str) -> CityQuerySet:
        return self.filter(country__continent=code)

    def located(self) -> CityQuerySet:
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class City(VersionedModel):
    """A human rights city (or one working towards becoming one)."""

    slug = models.SlugField(max_length=80, unique=True)
    geonames_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    names = models.JSONField(default=dict, help_text=_("Name per language code, e.g. en, ko."))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cities")
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    population = models.PositiveBigIntegerField(null=True, blank=True)
    year_declared = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
        help_text=_("Year the city declared itself a human rights city, if known."),
    )
    declaration_note = models.TextField(blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug

    def get_absolute_url(self) -> str:
        return reverse("network:city-detail", args=[self.slug])

    def scope(self) -> tuple[Any, Any]:
        return (self, None)


class OrganisationKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local-government", _("Local government")
    GOVERNMENT_DEPARTMENT = "government-department", _("Local government department")
    CIVIL_SOCIETY = "civil-society", _("Civil society organisation")
    UN_BODY = "un-body", _("UN body")
    EDUCATION_CENTRE = "education-centre", _("Human rights education centre")
    NHRI = "nhri", _("National human rights institution")
    ACADEMIC = "academic", _("University or research institute")
    MEMORIAL = "memorial", _("Memorial foundation or archive")
    NETWORK_SECRETARIAT = "network-secretariat", _("Network secretariat")
    OTHER = "other", _("Other")


class Organisation(VersionedModel):
    slug = models.SlugField(max_length=80, unique=True)
    names = models.JSONField(default=dict, help_text=_("Name per language code, e.g. en, ko."))
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations"
    )
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names) or self.slug

    def get_absolute_url(self) -> str:
        return reverse("network:organisation-detail", args=[self.slug])

    def scope(self) -> tuple[Any, Any]:
        return (None, self)


MEMBERSHIP_YEARS = [MinValueValidator(1945), MaxValueValidator(2100)]


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FOUNDING_MEMBER = "founding-member", _("Founding member")
    STEERING_COMMITTEE = "steering-committee", _("Steering committee")
    CHAIR = "chair", _("Chair or co-chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    OBSERVER = "observer", _("Observer")


class Membership(VersionedModel):
    """A city or organisation belonging to a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_year = models.PositiveSmallIntegerField(
        _("year joined"), null=True, blank=True, validators=MEMBERSHIP_YEARS
    )
    left_year = models.PositiveSmallIntegerField(
        _("year left"),
        null=True,
        blank=True,
        validators=MEMBERSHIP_YEARS,
        help_text=_("Leave empty while the membership lasts."),
    )
    role = models.CharField(
        _("role"), max_length=30, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(city__isnull=False, organisation__isnull=True)
                    | models.Q(city__isnull=True, organisation__isnull=False)
                ),
                name="membership_city_xor_organisation",
            ),
            models.UniqueConstraint(fields=["network", "city"], name="unique_city_membership"),
            models.UniqueConstraint(
                fields=["network", "organisation"], name="unique_organisation_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city or self.organisation} in {self.network}"

    def scope(self) -> tuple[Any, Any]:
        return (self.city, self.organisation)

    @property
    def member(self) -> Any:
        return self.city or self.organisation

    @property
    def is_current(self) -> bool:
        return self.left_year is None

    def clean(self) -> None:
        if self.joined_year and self.left_year and self.left_year < self.joined_year:
            raise ValidationError({"left_year": _("The year left is before the year joined.")})


class FocalPoint(VersionedModel):
    """The person a city or organisation names as its contact for a network."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="focal_points"
    )
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return self.name

    def scope(self) -> tuple[Any, Any]:
        return self.membership.scope()


class Partnership(VersionedModel):
    """A partnership between two cities (twinning, joint programme, ...)."""

    class Kind(models.TextChoices):
        SISTER_CITY = "sister-city", _("Sister or friendship city")
        JOINT_PROGRAMME = "joint-programme", _("Joint programme")
        EXCHANGE = "exchange", _("Exchange of experience")
        OTHER = "other", _("Other")

    city_a = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    city_b = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EXCHANGE)
    since_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-since_year", "id"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(city_a=models.F("city_b")), name="partnership_two_cities"
            ),
            models.UniqueConstraint(fields=["city_a", "city_b", "kind"], name="unique_partnership"),
        ]

    def __str__(self) -> str:
        return f"{self.city_a} – {self.city_b}"

    def scope(self) -> tuple[Any, Any]:
        return (self.city_a, None)
