"""The PDF of an archive record, as the public sees it (see hrcities.core.pdf)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from hrcities.core.pdf import render_pdf

from .presenting import ItemView


def render_item_pdf(view: ItemView, request: HttpRequest) -> bytes:
    """Return the PDF of an item as the public sees it (the view is presented to anonymous)."""
    from .browse import item_sheet

    return render_pdf("archive/item_pdf.html", item_sheet(view, request, AnonymousUser()), request)
