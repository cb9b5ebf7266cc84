"""The timeline: items and events by decade, year and month, filtered by city, theme and
kind, with the periods that hold records and their counts."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import ExtractMonth, ExtractYear, Floor, RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hrcities.network.models import City
from hrcities.taxonomy.models import HumanRightsTheme, Tagging, TagStatus

from ..models import Event, Item, ItemKind
from ..presenting import present_item

LEVELS = ("decade", "year", "month")
# Entries shown under each heading when a page holds several periods; the heading links
# to the period itself, where all its entries are listed page by page.
GROUP_CAP = 20
PAGE_SIZE = 50
EVENT_KIND = "event"
PERIOD_PATTERN = re.compile(r"^(?:(?P<decade>\d{3}0)s|(?P<year>\d{4})(?:-(?P<month>\d{2}))?)$")


@dataclass(frozen=True, order=True)
class Period:
    """A decade, a year or a month of the timeline."""

    year: int
    month: int = 0
    level: str = "year"

    @classmethod
    def parse(cls, text: str) -> Period | None:
        match = PERIOD_PATTERN.match((text or "").strip())
        if not match:
            return None
        if match["decade"]:
            return cls(int(match["decade"]), 0, "decade")
        year, month = int(match["year"]), int(match["month"] or 0)
        if year < 1 or not 0 <= month <= 12:
            return None
        return cls(year, month, "month") if month else cls(year, 0, "year")

    @classmethod
    def containing(cls, year: int, month: int, level: str) -> Period:
        if level == "decade":
            return cls(year - year % 10, 0, "decade")
        if level == "year":
            return cls(year, 0, "year")
        return cls(year, month, "month")

    @property
    def start(self) -> date:
        return date(max(self.year, 1), self.month or 1, 1)

    @property
    def end(self) -> date:
        if self.level == "decade":
            return date(self.year + 9, 12, 31)
        if self.level == "year":
            return date(self.year, 12, 31)
        # December 9999 ends on the last day there is: no "first day of the next month".
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def param(self) -> str:
        if self.level == "decade":
            return f"{self.year}s"
        if self.level == "year":
            return str(self.year)
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        if self.level == "decade":
            return _("%(decade)ss") % {"decade": self.year}
        if self.level == "year":
            return str(self.year)
        return date_format(self.start, "YEAR_MONTH_FORMAT")

    @property
    def parent(self) -> Period | None:
        if self.level == "month":
            return Period(self.year, 0, "year")
        if self.level == "year":
            return Period(self.year - self.year % 10, 0, "decade")
        return None

    def ancestry(self) -> list[Period]:
        """Return the periods from the widest down to this one (1980s, 1980, May 1980)."""
        chain: list[Period] = [self]
        while chain[0].parent is not None:
            chain.insert(0, chain[0].parent)  # type: ignore[arg-type]
        return chain


def _finer(level: str | None) -> str:
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)] if level else LEVELS[0]


def _zoom_for(period: Period | None, asked: str) -> str:
    """Return the grouping: as asked when it is one of the period's levels, else one finer."""
    allowed = [period.level, _finer(period.level)] if period else [LEVELS[0]]
    return asked if asked in allowed else _finer(period.level if period else None)


@dataclass
class TimelineEntry:
    title: str
    url: str
    kind: str
    date_text: str
    is_approximate: bool
    city: str
    start: date
    end: date | None

    def sort_key(self) -> tuple[date, date, str]:
        return (self.start, self.end or self.start, self.title.casefold())


@dataclass
class TimelineGroup:
    period: Period
    count: int
    entries: list[TimelineEntry]
    zoom_url: str

    @property
    def is_capped(self) -> bool:
        return self.count > len(self.entries)


def _tagged(model: type, theme: str) -> QuerySet:
    return Tagging.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        label=f"theme:{theme}",
        status=TagStatus.ACCEPTED,
    ).values("object_id")


def _filtered(request: HttpRequest, filters: dict[str, str]) -> tuple[QuerySet, QuerySet]:
    """Return the dated items and events this reader may see, with the filters applied."""
    items = Item.objects.visible_to(request.user).filter(date_start__isnull=False)
    events = Event.objects.visible_to(request.user).filter(date_start__isnull=False)
    if filters["city"]:
        in_city = Q(city__slug=filters["city"]) | Q(organisation__city__slug=filters["city"])
        items, events = items.filter(in_city), events.filter(in_city)
    if filters["theme"]:
        items = items.filter(pk__in=_tagged(Item, filters["theme"]))
        events = events.filter(pk__in=_tagged(Event, filters["theme"]))
    if filters["kind"] == EVENT_KIND:
        items = items.none()
    elif filters["kind"]:
        items, events = items.filter(kind=filters["kind"]), events.none()
    return items, events


