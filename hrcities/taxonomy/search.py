"""UPR recommendations in the search, with the themes, goals and groups OHCHR tagged and
the network's own tags."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrcities.search.indexing import suggested_label, tag_labels
from hrcities.search.registry import DocumentData, register, register_facet_names

from .models import AffectedGroup, HumanRightsTheme, SdgGoal, UprRecommendation

# The first year of each UPR cycle, for the date facet.
CYCLE_STARTS = {1: 2008, 2: 2012, 3: 2017, 4: 2022}
# A result is titled by the recommendation's own first words, about one line.
TITLE_WORDS = 12


def first_words(text: str, count: int = TITLE_WORDS) -> str:
    """Return the first `count` words of `text`, with "…" when there are more."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(",;:") + "…"


def recommendation_source(recommendation: UprRecommendation) -> dict[str, str]:
    """Return where the recommendation comes from, in each language of the platform."""
    lines = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines[code] = gettext("%(country)s, UPR cycle %(cycle)s, paragraph %(paragraph)s") % {
                "country": recommendation.country,
                "cycle": recommendation.cycle,
                "paragraph": recommendation.paragraph,
            }
    return lines


def recommendation_labels(recommendation: UprRecommendation) -> set[str]:
    """Return the facet labels: OHCHR's tags count as accepted, and the network's as theirs.

    A suggestion of a goal OHCHR gave already (an SDG target brings its goal along) is not
    also listed as suggested, so the recommendation never counts twice under one goal.
    """
    published = recommendation.published_labels()
    repeats = {suggested_label(label) for label in published}
    return published | {label for label in tag_labels(recommendation) if label not in repeats}


def recommendation_document(recommendation: UprRecommendation) -> DocumentData:
    year = CYCLE_STARTS.get(recommendation.cycle)
    return DocumentData(
        title=first_words(recommendation.text) or str(recommendation),
        subtitles=recommendation_source(recommendation),
        text=recommendation.text,
        language="en",
        url=recommendation.get_absolute_url(),
        # The country, cycle and paragraph stay searchable: "Slovenia 122.153" finds it.
        extra=f"{recommendation} {recommendation.cluster_theme}",
        date_start=date(year, 1, 1) if year else None,
        labels=recommendation_labels(recommendation),
    )


register(
    "upr-recommendation",
    UprRecommendation,
    document=recommendation_document,
    queryset=lambda: UprRecommendation.objects.with_published_tags().prefetch_related("taggings"),
    label=_("UPR recommendation"),
)


def goal_names(values: list[str]) -> dict[str, str]:
    numbers = [int(v) for v in values if v.isdigit()]
    return {str(g.number): str(g) for g in SdgGoal.objects.filter(number__in=numbers)}


def theme_names(slugs: list[str]) -> dict[str, str]:
    return {t.slug: t.display_name for t in HumanRightsTheme.objects.filter(slug__in=slugs)}


def group_names(slugs: list[str]) -> dict[str, str]:
    return {g.slug: g.display_name for g in AffectedGroup.objects.filter(slug__in=slugs)}


register_facet_names("sdg", goal_names)
register_facet_names("theme", theme_names)
register_facet_names("group", group_names)
