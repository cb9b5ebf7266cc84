"""Programmes for our city: other cities' programmes ranked by what they share with a city.

What a city works on is read from its own records the reader may see (its indicators,
actions, archive items and events, and its own programmes): their accepted tags (human
rights themes, affected groups, SDG targets and goals), the languages it works in, the
audiences it already teaches, and its indicators that worsened on the year before (the
indicators' own year-on-year change, `indicators.status`). A programme scores for each
of these it shares, and every point comes with the reason shown beside it.

Candidates and the city's records both go through `visible_to(reader)`, so no score,
order or reason depends on a record the reader may not see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hrcities.archive.models import Event, Item
from hrcities.commitments.models import Action
from hrcities.core.languages import language_names
from hrcities.indicators.models import Indicator
from hrcities.indicators.progress import city_progress
from hrcities.indicators.status import Change
from hrcities.taxonomy.models import Tagging
from hrcities.taxonomy.tags import describe

from .models import Programme

# Points per thing shared: a theme or group names what a programme is about more closely
# than a goal does; a worsened indicator is the city's most pressing reason.
POINTS = {
    "theme": 3,
    "group": 3,
    "sdg-target": 2,
    "sdg": 1,
    "language": 2,
    "audience": 2,
    "worsened": 4,
}
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass
class Reason:
    kind: str  # one of POINTS
    points: int
    text: str


@dataclass
class Recommendation:
    programme: Programme
    reasons: list[Reason]

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


@dataclass
class WorsenedIndicator:
    indicator: Indicator
    labels: set[str]
    year: int
    previous: Any
    latest: Any


@dataclass
class CityProfile:
    """What a city works on, as one reader may see it."""

    city: Any
    labels: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    audiences: dict[int, str] = field(default_factory=dict)
    worsened: list[WorsenedIndicator] = field(default_factory=list)


def _with_goals(labels: Iterable[str]) -> set[str]:
    """Return the labels with the goal of every SDG target among them."""
    labels = set(labels)
    goals = {
        "sdg:" + label.split(":", 1)[1].split(".")[0]
        for label in labels
        if label.startswith("sdg-target:")
    }
    return labels | goals


def _accepted_labels(model: type[Model], pks: Iterable[Any]) -> dict[Any, set[str]]:
    """Return the accepted tag labels of these records of one kind, by record id."""
    found: dict[Any, set[str]] = {}
    rows = Tagging.objects.accepted().filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(pks)
    )
    for object_id, label in rows.values_list("object_id", "label"):
        found.setdefault(object_id, set()).add(label)
    return found


def programme_labels(programme: Programme) -> set[str]:
    """Return what a programme is about: its accepted tags and target groups."""
    labels = {t.label for t in programme.taggings.all() if t.status == "accepted"}
    labels |= {f"group:{group.slug}" for group in programme.target_groups.all()}
    return _with_goals(labels)


def _indicator_labels(indicators: list[Indicator]) -> dict[int, set[str]]:
    tags = _accepted_labels(Indicator, [i.pk for i in indicators])
    labels = {}
    for indicator in indicators:
        targets = {f"sdg-target:{s.target.code}" for s in indicator.sdg_indicators.all()}
        labels[indicator.pk] = _with_goals(tags.get(indicator.pk, set()) | targets)
    return labels


def city_profile(city: Any, user: Any) -> CityProfile:
    """Return what the city works on, read from its records that `user` may see."""
    profile = CityProfile(city)
    own = list(
        Programme.objects.visible_to(user)
        .filter(city=city)
        .prefetch_related("taggings", "target_groups", "audiences")
    )
    for programme in own:
        profile.labels |= programme_labels(programme)
        profile.languages |= set(programme.languages or [])
        profile.audiences.update({a.pk: a.name for a in programme.audiences.all()})
    for model, records in (
        (Item, Item.objects.visible_to(user).filter(city=city)),
        (Event, Event.objects.visible_to(user).filter(city=city)),
        (Action, Action.objects.filter(city=city)),
    ):
        for labels in _accepted_labels(model, records.values_list("pk", flat=True)).values():
            profile.labels |= _with_goals(labels)
    profile.languages |= set(
        Item.objects.visible_to(user).filter(city=city).values_list("original_language", flat=True)
    )
    # A city without records in a language yet still speaks the one its name is written in.
    profile.languages |= {code for code in city.names or {} if code != "en"} or {"en"}

    indicators = Indicator.objects.filter(city=city).prefetch_related("sdg_indicators__target")
    progress = city_progress(city, user=user, indicators=indicators)
    chosen = [item.indicator for item in progress.indicators]
    labels = _indicator_labels(chosen)
    for item in progress.indicators:
        profile.labels |= labels[item.indicator.pk]
        status = item.status
        if status.year_on_year == Change.WORSENED and status.latest and status.previous:
            profile.worsened.append(
                WorsenedIndicator(
                    item.indicator,
                    labels[item.indicator.pk],
                    status.latest.year,
                    status.previous,
                    status.latest,
                )
            )
    return profile


def _names(labels: Iterable[str]) -> str:
    described = describe(labels)
    return ", ".join(
        sorted((described[label].name if label in described else label) for label in labels)
    )


# The sentence given for the tags of each kind a programme shares with the city.
SHARED_TAGS = {
    "theme": gettext_noop("Shares human rights themes with %(city)s’s records: %(names)s."),
    "group": gettext_noop("Serves groups %(city)s works with: %(names)s."),
    "sdg-target": gettext_noop("Works toward the same SDG targets: %(names)s."),
    "sdg": gettext_noop("Works toward the same SDGs: %(names)s."),
}


def _shared_tags(shared: set[str], city: str) -> list[Reason]:
    targets = {label for label in shared if label.startswith("sdg-target:")}
    # A goal shared only through a shared target is said once, with the target.
    covered = _with_goals(targets) - targets
    reasons = []
    for kind, sentence in SHARED_TAGS.items():
        labels = sorted(label for label in shared - covered if label.partition(":")[0] == kind)
        if labels:
            names = (
                ", ".join(label.partition(":")[2] for label in labels)
                if kind == "sdg-target"
                else _names(labels)
            )
            reasons.append(
                Reason(
                    kind, POINTS[kind] * len(labels), _(sentence) % {"city": city, "names": names}
                )
            )
    return reasons


def _reasons(programme: Programme, profile: CityProfile) -> list[Reason]:
    labels = programme_labels(programme)
    city = str(profile.city)
    reasons = _shared_tags(labels & profile.labels, city)
    taught = set(programme.languages or []) | {programme.original_language}
    languages = taught & profile.languages
    if languages:
        reasons.append(
            Reason(
                "language",
                POINTS["language"],
                _("Taught in %(languages)s.") % {"languages": language_names(languages)},
            )
        )
    audiences = sorted(
        profile.audiences[a.pk] for a in programme.audiences.all() if a.pk in profile.audiences
    )
    if audiences:
        reasons.append(
            Reason(
                "audience",
                POINTS["audience"] * len(audiences),
                _("For an audience %(city)s already teaches: %(names)s.")
                % {"city": city, "names": ", ".join(audiences)},
            )
        )
    # The indicators a programme says it moves name what it is about too.
    linked = {i.pk for i in programme.indicators.all()}
    moves = labels | _with_goals(
        f"sdg-target:{s.target.code}"
        for i in programme.indicators.all()
        for s in i.sdg_indicators.all()
    )
    for worse in profile.worsened:
        if worse.indicator.pk in linked or worse.labels & moves:
            reasons.append(Reason("worsened", POINTS["worsened"], _worsened_text(worse)))
    return reasons


def _worsened_text(worse: WorsenedIndicator) -> str:
    text = _("Addresses “%(indicator)s”, which worsened in %(year)s (%(before)s → %(now)s).")
    return text % {
        "indicator": worse.indicator.name,
        "year": worse.year,
        "before": _figure(worse.previous.value),
        "now": _figure(worse.latest.value),
    }


def _figure(value: Any) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


def candidates(city: Any, user: Any) -> QuerySet[Programme]:
    """Return the programmes of others that `user` may see and that still run."""
    return (
        Programme.objects.visible_to(user)
        .current()
        .exclude(city=city)
        .select_related("city", "organisation")
        .prefetch_related(
            Prefetch("taggings", queryset=Tagging.objects.accepted()),
            "target_groups",
            "audiences",
            "indicators__sdg_indicators__target",
        )
    )


def programmes_for_city(
    city: Any, user: Any, *, limit: int = DEFAULT_LIMIT
) -> list[Recommendation]:
    """Return the programmes that share most with the city, best first, with the reasons.

    A programme that shares nothing with the city is left out. Ties keep the order of
    their titles.
    """
    profile = city_profile(city, user)
    ranked = []
    for programme in candidates(city, user):
        reasons = _reasons(programme, profile)
        if reasons:
            ranked.append(Recommendation(programme, reasons))
    ranked.sort(key=lambda r: (-r.score, r.programme.title.casefold(), r.programme.pk))
    return ranked[: max(1, min(limit, MAX_LIMIT))]
