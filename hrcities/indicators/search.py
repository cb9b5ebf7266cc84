"""Published indicators in the search, with their accepted tags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import tag_labels
from hrcities.search.registry import DocumentData, Source, register

from .models import Indicator, IndicatorDefinition


def indicator_document(indicator: Indicator) -> DocumentData | None:
    # Unpublished indicators are drafts that only the city's editors see: not in search.
    if not indicator.is_published:
        return None
    names = indicator.names or {}
    title = names.get("en") or indicator.name
    other_names = " ".join(text for language, text in names.items() if text != title)
    definition = indicator.current_definition
    return DocumentData(
        title=f"{indicator.code} {title}",
        titles={code: f"{indicator.code} {name}" for code, name in names.items() if name},
        text="\n".join(
            part
            for part in (indicator.description, definition.formula if definition else "")
            if part
        ),
        language="en" if names.get("en") else next(iter(names), "en"),
        url=indicator.get_absolute_url(),
        # Names in other languages, and the Korean texts, are found by search too.
        extra=" ".join(
            part
            for part in (
                other_names,
                indicator.data_owner,
                indicator.data_owner_ko,
                indicator.unit,
                indicator.unit_ko,
                indicator.description_ko,
                definition.formula_ko if definition else "",
            )
            if part
        ),
        city=indicator.city,
        labels=tag_labels(indicator),
    )


register(
    "indicator",
    Indicator,
    document=indicator_document,
    queryset=lambda: Indicator.objects.select_related("city").prefetch_related("taggings"),
    label=_("Indicator"),
    # The current definition's formula is part of the document.
    sources=[Source(IndicatorDefinition, lambda definition: [definition.indicator_id])],
)
