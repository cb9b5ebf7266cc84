"""PDFs rendered on the server with WeasyPrint, from a Django template.

The template carries its own <style> (the browser's CSP does not apply: no browser ever
loads it) and names the NanumGothic font, installed with Debian's fonts-nanum, so Korean
text is embedded as real text that can be searched and copied. The archive's record
sheets and the annual human rights reports use it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string


def refuse_remote(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Fetch nothing but inline data: a PDF never makes the server reach out."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDFs load no outside resources: {url[:80]}")


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Return the PDF of an HTML document that loads nothing from outside."""
    # Imported here: WeasyPrint takes a while to load and only PDF views need it.
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refuse_remote)
    return document.write_pdf()


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    *,
    base_url: str | None = None,
) -> bytes:
    """Return the PDF of a template rendered with this context.

    Relative links resolve against the request's site, or `base_url` outside a request.
    """
    html = render_to_string(template_name, context, request=request)
    if request is not None and base_url is None:
        base_url = request.build_absolute_uri("/")
    return html_to_pdf(html, base_url)


def static_text(*paths: str) -> str:
    """Return the text of static files, to inline a page's stylesheets into a PDF."""
    texts = []
    for path in paths:
        found = finders.find(path)
        if not found:
            raise FileNotFoundError(f"No static file {path}")
        with open(found, encoding="utf-8") as handle:
            texts.append(handle.read())
    return "\n".join(texts)
