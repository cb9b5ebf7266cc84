"""The reference vocabularies over the API: read by anyone, themes and groups edited by
network admins."""

from collections.abc import Callable
from typing import Any, Literal

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hrcities.accounts.permissions import require_network_admin
from hrcities.core.apiutils import InputSchema, LimitOffset, api_user, read_auth, write_auth

from .models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    UprRecommendation,
    translated,
)
from .services import create_entry, delete_entry, update_entry

router = Router(tags=["taxonomy"])

LANG_HELP = "Language of `title` (e.g. `ko`, `fr`, `zh-Hans`); default: the request's language."


def _lang(context: dict[str, Any] | None) -> str | None:
    request = (context or {}).get("request")
    return request.GET.get("lang") or None if request is not None else None


class TargetOut(Schema):
    code: str
    goal: int = Field(..., alias="goal.number")
    title: str
    titles: dict[str, str]

    @staticmethod
    def resolve_title(obj: SdgTarget, context: dict[str, Any]) -> str:
        return translated(obj.titles, _lang(context))


class IndicatorOut(Schema):
    code: str
    goal: int = Field(..., alias="goal.number")
    target: str = Field(..., alias="target.code")
    title: str
    titles: dict[str, str]
    canonical: str | None = Field(None, description="The first code of this indicator.")
    also_under: list[str] = Field(..., description="Other codes of the same indicator.")

    @staticmethod
    def resolve_title(obj: SdgIndicator, context: dict[str, Any]) -> str:
        return translated(obj.titles, _lang(context))

    @staticmethod
    def resolve_canonical(obj: SdgIndicator) -> str | None:
        return obj.canonical.code if obj.canonical_id else None


class TargetWithIndicatorsOut(TargetOut):
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj: SdgTarget) -> Any:
        return obj.indicators.all()


class GoalOut(Schema):
    number: int
    title: str
    short_title: str
    titles: dict[str, str]
    short_titles: dict[str, str]

    @staticmethod
    def resolve_title(obj: SdgGoal, context: dict[str, Any]) -> str:
        return translated(obj.titles, _lang(context))

    @staticmethod
    def resolve_short_title(obj: SdgGoal, context: dict[str, Any]) -> str:
        return translated(obj.short_titles, _lang(context))


class GoalDetailOut(GoalOut):
    targets: list[TargetWithIndicatorsOut]

    @staticmethod
    def resolve_targets(obj: SdgGoal) -> Any:
        return obj.targets.all()


class ThemeOut(Schema):
    slug: str
    name: str
    display_name: str = Field(..., description="The name in the requested language.")
    names: dict[str, str]
    aliases: list[str]
    legacy_codes: list[str]
    category: str
    version: int

    @staticmethod
    def resolve_display_name(obj: HumanRightsTheme, context: dict[str, Any]) -> str:
        return translated({"en": obj.name, **(obj.names or {})}, _lang(context))


class ThemeIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200)
    slug: str | None = Field(None, max_length=120, description="Default: made from the name.")
    names: dict[str, str] = {}
    aliases: list[str] = []
    legacy_codes: list[str] = []
    category: str = ""


class ThemePatch(InputSchema):
    version: int = Field(..., description="The version you edited (edit conflict check).")
    name: str | None = Field(None, min_length=1, max_length=200)
    names: dict[str, str] | None = None
    aliases: list[str] | None = None
    legacy_codes: list[str] | None = None
    category: str | None = None


class GroupOut(Schema):
    slug: str
    name: str
    display_name: str
    names: dict[str, str]
    aliases: list[str]
    version: int

    @staticmethod
    def resolve_display_name(obj: AffectedGroup, context: dict[str, Any]) -> str:
        return translated({"en": obj.name, **(obj.names or {})}, _lang(context))


class GroupIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200)
    slug: str | None = Field(None, max_length=120)
    names: dict[str, str] = {}
    aliases: list[str] = []


