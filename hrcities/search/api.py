"""`GET /api/search`: one search over every kind of record, with facets."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from hrcities.core.apiutils import api_user, read_auth

from .params import ParameterError, filters_from
from .services import search

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str = Field(description="Record kind: city, organisation, declaration, clause, ...")
    id: int = Field(description="The record's id within its kind.")
    title: str
    subtitle: str = Field(
        "",
        description="A line under the title, in the reader's language: where the record "
        "comes from when its title is its own words (a UPR recommendation's country, cycle "
        "and paragraph). Empty for most kinds.",
    )
    url: str = Field(description="The record's page.")
    snippet: str = Field(
        description="HTML: an escaped extract of the original text with <mark> around matches."
    )
    date: datetime.date | None = Field(description="The record's date (start of its span), if any.")
    city: str | None = Field(description="Slug of the record's city, if any.")
    score: float = Field(description="Fused relevance score (higher is better); 0 when by date.")
    by_meaning: bool = Field(
        False,
        description="Found by meaning alone: the record holds none of the words as typed "
        "(a record in another language, or one using a near-synonym).",
    )


class FacetValueOut(Schema):
    value: str = Field(description="Send this back as the facet's parameter to filter by it.")
    label: str
    count: int


class FacetsOut(Schema):
    kind: list[FacetValueOut]
    city: list[FacetValueOut]
    sdg: list[FacetValueOut] = Field(description="SDG goals, by number.")
    theme: list[FacetValueOut] = Field(description="UN human rights themes (UHRI), by slug.")
    group: list[FacetValueOut] = Field(description="Affected groups, by slug.")
    sector: list[FacetValueOut] = Field(
        description="Sectors of education programmes: the phase of the UN World Programme "
        "for Human Rights Education that names their audiences, by phase number."
    )
    audience: list[FacetValueOut] = Field(
        description="Sectors and audiences of education programmes (UN World Programme for "
        "Human Rights Education), by slug."
    )
    format: list[FacetValueOut] = Field(
        description="Formats of education programmes: in-person, online, blended."
    )
    emergency: list[FacetValueOut] = Field(
        description="Emergencies that measures answer (covid-19, heat-wave, ...), by slug."
    )
    issue: list[FacetValueOut] = Field(
        description="Rights and civic-space issues that measures touch, by slug."
    )
    outcome: list[FacetValueOut] = Field(
        description="Outcome of a measure's latest published review that every reader of the "
        "measure may read: compatible, concerns, incompatible, or unreviewed."
    )
    in_force: list[FacetValueOut] = Field(
        description="Measures in force (yes) or not (no) on the day they were last indexed."
    )
    lang: list[FacetValueOut] = Field(description="Languages, BCP 47.")
    decade: list[FacetValueOut] = Field(description="Decades of the records' dates: 1980s.")


class SearchOut(Schema):
    q: str
    count: int = Field(description="Number of results (at most 10,000; see next field).")
    count_is_lower_bound: bool = Field(
        description=(
            "True when there are more than `count`; the facet counts and the ranking then "
            "cover the newest 10,000 matches, so each facet count is a lower bound."
        )
    )
    message: str = Field(description="Why nothing was searched for, when the query was empty.")
    notes: list[str] = Field(description="Changes made to the query (e.g. shortened).")
    sort: str
    limit: int
    offset: int
    semantic: bool = Field(
        description="True when matching by meaning (sentence vectors, and the query words' "
        "translations and near-synonyms) changed the results page."
    )
    results: list[HitOut]
    facets: FacetsOut


class SearchParams(Schema):
    q: str = Field("", description='Words; "a phrase"; a OR b; -leave_out. Up to 500 characters.')
    kind: list[str] = Field([], description="Only these kinds (repeat for several).")
    city: list[str] = Field([], description="Only these cities, by slug.")
    sdg: list[str] = Field([], description="Only records tagged with these SDG goals (1–17).")
    theme: list[str] = Field([], description="Only these human rights themes, by slug.")
    group: list[str] = Field([], description="Only these affected groups, by slug.")
    sector: list[str] = Field(
        [],
        description="Only education programmes (and sessions) in the sectors of these phases "
        "of the World Programme for Human Rights Education, by number.",
    )
    audience: list[str] = Field(
        [], description="Only education programmes for these sectors or audiences, by slug."
    )
    format: list[str] = Field(
        [], description="Only education programmes in these formats (in-person, online, blended)."
    )
    emergency: list[str] = Field([], description="Only measures answering these emergencies.")
    issue: list[str] = Field([], description="Only measures touching these issues, by slug.")
    outcome: list[str] = Field(
        [],
        description="Only measures whose latest review has this outcome (compatible, "
        "concerns, incompatible, unreviewed).",
    )
    in_force: list[str] = Field([], description="Only measures in force (yes) or not (no).")
    lang: list[str] = Field([], description="Only records in these languages (BCP 47).")
    decade: list[str] = Field([], description="Only these decades, as 1980s.")
    date_from: str | None = Field(
        None, alias="from", description="From this year or date (1980, 1980-05-18)."
    )
    date_to: str | None = Field(None, alias="to", description="Up to this year or date.")
    sort: Literal["relevance", "date"] = "relevance"
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)
    semantic: bool = Field(True, description="Also find records close in meaning, any language.")
    suggested: bool = Field(
        False,
        description=(
            "Also count and filter by SDG, theme and group tags that the tag suggester "
            "proposed and no one has confirmed yet (accepted tags only by default)."
        ),
    )


@router.get(
    "",
    response=SearchOut,
    auth=read_auth,
    summary="Search every kind of record",
    description=(
        "Searches archive items, declarations and their clauses, commitments and actions, "
        "cities, organisations and UPR recommendations, in Korean, English and other "
        "languages (words are matched in any inflected form). Results, `count` and facet "
        "counts include only what the caller may see. Query syntax: words (all must match), "
        '"a phrase", `a OR b`, `-word` to leave out. With `semantic=true` (the default, '
        "not with phrases) records close in meaning are found across languages, by their "
        "best passage, and the query's words are also looked for as their translations and "
        "near-synonyms; in relevance order both are fused into the ranking. A query with "
        "nothing to search for answers 200 with an explanation in `message`; bad parameters "
        "answer 422 problem details."
    ),
)
def search_records(request: HttpRequest, params: Query[SearchParams]) -> dict:
    try:
        filters = filters_from(
            {
                "kind": params.kind,
                "city": params.city,
                "sdg": params.sdg,
                "theme": params.theme,
                "group": params.group,
                "sector": params.sector,
                "audience": params.audience,
                "format": params.format,
                "emergency": params.emergency,
                "issue": params.issue,
                "outcome": params.outcome,
                "in_force": params.in_force,
                "lang": params.lang,
                "decade": params.decade,
            },
            params.date_from,
            params.date_to,
            include_suggested=params.suggested,
        )
    except ParameterError as error:
        raise ValidationError([{"loc": ["query", error.field], "msg": error.detail}]) from None
    results = search(
        api_user(request),
        params.q,
        filters=filters,
        sort=params.sort,
        limit=params.limit,
        offset=params.offset,
        use_semantic=params.semantic,
    )
    return {
        "q": results.q,
        "count": results.count,
        "count_is_lower_bound": results.count_is_lower_bound,
        "message": results.message,
        "notes": results.notes,
        "sort": results.sort,
        "limit": results.limit,
        "offset": results.offset,
        "semantic": results.is_semantic,
        "results": [{**hit.__dict__, "by_meaning": hit.is_by_meaning} for hit in results.hits],
        "facets": {
            facet: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for facet, values in results.facets.items()
        },
    }
