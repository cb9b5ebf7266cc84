"""Invitations: sent from the People pages, re-sent, revoked, and accepted from the link
in the email, where the invited person chooses their user name and password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hrcities.core.forms import add_model_errors

from ..forms import AcceptInvitationForm, InvitationForm
from ..models import User
from ..permissions import (
    get_invitation_for_user,
    managed_invitations,
    require_people_manager,
)
from ..services import (
    InvitationUnusable,
    accept_invitation,
    invitation_for_link,
    invite,
    resend_invitation,
    revoke_invitation,
)
from .people import PAGE_SIZE


@login_required
def invitation_create(request: HttpRequest) -> HttpResponse:
    require_people_manager(request.user)
    form = InvitationForm(
        request.POST or None, by=request.user, initial={"language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _secret = invite(
                data["email"],
                data["role"],
                by=request.user,
                city=data["city"],
                organisation=data["organisation"],
                language=data["language"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for 7 days.")
                % {"email": invitation.email},
            )
            return redirect("accounts:people")
    return render(request, "accounts/invitation_form.html", {"form": form})


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Every invitation the user may see, newest first, whatever became of it."""
    require_people_manager(request.user)
    invitations = managed_invitations(request.user).select_related(
        "city", "organisation", "invited_by", "accepted_by"
    )
    q = request.GET.get("q", "").strip()
    if q:
        invitations = invitations.filter(email__icontains=q)
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/invitation_list.html", {"page": page, "q": q})


@login_required
@require_POST
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    require_people_manager(request.user)
    invitation = get_invitation_for_user(request.user, invitation_id)
    try:
        resend_invitation(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation was sent again to %(email)s; the earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("accounts:people")


@login_required
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    require_people_manager(request.user)
    invitation = get_invitation_for_user(request.user, invitation_id)
    if request.method == "POST":
        try:
            revoke_invitation(invitation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
            )
        return redirect("accounts:people")
    return render(request, "accounts/invitation_revoke_confirm.html", {"invitation": invitation})


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page the emailed link opens: the invited person makes their account."""
    try:
        invitation = invitation_for_link(token)
    except InvitationUnusable as unusable:
        return _unusable(request, unusable)
    if request.user.is_authenticated:
        return render(
            request, "accounts/invitation_signed_in.html", {"invitation": invitation}, status=409
        )
    form = AcceptInvitationForm(
        request.POST or None,
        instance=User(email=invitation.email),
        initial={"preferred_language": invitation.language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accept_invitation(
                token,
                username=data["username"],
                password=data["password1"],
                display_name=data["display_name"],
                language=data["preferred_language"],
            )
        except InvitationUnusable as unusable:
            return _unusable(request, unusable)
        except (ValidationError, PermissionDenied) as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("Your account %(username)s is ready. Sign in with your new password.")
                % {"username": user.get_username()},
            )
            return redirect("accounts:login")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _unusable(request: HttpRequest, unusable: InvitationUnusable) -> HttpResponse:
    status = 404 if unusable.reason == "unknown" else 410
    return render(
        request,
        "accounts/invitation_unusable.html",
        {"reason": unusable.reason, "invitation": unusable.invitation},
        status=status,
    )
