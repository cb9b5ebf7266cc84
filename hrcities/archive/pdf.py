"""The printed record of an archive item: what its sheet holds for a reader, and its PDF as
the public sees it (see hrcities.core.pdf)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hrcities.core.pdf import render_pdf

from .models import Collection, Event
from .presenting import ItemView, hidden_field_note


def item_sheet(view: ItemView, request: HttpRequest, reader: Any) -> dict[str, Any]:
    """Return what a printed record of the item holds, for this reader."""
    item = view.item
    collection = (
        Collection.objects.visible_to(reader).filter(pk=item.collection_id).first()
        if item.collection_id
        else None
    )
    events = item.events.filter(pk__in=Event.objects.visible_to(reader).values("pk"))
    url = request.build_absolute_uri(item.get_absolute_url())
    accessed = date_format(timezone.localdate(), "DATE_FORMAT")
    owner = item.owner
    citation = _("%(title)s. %(owner)s. hrcities memory archive, %(url)s, accessed %(date)s") % {
        "title": view.title,
        "owner": owner,
        "url": url,
        "date": accessed,
    }
    return {
        "view": view,
        "item": item,
        "owner": owner,
        "collection": collection,
        "place": item.place,
        "events": list(events.order_by("date_start", "pk")),
        # What a reader may read of each file's name (withheld words and names cut).
        "media": [
            {
                "original_name": view.file_name(m),
                "content_type": m.content_type,
                "size": m.size,
            }
            for m in item.media.all()
        ],
        "citation": citation,
        "absolute_url": url,
        "accessed": accessed,
        "withheld_note": hidden_field_note(view),
        "quote_note": _(
            "The narrator did not agree to be quoted: the transcript is read on the "
            "record's own page only, %(url)s."
        )
        % {"url": url}
        if view.is_quote_withheld
        else "",
    }


def render_item_pdf(view: ItemView, request: HttpRequest) -> bytes:
    """Return the PDF of an item as the public sees it (the view is presented to anonymous)."""
    return render_pdf("archive/item_pdf.html", item_sheet(view, request, AnonymousUser()), request)
