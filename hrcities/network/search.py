"""Cities and organisations in the search (public records of the registry)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import language_of
from hrcities.search.models import SearchDocument
from hrcities.search.registry import (
    DocumentData,
    Source,
    register,
    register_facet_names,
    register_shared_source,
)

from .models import City, Country, Organisation


def _names(names: dict[str, str], slug: str) -> str:
    return names.get("en") or names.get("ko") or next(iter(names.values()), "") or slug


def city_document(city: City) -> DocumentData:
    text = "\n".join(t for t in (city.description, city.declaration_note) if t)
    return DocumentData(
        title=_names(city.names, city.slug),
        titles=city.names,
        text=text,
        language=language_of(text),
        url=city.get_absolute_url(),
        extra=" ".join(
            [*city.names.values(), city.slug, city.country.name_en, city.country.name_ko]
        ),
        city=city,
        date_start=date(city.year_declared, 1, 1) if city.year_declared else None,
    )


def organisation_document(organisation: Organisation) -> DocumentData:
    return DocumentData(
        title=_names(organisation.names, organisation.slug),
        titles=organisation.names,
        text=organisation.description,
        language=language_of(organisation.description),
        url=organisation.get_absolute_url(),
        extra=" ".join([*organisation.names.values(), organisation.acronym, organisation.slug]),
        city=organisation.city,
        organisation=organisation,
    )


register(
    "city",
    City,
    document=city_document,
    queryset=lambda: City.objects.select_related("country"),
    label=_("City"),
    sources=[
        Source(
            Country,
            lambda country: City.objects.filter(country=country).values_list("pk", flat=True),
            fields=("name_en", "name_ko"),
        )
    ],
)
register(
    "organisation",
    Organisation,
    document=organisation_document,
    queryset=lambda: Organisation.objects.select_related("city"),
    label=_("Organisation"),
)


def city_label_source(kind: str) -> Source:
    """Every document's facet label "city:<slug>" reads its city's slug."""
    return Source(
        City,
        lambda city: SearchDocument.objects.filter(kind=kind, city=city).values_list(
            "object_id", flat=True
        ),
        fields=("slug",),
    )


def city_names(slugs: list[str]) -> dict[str, str]:
    return {c.slug: c.name for c in City.objects.filter(slug__in=slugs)}


register_shared_source(city_label_source)
register_facet_names("city", city_names)
