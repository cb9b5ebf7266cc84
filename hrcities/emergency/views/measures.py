"""Measures: the list with its filters, a measure's page, its form, its changes and sources."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.access.keepers import can_change, can_review, keeps, keeps_anything, require_review
from hrcities.archive.models import Item
from hrcities.archive.presenting import shown_title
from hrcities.archive.views.media import _serve
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.forms import add_model_errors
from hrcities.core.models import pick_translation
from hrcities.core.services import EditConflict
from hrcities.indicators.models import Indicator
from hrcities.network.models import City
from hrcities.taxonomy.views import tag_context

from .. import queries, services
from ..checklist import CRITERIA
from ..forms import FIELD_FOR, ChangeForm, MeasureForm, SourceForm
from ..models import ChangeKind, Emergency, Issue, Outcome, Source
from .common import change_state, confirm_page, may_add, may_set_access, owners_or_refuse

PAGE_SIZE = 20
FORM = "emergency/measure_form.html"


def _title_order() -> Any:
    language = (get_language() or "en").split("-")[0]
    return Coalesce(KT(f"titles__{language}"), KT("titles__en"), KT("titles__ko"))


SORTS = {
    "newest": lambda: ["-in_force_from", "-id"],
    "oldest": lambda: ["in_force_from", "id"],
    "title": lambda: [_title_order(), "id"],
    "sunset": lambda: [Coalesce("sunset_on", "lifted_on").asc(nulls_last=True), "id"],
}
FILTERS = ("city", "emergency", "issue", "state", "outcome", "sort")


def measure_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    visible = queries.visible_measures(user)
    measures = queries.with_latest_review(visible, user)
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    if chosen["city"]:
        measures = measures.filter(applies_in__slug=chosen["city"])
    if chosen["emergency"]:
        measures = measures.filter(emergency__slug=chosen["emergency"])
    if chosen["issue"]:
        measures = measures.filter(issues__slug=chosen["issue"])
    in_force = visible.in_force(today).values("pk")
    if chosen["state"] == "in-force":
        measures = measures.filter(pk__in=in_force)
    elif chosen["state"] == "not-in-force":
        measures = measures.exclude(pk__in=in_force)
    if chosen["outcome"] in Outcome.values:
        measures = measures.filter(latest_outcome=chosen["outcome"])
    elif chosen["outcome"] == "none":
        measures = measures.filter(latest_outcome__isnull=True)
    if chosen["sort"] not in SORTS:
        chosen["sort"] = "newest"
    measures = measures.distinct().select_related("applies_in", "emergency", "city", "organisation")
    page = Paginator(measures.order_by(*SORTS[chosen["sort"]]()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        **chosen,
        "page": page,
        "measures": [(m, m.is_in_force(today)) for m in page.object_list],
        "cities": City.objects.filter(pk__in=visible.values("applies_in")),
        "emergencies": Emergency.objects.filter(pk__in=visible.values("emergency")),
        "issues": Issue.objects.all(),
        "states": [("in-force", _("In force")), ("not-in-force", _("Not in force"))],
        "outcomes": [*Outcome.choices, ("none", _("Not reviewed"))],
        "sorts": [
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
            ("sunset", _("Sunset soonest")),
        ],
        "is_filtered": any(chosen[name] for name in FILTERS if name != "sort"),
        "show_status": keeps_anything(user),
        "may_add": may_add(user),
        "today": today,
    }
    return render(request, "emergency/measure_list.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    measure = queries.get_measure_for_user(user, pk)
    reviews = (
        queries.visible_reviews(user).filter(measure=measure).select_related("city", "organisation")
    )
    level = (
        (measure.policy_code.levels or {}).get(str(measure.policy_level))
        if (measure.policy_code and measure.policy_level is not None)
        else None
    )
    items = Item.objects.visible_to(user).filter(pk__in=measure.items.values("pk"))
    context = {
        "measure": measure,
        "is_in_force": measure.is_in_force(),
        "today": timezone.localdate(),
        "level_text": pick_translation(level) if level else "",
        "issues": measure.issues.all(),
        "groups": measure.target_groups.all(),
        "changes": measure.changes.all(),
        "sources": measure.sources.all(),
        "reviews": reviews,
        "items": [(item, shown_title(item, user)) for item in items],
        "actions": measure.actions.select_related("commitment"),
        "indicators": Indicator.objects.visible_to(user).filter(
            pk__in=measure.indicators.values("pk")
        ),
        "may_change": can_change(user, measure),
        "may_review": can_review(user, measure),
        "may_add_review": may_add(user),
        "keeps": keeps(user, measure),
        "criteria_count": len(CRITERIA),
        **tag_context(request, measure),
    }
    return render(request, "emergency/measure_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    cities, organisations = owners_or_refuse(user, _("measures"))
    options = {
        "cities": cities,
        "organisations": organisations,
        "may_set_access": may_set_access(user),
    }
    if request.method == "GET":
        initial: dict[str, Any] = {"original_language": "ko", "level": "city"}
        if cities.count() == 1 and not organisations.exists():
            city = cities.first()
            initial.update({"owner": f"city:{city.slug}", "applies_in": city.pk})
        return render(request, FORM, {"form": MeasureForm(initial=initial, **options)})
    form = MeasureForm(request.POST, **options)
    if form.is_valid():
        try:
            measure = services.create_measure(by=user, **form.values())
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The measure was saved as a draft."))
            return redirect(measure)
    return render(request, FORM, {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    measure = queries.get_measure_for_user(user, pk)
    services.require_change(user, measure)
    options = {
        "measure": measure,
        "may_set_access": can_review(user, measure),
        "dates_by_changes": measure.changes.exclude(kind=ChangeKind.INTRODUCED).exists(),
    }
    context: dict[str, Any] = {"measure": measure}
    if request.method == "GET":
        form = MeasureForm(initial=MeasureForm.initial_for(measure), **options)
        return render(request, FORM, {**context, "form": form})
    form = MeasureForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_measure(
                measure, form.values(), by=user, based_on_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, FORM, form, conflict, context, options=options, record_option="measure"
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect(measure)
    return render(request, FORM, {**context, "form": form}, status=400)


@login_required
@require_POST
def measure_submit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.get_measure_for_user(request.user, pk)
    return change_state(
        request, measure, services.submit_measure, _("“%(record)s” was sent to the reviewers.")
    )


@login_required
@require_POST
def measure_publish(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.get_measure_for_user(request.user, pk)
    return change_state(
        request,
        measure,
        services.publish_measure,
        _("“%(record)s” is published. Its access setting still decides who sees it."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    measure = queries.get_measure_for_user(user, pk)
    require_review(user, measure)
    return confirm_page(
        request,
        title=_("Delete “%(m)s”") % {"m": measure},
        consequences=[
            _("The measure is deleted with its %(c)s changes, %(s)s sources and %(r)s reviews.")
            % {
                "c": measure.changes.count(),
                "s": measure.sources.count(),
                "r": measure.reviews.count(),
            },
            _("Its last state is kept in the record history and can be restored by a keeper."),
        ],
        button=_("Delete the measure"),
        action=lambda: services.delete_measure(measure, by=user),
        done=_("“%(m)s” was deleted.") % {"m": measure},
        back=measure.get_absolute_url(),
        next_url=reverse("emergency:measure-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a measure was extended, amended or lifted."""
    user = request.user
    measure = queries.get_measure_for_user(user, pk)
    services.require_change(user, measure)
    form = ChangeForm(request.POST or None, initial={"version": measure.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_change(
                    measure,
                    by=user,
                    kind=data["kind"],
                    on=data["on"],
                    new_sunset=data.get("new_sunset"),
                    note=form.note(),
                    based_on_version=data["version"],
                )
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                add_model_errors(form, error, {"sunset_on": "new_sunset", "lifted_on": "on"})
            else:
                messages.success(request, _("The change was recorded."))
                return redirect(measure)
        status = 400
    context = {"measure": measure, "form": form}
    return render(request, "emergency/change_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    measure = queries.get_measure_for_user(user, pk)
    services.require_change(user, measure)
    form = SourceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_source(
                    measure,
                    by=user,
                    titles={"en": data["title_en"], "ko": data["title_ko"]},
                    upload=data.get("file"),
                    url=data.get("url") or "",
                )
            except ValidationError as error:
                add_model_errors(form, error, {"titles": "title_en"})
            else:
                messages.success(request, _("The source was added."))
                return redirect(measure)
        status = 400
    context = {"measure": measure, "form": form}
    return render(request, "emergency/source_form.html", context, status=status)


def _source_for_user(user: Any, pk: int) -> Source:
    source = get_object_or_404(Source.objects.select_related("measure"), pk=pk)
    if not queries.visible_measures(user).filter(pk=source.measure_id).exists():
        raise Http404(_("No such source."))
    return source


def source_file(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source_for_user(request.user, pk)
    if not source.file:
        raise Http404(_("This source is a link, not a file."))
    public = queries.visible_measures(AnonymousUser()).filter(pk=source.measure_id).exists()
    return _serve(source.file, source.content_type, source.original_name, public=public)


@login_required
@require_http_methods(["GET", "POST"])
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    source = _source_for_user(user, pk)
    measure = source.measure
    services.require_change(user, measure)
    return confirm_page(
        request,
        title=_("Delete the source “%(s)s”") % {"s": source},
        consequences=[
            _("The source is taken off the measure's page, with its file if it has one."),
            _("Reviews that cited it keep their text."),
        ],
        button=_("Delete the source"),
        action=lambda: services.delete_source(source, by=user),
        done=_("The source was deleted."),
        back=measure.get_absolute_url(),
        next_url=measure.get_absolute_url(),
    )
