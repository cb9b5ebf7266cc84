"""Withholding words of an item from readers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hrcities.core.editing import confirm_page
from hrcities.core.forms import add_model_errors
from hrcities.core.languages import language_name

from .. import curation, services
from ..forms import RedactionForm
from ..marking import marked
from ..models import Redaction
from ..presenting import places_in, present_item, withheld_spans
from .common import ARCHIVE_PAGE, FIELD_FOR, get_managed_item


@login_required
@require_http_methods(["GET", "POST"])
def item_redactions(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_managed_item(user, pk)
    form = RedactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            redaction = services.redact_phrase(item, by=user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error, FIELD_FOR)
        else:
            places = places_in(item, redaction.phrase)
            messages.success(
                request,
                _("%(n)s passage(s) are now withheld from readers.") % {"n": places},
            )
            if request.POST.get("next") == "item":  # redacted from the item's own page
                return redirect(item)
            return redirect("archive:item-redactions", pk=item.pk)
    redactions = list(item.redactions.select_related("created_by"))
    phrases = [r.phrase for r in redactions]
    # (heading, language, field, text): the field is where words selected in it stand
    # (the form checks them there); "" for a text checked with all the others.
    texts = [
        (_("Title (%(language)s)") % {"language": language_name(code)}, code, "", text)
        for code, text in sorted((item.titles or {}).items())
    ]
    texts += [
        (
            _("Description (%(language)s)") % {"language": language_name(code)},
            code,
            "description",
            text,
        )
        for code, text in sorted((item.descriptions or {}).items())
    ]
    if item.transcript:
        texts.append((_("Transcript"), item.original_language, "transcript", item.transcript))
    for media in item.media.all():
        if media.transcript:
            heading = _("Transcript of %(name)s") % {"name": media.original_name}
            texts.append((heading, "", "", media.transcript))
    context = {
        "item": item,
        "title": present_item(item, user).title,
        "rows": [(r, places_in(item, r.phrase)) for r in redactions],
        "texts": [
            (heading, code, field, marked(text, withheld_spans(text, phrases)))
            for heading, code, field, text in texts
            if text
        ],
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "archive/item_redactions.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def redaction_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask before words withheld from readers are shown to them again."""
    user = request.user
    redaction = get_object_or_404(Redaction, pk=pk)
    item = get_managed_item(user, redaction.item_id)
    places = places_in(item, redaction.phrase)
    return confirm_page(
        request,
        title=_("Show withheld words again"),
        consequences=[
            _("Readers will read “%(phrase)s” wherever it stands in “%(item)s”.")
            % {"phrase": redaction.phrase, "item": present_item(item, user).title},
            ngettext(
                "It stands in %(n)s place of the item now.",
                "It stands in %(n)s places of the item now.",
                places,
            )
            % {"n": places},
            _("The removal is logged; the redaction stays in its history and can be restored."),
        ],
        button=_("Show the words to readers"),
        action=lambda: curation.remove_redaction(redaction, by=user),
        done=_("The words are no longer withheld."),
        back=reverse("archive:item-redactions", args=[item.pk]),
        next_url=reverse("archive:item-redactions", args=[item.pk]),
        context=ARCHIVE_PAGE,
    )
