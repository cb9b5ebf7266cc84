"""The search page: the same search as the API, as a GET form that works without JavaScript."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .params import ParameterError, filters_from
from .services import FACETS, Filters, search

PER_PAGE = 20
MAX_PAGE = 500
FACET_TITLES = {
    "kind": _("Kind of record"),
    "city": _("City"),
    "sdg": _("SDG goal"),
    "theme": _("Human rights theme"),
    "group": _("Affected group"),
    "sector": _("Sector (World Programme phase)"),
    "audience": _("Sector or audience"),
    "format": _("Format"),
    "emergency": _("Emergency"),
    "issue": _("Right or issue"),
    "outcome": _("Outcome of the latest review"),
    "in_force": _("In force"),
    "lang": _("Language"),
    "decade": _("Date"),
}
SORT_CHOICES = [("relevance", _("Relevance")), ("date", _("Date, newest first"))]


class ResultsPage:
    """What `_pagination.html` needs, for a page of search results."""

    def __init__(self, number: int, count: int) -> None:
        self.number = number
        self.paginator = self
        self.num_pages = max(1, math.ceil(count / PER_PAGE))

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(text: str | None) -> int:
    try:
        return min(max(int(text or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in ("relevance", "date") else "relevance"
    number = _page_number(request.GET.get("page"))
    error = ""
    try:
        filters = filters_from(
            {facet: request.GET.getlist(facet) for facet in FACETS},
            request.GET.get("from"),
            request.GET.get("to"),
            include_suggested=request.GET.get("suggested") == "on",
        )
    except ParameterError as problem:
        error = problem.detail
        filters = Filters(**{facet: request.GET.getlist(facet)[:20] for facet in FACETS})
    results = search(
        request.user, q, filters=filters, sort=sort, limit=PER_PAGE, offset=(number - 1) * PER_PAGE
    )
    facets: list[dict[str, Any]] = [
        {"name": facet, "title": FACET_TITLES[facet], "values": results.facets[facet]}
        for facet in FACETS
        if results.facets[facet]
    ]
    context = {
        "q": q,
        "results": results,
        "facets": facets,
        "sort": sort,
        "sorts": SORT_CHOICES,
        "error": error,
        "date_from": request.GET.get("from", "")[:20],
        "date_to": request.GET.get("to", "")[:20],
        "is_filtered": not filters.is_empty(),
        "include_suggested": filters.include_suggested,
        "has_query": bool(q.strip()) or not filters.is_empty(),
        "page": ResultsPage(number, results.count),
        "first_number": (number - 1) * PER_PAGE + 1,
    }
    return render(request, "search/search.html", context)
