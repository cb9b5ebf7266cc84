"""A programme's sessions: each run with its participants and evaluation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hrcities.core.conflicts import render_edit_conflict
from hrcities.core.dates import format_day
from hrcities.core.forms import add_model_errors
from hrcities.core.services import EditConflict

from .. import queries, services
from ..forms import SessionForm
from .editing import confirm_page
from .programmes import _group_rows

FORM = "education/session_form.html"


def _require_record(user: Any, programme: Any) -> None:
    if not services.may_record_sessions(user, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s record how “%(programme)s” ran.")
            % {"owner": programme.owner, "programme": programme}
        )


def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = queries.get_session_for_user(request.user, slug, pk)
    programme = session.programme
    one = programme.sessions.filter(pk=session.pk)
    context = {
        "programme": programme,
        "session": session,
        "groups": _group_rows(programme, one),
        "files": session.files.all(),
        "may_record": services.may_record_sessions(request.user, programme),
    }
    return render(request, "education/session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    programme = queries.get_programme_for_user(user, slug)
    _require_record(user, programme)
    options = {"dimensions": services.count_dimensions(programme)}
    context: dict[str, Any] = {"programme": programme}
    if request.method == "GET":
        initial = {"city": programme.city_id, "is_online": programme.format == "online"}
        return render(request, FORM, {**context, "form": SessionForm(initial=initial, **options)})
    form = SessionForm(request.POST, **options)
    if form.is_valid():
        try:
            session = services.add_session(
                programme, by=user, counts=form.counts(), **form.values()
            )
        except ValidationError as error:
            add_model_errors(form, error, form.error_fields())
        else:
            messages.success(request, _("The session was recorded."))
            return redirect(session)
    return render(request, FORM, {**context, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    session = queries.get_session_for_user(user, slug, pk)
    programme = session.programme
    _require_record(user, programme)
    options = {"dimensions": services.count_dimensions(programme), "session": session}
    context: dict[str, Any] = {"programme": programme, "session": session}
    if request.method == "GET":
        form = SessionForm(initial=SessionForm.initial_for(session), **options)
        return render(request, FORM, {**context, "form": form})
    form = SessionForm(request.POST, **options)
    if form.is_valid():
        try:
            services.update_session(
                session,
                form.values(),
                by=user,
                based_on_version=form.cleaned_data["version"],
                counts=form.counts(),
            )
        except EditConflict as conflict:
            return render_edit_conflict(
                request, FORM, form, conflict, context, options=options, record_option="session"
            )
        except ValidationError as error:
            add_model_errors(form, error, form.error_fields())
        else:
            messages.success(request, _("The session was saved."))
            return redirect(session)
    return render(request, FORM, {**context, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    session = queries.get_session_for_user(user, slug, pk)
    programme = session.programme
    _require_record(user, programme)
    return confirm_page(
        request,
        record=session,
        title=_("Delete the session of %(day)s") % {"day": format_day(session.starts_on)},
        consequences=[
            _("The session, its %(n)s participants' counts and its evaluation files are deleted.")
            % {"n": session.participants},
            _("The programme's totals and the annual report no longer count it."),
            _("Its last state is kept in the record history."),
        ],
        button=_("Delete the session"),
        action=lambda: services.delete_session(session, by=user),
        done=_("The session was deleted."),
        back=session.get_absolute_url(),
        next_url=programme.get_absolute_url(),
    )