def _counts(querysets: tuple[QuerySet, ...], zoom: str) -> dict[Period, int]:
    counts: dict[Period, int] = {}
    for qs in querysets:
        rows = (
            qs.order_by()
            .annotate(y=ExtractYear("date_start"), m=ExtractMonth("date_start"))
            .values("y", "m")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            period = Period.containing(row["y"], row["m"], zoom)
            counts[period] = counts.get(period, 0) + row["n"]
    return counts


def _partition(zoom: str) -> list[Any]:
    year = ExtractYear("date_start")
    if zoom == "decade":
        # Floor: PostgreSQL's EXTRACT gives a numeric, so "/" alone would not divide whole.
        return [Floor(year / Value(10))]
    if zoom == "year":
        return [year]
    return [year, ExtractMonth("date_start")]


def _first_of_each(qs: QuerySet, zoom: str, cap: int) -> QuerySet:
    """Return at most `cap` records of each period, in date order, in one query."""
    ranked = qs.annotate(
        rank=Window(
            RowNumber(),
            partition_by=_partition(zoom),
            order_by=[F("date_start").asc(), F("date_end").asc(nulls_first=True), F("pk").asc()],
        )
    )
    return ranked.filter(rank__lte=cap)


def _city_name(record: Any) -> str:
    if record.city is not None:
        return record.city.name
    organisation = record.organisation
    if organisation is None:
        return ""
    return organisation.city.name if organisation.city else organisation.name


def _entries(items: QuerySet, events: QuerySet, user: Any) -> list[TimelineEntry]:
    related = ("city", "organisation__city")
    entries = []
    for item in items.select_related(*related, "narrator").prefetch_related(
        "redactions", "person_roles__person"
    ):
        view = present_item(item, user)
        entries.append(
            TimelineEntry(
                title=view.title,
                url=view.get_absolute_url(),
                kind=item.get_kind_display(),
                date_text=item.date_text,
                is_approximate=item.date_is_approximate,
                city=_city_name(item),
                start=item.date_start,
                end=item.date_end,
            )
        )
    for event in events.select_related(*related):
        entries.append(
            TimelineEntry(
                title=event.title,
                url=event.get_absolute_url(),
                kind=_("Event"),
                date_text=event.date_text,
                is_approximate=event.date_is_approximate,
                city=_city_name(event),
                start=event.date_start,
                end=event.date_end,
            )
        )
    return sorted(entries, key=TimelineEntry.sort_key)


def _timeline_url(filters: dict[str, str], **changes: str) -> str:
    query = {key: value for key, value in {**filters, **changes}.items() if value}
    return "?" + urlencode(query) if query else "?"


def _theme_choices(user: Any) -> list[HumanRightsTheme]:
    """Return the themes accepted on at least one record this reader may see."""
    labels = set()
    for model in (Item, Event):
        labels.update(
            Tagging.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                status=TagStatus.ACCEPTED,
                label__startswith="theme:",
                object_id__in=model.objects.visible_to(user).values("pk"),
            ).values_list("label", flat=True)
        )
    slugs = [label.removeprefix("theme:") for label in labels]
    return sorted(HumanRightsTheme.objects.filter(slug__in=slugs), key=lambda t: t.display_name)


def _city_choices(user: Any) -> list[City]:
    """Return the cities that keep at least one dated record this reader may see."""
    ids: set[int] = set()
    for model in (Item, Event):
        rows = (
            model.objects.visible_to(user)
            .filter(date_start__isnull=False)
            .values_list("city", "organisation__city")
        )
        ids.update(pk for pair in rows.distinct() for pk in pair if pk)
    return sorted(City.objects.filter(pk__in=ids), key=lambda c: c.name.casefold())


def timeline(request: HttpRequest) -> HttpResponse:
    """Show events and dated items across cities in date order, grouped by period."""
    filters = {
        "city": request.GET.get("city", "").strip(),
        "theme": request.GET.get("theme", "").strip(),
        "kind": request.GET.get("kind", "").strip(),
    }
    if filters["kind"] not in (EVENT_KIND, *ItemKind.values):
        filters["kind"] = ""
    period = Period.parse(request.GET.get("period", ""))
    zoom = _zoom_for(period, request.GET.get("zoom", ""))
    items, events = _filtered(request, filters)
    if period:
        items = items.filter(date_start__range=(period.start, period.end))
        events = events.filter(date_start__range=(period.start, period.end))
    in_range = {**filters, "period": period.param if period else ""}

    counts = _counts((items, events), zoom)
    page = None
    if period and zoom == period.level:
        # One period on the page: all its entries, page by page.
        page = Paginator(_entries(items, events, request.user), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        groups = (
            [TimelineGroup(period, sum(counts.values()), list(page.object_list), "")]
            if counts
            else []
        )
    else:
        entries = _entries(
            _first_of_each(items, zoom, GROUP_CAP),
            _first_of_each(events, zoom, GROUP_CAP),
            request.user,
        )
        groups = []
        for key in sorted(counts):
            inside = [e for e in entries if key.start <= e.start <= key.end][:GROUP_CAP]
            groups.append(
                TimelineGroup(key, counts[key], inside, _timeline_url(filters, period=key.param))
            )

    crumbs = [(_("All periods"), _timeline_url(filters))]
    if period:
        crumbs += [(p.label, _timeline_url(filters, period=p.param)) for p in period.ancestry()]
    finest = period.level if period else None
    zooms = [
        (level, label, _timeline_url(in_range, zoom=level))
        for level, label in (("decade", _("decade")), ("year", _("year")), ("month", _("month")))
        if level in ([finest, _finer(finest)] if finest else [LEVELS[0]])
    ]
    context = {
        "filters": filters,
        "period": period,
        "zoom": zoom,
        "zooms": zooms,
        "groups": groups,
        "page": page,
        "total": sum(counts.values()),
        "crumbs": crumbs,
        "can_zoom_in": zoom != LEVELS[-1] or (period is not None and zoom != period.level),
        "cities": _city_choices(request.user),
        "themes": _theme_choices(request.user),
        "kinds": [(EVENT_KIND, _("Event")), *ItemKind.choices],
        "is_filtered": any(filters.values()),
        "clear_url": _timeline_url({}, period=in_range["period"]),
    }
    template = (
        "archive/_timeline_results.html"
        if request.headers.get("HX-Request")
        else "archive/timeline.html"
    )
    return render(request, template, context)
