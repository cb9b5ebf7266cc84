"""UPR recommendations in the search, with the themes, goals and groups OHCHR tagged."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from hrcities.search.registry import DocumentData, register

from .models import UprRecommendation

# The first year of each UPR cycle, for the date facet.
CYCLE_STARTS = {1: 2008, 2: 2012, 3: 2017, 4: 2022}


def recommendation_document(recommendation: UprRecommendation) -> DocumentData:
    year = CYCLE_STARTS.get(recommendation.cycle)
    return DocumentData(
        title=str(recommendation),
        text=recommendation.text,
        language="en",
        url=recommendation.get_absolute_url(),
        extra=recommendation.cluster_theme,
        date_start=date(year, 1, 1) if year else None,
        labels=[
            *(f"theme:{theme.slug}" for theme in recommendation.themes.all()),
            *(f"sdg:{goal.number}" for goal in recommendation.sdg_goals.all()),
            *(f"group:{group.slug}" for group in recommendation.groups.all()),
        ],
    )


register(
    "upr-recommendation",
    UprRecommendation,
    document=recommendation_document,
    queryset=lambda: UprRecommendation.objects.prefetch_related("themes", "sdg_goals", "groups"),
    label=_("UPR recommendation"),
)
