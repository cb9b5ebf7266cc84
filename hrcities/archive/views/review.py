"""Sending a submitted record back to its submitter, with a note, after asking first.

Every kept record with a publication workflow (items here; programmes, measures and
reviews in their apps) shares this page; the app finds the record and says where back is.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hrcities.access.keepers import require_review
from hrcities.access.tiers import Publication
from hrcities.core.editing import ConfirmForm, confirm_page

from .. import services
from ..presenting import shown_title
from .common import ARCHIVE_PAGE, get_item_for_user


class ReturnToDraftForm(ConfirmForm):
    note = forms.CharField(
        label=gettext_lazy("A note to the submitter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Say what to change. It is shown on their page of work, never in an email."
        ),
    )
    field_order = ["note", "confirm"]


def return_to_draft_page(
    request: HttpRequest, record: Any, *, back: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    """Ask a reviewer before sending `record` back to draft; then go `back`."""
    user = request.user
    require_review(user, record)
    names = {"record": shown_title(record, user) or str(record)}
    if record.publication != Publication.SUBMITTED:
        messages.error(request, _("“%(record)s” is not waiting for review.") % names)
        return redirect(back)
    return confirm_page(
        request,
        title=_("Return “%(record)s” to draft?") % names,
        consequences=[
            _("It stops waiting for review; its submitter can change it and submit it again."),
            _(
                "The submitter is told on their page of work, and by email if they chose so; "
                "the email only asks them to sign in."
            ),
            _("Nothing is published, and who may read it does not change."),
        ],
        button=_("Return to draft"),
        action=lambda data: services.return_to_draft(record, by=user, note=data["note"]),
        done=_("“%(record)s” is back in draft; its submitter is told.") % names,
        back=back,
        next_url=back,
        form=ReturnToDraftForm(request.POST or None),
        context=context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    return return_to_draft_page(request, item, back=item.get_absolute_url(), context=ARCHIVE_PAGE)
