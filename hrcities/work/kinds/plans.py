"""A city's own work on its plans: actions past their due date, and indicator values
expected for the last full year that are still missing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrcities.accounts.permissions import EDIT_ROLES, REVIEW_ROLES
from hrcities.commitments.models import Action
from hrcities.indicators.models import Indicator, Observation

from ..registry import Kind, WorkItem, register
from .common import scoped_roles


def overdue_actions(user: Any, today: date) -> Any:
    return (
        Action.objects.overdue(today)
        .filter(scoped_roles(user, REVIEW_ROLES, Action))
        .order_by("due_date", "pk")
    )


def actions_overdue(user: Any, today: date) -> list[WorkItem]:
    """Actions of the user's city or organisation past their due date and not closed."""
    return [
        WorkItem(
            key=f"action:{action.pk}:{action.due_date.isoformat()}",
            title=action.title,
            url=action.get_absolute_url(),
            date=action.due_date,
        )
        for action in overdue_actions(user, today)
    ]


def expected_year(today: date) -> int:
    """The year whose values are due: the last full year."""
    return today.year - 1


def missing_values(user: Any, today: date) -> Any:
    """Indicators of the user's cities that report every year (a value or a baseline
    before the year) and have no total value for the expected year."""
    year = expected_year(today)
    reported = Observation.objects.filter(year=year, disaggregation_key="").values("indicator")
    earlier = Observation.objects.filter(year__lt=year).values("indicator")
    return (
        Indicator.objects.visible_to(user)
        .filter(scoped_roles(user, EDIT_ROLES, Indicator))
        .filter(Q(pk__in=earlier) | Q(baseline_year__lte=year))
        .exclude(pk__in=reported)
        .select_related("city")
        .order_by("city__slug", "position", "code")
    )


def indicator_values_missing(user: Any, today: date) -> list[WorkItem]:
    year = expected_year(today)
    return [
        WorkItem(
            key=f"indicator:{indicator.pk}:{year}",
            title=f"{indicator.code} {indicator.name}",
            url=reverse(
                "indicators:observation-create", args=[indicator.city.slug, indicator.code]
            ),
            date=date(year + 1, 1, 1),
            note=str(_("no value for %(year)s") % {"year": year}),
        )
        for indicator in missing_values(user, today)
    ]


ACTIONS = register(
    Kind(
        "actions",
        _("Actions past their due date"),
        _("Actions of your city or organisation whose due date has passed and are not closed."),
        actions_overdue,
        5,
        count=lambda user, today: overdue_actions(user, today).count(),
    )
)
INDICATORS = register(
    Kind(
        "indicators",
        _("Indicator values missing"),
        _("Indicators of your city with no value yet for the last full year."),
        indicator_values_missing,
        6,
        count=lambda user, today: missing_values(user, today).count(),
    )
)
