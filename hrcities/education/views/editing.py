"""Adding, changing, adapting, publishing, archiving and deleting programmes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hrcities.access.keepers import can_review, require_review
from hrcities.access.tiers import Publication
from hrcities.accounts.permissions import REVIEW_ROLES
from hrcities.archive.views.common import _owners, contribute_owners
from hrcities.archive.views.review import return_to_draft_page
from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.editing import confirm_page as core_confirm_page
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict

from .. import queries, services
from ..forms import FIELD_FOR, ProgrammeForm

FORM = "education/programme_form.html"


def _may_set_access(user: Any) -> bool:
    cities, organisations = _owners(user, REVIEW_ROLES)
    return cities.exists() or organisations.exists()


def _require_some_owner(user: Any) -> tuple[Any, Any]:
    cities, organisations = contribute_owners(user)
    if not cities.exists() and not organisations.exists():
        raise PermissionDenied(
            _("You may add programmes only for a city or organisation you contribute to.")
        )
    return cities, organisations


def _found(request: HttpRequest, context: dict[str, Any], options: dict[str, Any]) -> HttpResponse:
    """Show the form again as it was sent, with what its finders found; save nothing."""
    form = ProgrammeForm(initial=ProgrammeForm.initial_from(request.POST), **options)
    return render(request, FORM, {**context, "form": form, "found": True})


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    cities, organisations = _require_some_owner(user)
    options = {
        "cities": cities,
        "organisations": organisations,
        "city": cities.first() if cities.count() == 1 else None,
        "may_set_access": _may_set_access(user),
        "user": user,
    }
    if ProgrammeForm.finding(request.POST):
        return _found(request, {}, options)
    if request.method == "GET":
        initial: dict[str, Any] = {"original_language": "ko", "languages": "ko"}
        if options["city"] is not None and not organisations.exists():
            initial["owner"] = f"city:{options['city'].slug}"
        return render(request, FORM, {"form": ProgrammeForm(initial=initial, **options)})
    form = ProgrammeForm(request.POST, **options)
    if form.is_valid():
        try:
            programme = services.create_programme(by=user, **form.values())
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The programme was saved as a draft."))
            return redirect(programme)
    return render(request, FORM, {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    services.require_change(user, programme)
    options = {
        "cities": [],
        "organisations": [],
        "programme": programme,
        "may_set_access": can_review(user, programme),
        "user": user,
    }
    context: dict[str, Any] = {"programme": programme}
    if ProgrammeForm.finding(request.POST):
        return _found(request, context, options)
    if request.method == "GET":
        form = ProgrammeForm(initial=ProgrammeForm.initial_for(programme), **options)
        return render(request, FORM, {**context, "form": form})
    form = ProgrammeForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_programme(
                programme,
                form.values(),
                by=user,
                based_on_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, FORM, form, conflict, context, options=options, record_option="programme"
            )
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(programme)
    return render(request, FORM, {**context, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def programme_adapt(request: HttpRequest, slug: str) -> HttpResponse:
    """Start a programme of one's own city from one the user may see."""
    user = request.user
    source = queries.get_programme_for_user(user, slug)
    cities, organisations = _require_some_owner(user)
    city = cities.first() if cities.count() == 1 else None
    options = {
        "cities": cities,
        "organisations": organisations,
        "city": city,
        "may_set_access": _may_set_access(user),
        "adapting": True,
        "user": user,
    }
    context: dict[str, Any] = {"source": source}
    if ProgrammeForm.finding(request.POST):
        return _found(request, context, options)
    if request.method == "GET":
        initial = ProgrammeForm.initial_for(
            source, **services.adaptation_initial(source, user, city)
        )
        initial.update({"owner": f"city:{city.slug}" if city else "", "adaptation_kinds": []})
        initial.pop("version")
        return render(request, FORM, {**context, "form": ProgrammeForm(initial=initial, **options)})
    form = ProgrammeForm(request.POST, **options)
    if form.is_valid():
        values = form.values()
        try:
            programme = services.adapt_programme(source, by=user, **values)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            messages.success(
                request,
                _("Your adaptation of “%(source)s” was saved as a draft.") % {"source": source},
            )
            return redirect(programme)
    return render(request, FORM, {**context, "form": form}, status=400)


def _change_state(request: HttpRequest, slug: str, change: Any, done: str) -> HttpResponse:
    """Submit or publish a programme from its page; say what happened, or why not."""
    programme = queries.get_programme_for_user(request.user, slug)
    try:
        change(programme, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"programme": programme})
    return redirect(programme)


@login_required
@require_POST
def programme_submit(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_state(
        request, slug, services.submit_programme, _("“%(programme)s” was sent to the reviewers.")
    )


@login_required
@require_POST
def programme_publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_state(
        request,
        slug,
        services.publish_programme,
        _("“%(programme)s” is published. Its access setting still decides who sees it."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_return(request: HttpRequest, slug: str) -> HttpResponse:
    programme = queries.get_programme_for_user(request.user, slug)
    page = {"subnav": "education/_subnav.html", "extra_head": "education/_extra_head.html"}
    return return_to_draft_page(request, programme, back=programme.get_absolute_url(), context=page)


@login_required
@require_POST
def programme_unarchive(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_state(
        request, slug, services.unarchive_programme, _("“%(programme)s” is run again.")
    )


def confirm_page(request: HttpRequest, *, record: Any = None, **kwargs: Any) -> HttpResponse:
    """Ask before a deletion or an archiving; do it when the box is ticked and sent."""
    page = {"subnav": "education/_subnav.html", "extra_head": "education/_extra_head.html"}
    return core_confirm_page(request, context=page, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def programme_archive(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    require_review(user, programme)
    return confirm_page(
        request,
        record=programme,
        title=_("Archive “%(p)s”") % {"p": programme},
        consequences=[
            _("The programme is marked as no longer run."),
            _("Its page, sessions, materials and adaptations stay readable as a record."),
            _("You can run it again later from its page."),
        ],
        button=_("Archive the programme"),
        action=lambda: services.archive_programme(programme, by=user),
        done=_("“%(p)s” is archived.") % {"p": programme},
        back=programme.get_absolute_url(),
        next_url=programme.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_delete(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    require_review(user, programme)
    if programme.publication == Publication.PUBLISHED:
        messages.error(request, _("A published programme is archived, not deleted."))
        return redirect(reverse("education:programme-archive", args=[programme.slug]))
    sessions, materials = programme.sessions.count(), programme.materials.count()
    return confirm_page(
        request,
        record=programme,
        title=_("Delete “%(p)s”") % {"p": programme},
        consequences=[
            _("The draft is deleted with its %(s)s sessions and %(m)s materials and files.")
            % {"s": sessions, "m": materials},
            _("Its last state is kept in the record history and can be restored by a keeper."),
            _("Programmes adapted from it keep their text but lose the link to it."),
        ],
        button=_("Delete the draft"),
        action=lambda: services.delete_programme(programme, by=user),
        done=_("“%(p)s” was deleted.") % {"p": programme},
        back=programme.get_absolute_url(),
        next_url=reverse("education:programme-list"),
    )
