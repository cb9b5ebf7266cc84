"""The home page: every part of the platform with its live numbers, and the newest
records across the parts, as this reader may see them.

Every count and list of a part with access rules reads it through the part's own
`visible_to(user)`, so nothing a reader may not see is counted or named. Cities,
organisations, declarations and actions have no access rule: they are public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hrcities.access.tiers import Publication
from hrcities.archive.models import Item
from hrcities.archive.views.common import present_items
from hrcities.commitments.models import Action, Commitment, Declaration
from hrcities.education.models import Programme
from hrcities.emergency.models import Measure
from hrcities.indicators.models import Indicator
from hrcities.network.models import City, Organisation
from hrcities.reports.report import reports_available
from hrcities.taxonomy.models import HumanRightsTheme, SdgGoal, UprRecommendation

# The home page lists this many of the newest records, and no more than EACH_PART of one
# part, so that one busy part does not fill the list.
RECENT = 8
EACH_PART = 2
NEWEST = ("-created_at", "-id")
# Published and not withdrawn: what "recent activity" shows even to those who keep drafts.
PUBLISHED = Q(publication=Publication.PUBLISHED, is_withdrawn=False)


def part_counts(user: Any) -> dict[str, int]:
    """Return how many records of each part of the platform this reader may see."""
    reports = reports_available(user)
    return {
        "cities": City.objects.count(),
        "organisations": Organisation.objects.count(),
        "declarations": Declaration.objects.count(),
        "promises": Commitment.objects.count(),
        "actions": Action.objects.count(),
        "indicators": Indicator.objects.visible_to(user).count(),
        "reports": sum(len(city.years) for city in reports),
        "report_cities": len(reports),
        "records": Item.objects.visible_to(user).count(),
        "programmes": Programme.objects.visible_to(user).count(),
        "measures": Measure.objects.visible_to(user).count(),
        "goals": SdgGoal.objects.count(),
        "themes": HumanRightsTheme.objects.count(),
        "recommendations": UprRecommendation.objects.count(),
    }


@dataclass(frozen=True)
class Recent:
    """One of the newest records: what the home page says of it."""

    title: str
    kind: str
    url: str
    owner: Any  # the city it belongs to (or the organisation that keeps it), or None
    created_at: datetime
    is_demo: bool
    title_language: str = ""

    @property
    def added(self) -> date:
        return timezone.localtime(self.created_at).date()


def _records(rows: Iterable[Any], kind: str, owner: str) -> list[Recent]:
    return [
        Recent(
            str(row),
            kind,
            row.get_absolute_url(),
            getattr(row, owner),
            row.created_at,
            row.is_demo,
        )
        for row in rows
    ]


def recent_records(user: Any) -> list[Recent]:
    """Return the newest published records of every part this reader may see, newest
    first: at most RECENT, and EACH_PART of one part."""
    items = Item.objects.visible_to(user).filter(PUBLISHED).order_by(*NEWEST)[:EACH_PART]
    found = [
        Recent(
            view.title,
            view.item.get_kind_display(),
            view.get_absolute_url(),
            view.item.owner,
            view.item.created_at,
            view.item.is_demo,
            view.title_language,
        )
        for view in present_items(items, user)
    ]
    programmes = Programme.objects.visible_to(user).filter(PUBLISHED)
    found += _records(
        programmes.select_related("city", "organisation").order_by(*NEWEST)[:EACH_PART],
        _("Education programme"),
        "owner",
    )
    measures = Measure.objects.visible_to(user).filter(PUBLISHED)
    found += _records(
        measures.select_related("applies_in").order_by(*NEWEST)[:EACH_PART],
        _("Emergency measure"),
        "applies_in",
    )
    indicators = Indicator.objects.visible_to(user).filter(is_published=True)
    found += _records(
        indicators.select_related("city").order_by(*NEWEST)[:EACH_PART], _("Indicator"), "city"
    )
    actions = Action.objects.select_related("city", "organisation").order_by(*NEWEST)
    found += _records(actions[:EACH_PART], _("Action"), "owner")
    declarations = Declaration.objects.select_related("host_city").order_by(*NEWEST)
    found += _records(declarations[:EACH_PART], _("Declaration"), "host_city")
    found.sort(key=lambda record: record.created_at, reverse=True)
    return found[:RECENT]