class GroupPatch(InputSchema):
    version: int = Field(..., description="The version you edited (edit conflict check).")
    name: str | None = Field(None, min_length=1, max_length=200)
    names: dict[str, str] | None = None
    aliases: list[str] | None = None


class RecommendationOut(Schema):
    id: int
    country: str
    cycle: int
    session: int
    paragraph: str
    text: str
    position: str
    source_of_position: str
    cluster_theme: str
    themes: list[str] = Field(..., description="Theme slugs.")
    sdg_goals: list[int]
    groups: list[str] = Field(..., description="Affected group slugs.")
    legacy_themes: list[str]

    @staticmethod
    def resolve_themes(obj: UprRecommendation) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_sdg_goals(obj: UprRecommendation) -> list[int]:
        return [goal.number for goal in obj.sdg_goals.all()]

    @staticmethod
    def resolve_groups(obj: UprRecommendation) -> list[str]:
        return [group.slug for group in obj.groups.all()]


def _indicators() -> Any:
    return SdgIndicator.objects.select_related("goal", "target", "canonical").prefetch_related(
        "repeats", "canonical__repeats"
    )


# --- SDGs --------------------------------------------------------------------------------


@router.get("/goals", response=list[GoalOut], auth=read_auth, summary="List the SDG goals")
@paginate(LimitOffset)
def list_goals(request: HttpRequest, lang: str | None = Query(None, description=LANG_HELP)) -> Any:
    return SdgGoal.objects.all()


@router.get(
    "/goals/{number}",
    response=GoalDetailOut,
    auth=read_auth,
    summary="One SDG goal with its targets and indicators",
)
def get_goal(
    request: HttpRequest, number: int, lang: str | None = Query(None, description=LANG_HELP)
) -> Any:
    from django.db.models import Prefetch

    targets = SdgTarget.objects.select_related("goal").prefetch_related(
        Prefetch("indicators", queryset=_indicators())
    )
    return get_object_or_404(
        SdgGoal.objects.prefetch_related(Prefetch("targets", queryset=targets)), number=number
    )


@router.get("/targets", response=list[TargetOut], auth=read_auth, summary="List SDG targets")
@paginate(LimitOffset)
def list_targets(
    request: HttpRequest,
    goal: int | None = Query(None, description="SDG goal number."),
    lang: str | None = Query(None, description=LANG_HELP),
) -> Any:
    targets = SdgTarget.objects.select_related("goal")
    return targets.filter(goal__number=goal) if goal else targets


@router.get(
    "/indicators", response=list[IndicatorOut], auth=read_auth, summary="List SDG indicators"
)
@paginate(LimitOffset)
def list_indicators(
    request: HttpRequest,
    goal: int | None = Query(None, description="SDG goal number."),
    target: str | None = Query(None, description="SDG target code, e.g. 11.5."),
    lang: str | None = Query(None, description=LANG_HELP),
) -> Any:
    indicators = _indicators()
    if goal:
        indicators = indicators.filter(goal__number=goal)
    if target:
        indicators = indicators.filter(target__code=target)
    return indicators


@router.get(
    "/indicators/{code}", response=IndicatorOut, auth=read_auth, summary="One SDG indicator"
)
def get_indicator(
    request: HttpRequest, code: str, lang: str | None = Query(None, description=LANG_HELP)
) -> Any:
    return get_object_or_404(_indicators(), code=code)


# --- themes and groups -------------------------------------------------------------------


