"""The printable page of an item and its PDF: both show the sheet of hrcities.archive.pdf."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Item
from ..pdf import item_sheet, render_item_pdf
from ..presenting import present_item


def _is_public(item: Item) -> bool:
    return Item.objects.visible_to(AnonymousUser()).filter(pk=item.pk).exists()


def item_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Item.objects.visible_to(request.user).select_related(
            "city", "organisation", "place", "narrator"
        ),
        pk=pk,
    )
    context = item_sheet(present_item(item, request.user), request, request.user)
    context["is_public"] = _is_public(item)
    return render(request, "archive/item_print.html", context)


def item_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a PDF of a public item: the public version, whoever asks."""
    anonymous = AnonymousUser()
    item = (
        Item.objects.visible_to(anonymous)
        .select_related("city", "organisation", "place", "narrator")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    content = render_item_pdf(present_item(item, anonymous), request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="hrcities-item-{item.pk}.pdf"'
    return response
