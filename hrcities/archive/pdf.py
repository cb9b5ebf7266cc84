"""PDFs rendered on the server with WeasyPrint, from a Django template.

The template carries its own <style> (the browser's CSP does not apply: no browser ever
loads it) and names the NanumGothic font, installed with Debian's fonts-nanum, so Korean
text is embedded as real text that can be searched and copied. Reports can reuse
`render_pdf` with their own template.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.loader import render_to_string

from .presenting import ItemView


def refuse_remote(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Fetch nothing but inline data: a PDF never makes the server reach out."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDFs load no outside resources: {url[:80]}")


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest) -> bytes:
    """Return the PDF of a template rendered with this context."""
    import weasyprint

    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=refuse_remote
    )
    return document.write_pdf()


def render_item_pdf(view: ItemView, request: HttpRequest) -> bytes:
    """Return the PDF of an item as the public sees it (the view is presented to anonymous)."""
    from .browse import item_sheet

    return render_pdf("archive/item_pdf.html", item_sheet(view, request, AnonymousUser()), request)