def _add_entry_endpoints(
    model: type[Model],
    plural: str,
    singular: str,
    *,
    out: type[Schema],
    new: type[Schema],
    patch: type[Schema],
    list_summary: str,
    name: str,
    a_name: str,
) -> None:
    """Add the five endpoints of a vocabulary that network admins edit: list, one, add,
    change and delete, at /<plural> and /<plural>/{slug}."""

    def named(verb: str, noun: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        # The name gives the operation id and the URL name, as if each had its own function.
        def rename(view: Callable[..., Any]) -> Callable[..., Any]:
            view.__name__ = view.__qualname__ = f"{verb}_{noun}"
            return view

        return rename

    @router.get(f"/{plural}", response=list[out], auth=read_auth, summary=list_summary)
    @paginate(LimitOffset)
    @named("list", plural)
    def list_entries(
        request: HttpRequest,
        q: str | None = Query(None, description="Name contains."),
        lang: str | None = Query(None, description=LANG_HELP),
    ) -> Any:
        entries = model.objects.all()
        return entries.filter(name__icontains=q) if q else entries

    @router.get(f"/{plural}/{{slug}}", response=out, auth=read_auth, summary=f"One {name}")
    @named("get", singular)
    def get_entry(
        request: HttpRequest, slug: str, lang: str | None = Query(None, description=LANG_HELP)
    ) -> Any:
        return get_object_or_404(model, slug=slug)

    @router.post(
        f"/{plural}",
        response={201: out},
        auth=write_auth,
        summary=f"Add {a_name} (network admins)",
    )
    @named("create", singular)
    def create(request: HttpRequest, payload: new) -> Any:  # type: ignore[valid-type]
        user = api_user(request)
        require_network_admin(user)
        return Status(201, create_entry(model, by=user, **payload.dict()))

    @router.patch(
        f"/{plural}/{{slug}}",
        response=out,
        auth=write_auth,
        summary=f"Change {a_name} (network admins)",
    )
    @named("update", singular)
    def update(request: HttpRequest, slug: str, payload: patch) -> Any:  # type: ignore[valid-type]
        user = api_user(request)
        require_network_admin(user)
        entry = get_object_or_404(model, slug=slug)
        changes = payload.dict(exclude_unset=True, exclude={"version"})
        return update_entry(entry, changes, by=user, based_on_version=payload.version)

    @router.delete(
        f"/{plural}/{{slug}}",
        response={204: None},
        auth=write_auth,
        summary=f"Delete {a_name} (network admins)",
    )
    @named("delete", singular)
    def delete(request: HttpRequest, slug: str) -> Any:
        user = api_user(request)
        require_network_admin(user)
        delete_entry(get_object_or_404(model, slug=slug), by=user)
        return Status(204, None)


_add_entry_endpoints(
    HumanRightsTheme,
    "themes",
    "theme",
    out=ThemeOut,
    new=ThemeIn,
    patch=ThemePatch,
    list_summary="List the human rights themes",
    name="human rights theme",
    a_name="a human rights theme",
)
_add_entry_endpoints(
    AffectedGroup,
    "groups",
    "group",
    out=GroupOut,
    new=GroupIn,
    patch=GroupPatch,
    list_summary="List affected groups",
    name="affected group",
    a_name="an affected group",
)


# --- recommendations ---------------------------------------------------------------------


@router.get(
    "/recommendations",
    response=list[RecommendationOut],
    auth=read_auth,
    summary="List UPR recommendations, filtered",
)
@paginate(LimitOffset)
def list_recommendations(
    request: HttpRequest,
    q: str | None = Query(None, description="Text contains (or the paragraph number)."),
    cycle: int | None = Query(None, description="UPR cycle, e.g. 3."),
    position: Literal["Supported", "Noted"] | None = Query(None),
    theme: str | None = Query(None, description="Human rights theme slug."),
    goal: int | None = Query(None, description="SDG goal number."),
    group: str | None = Query(None, description="Affected group slug."),
    sort: Literal["paragraph", "-paragraph", "cycle", "-cycle"] | None = Query(None),
) -> Any:
    return (
        UprRecommendation.objects.filtered(
            q=q, cycle=cycle, position=position, theme=theme, goal=goal, group=group
        )
        .sorted_by(sort)
        .distinct()
        .with_published_tags()
    )


@router.get(
    "/recommendations/{recommendation_id}",
    response=RecommendationOut,
    auth=read_auth,
    summary="One UPR recommendation",
)
def get_recommendation(request: HttpRequest, recommendation_id: int) -> Any:
    return get_object_or_404(UprRecommendation.objects.with_published_tags(), pk=recommendation_id)
