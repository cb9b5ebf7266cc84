"""The set-up QR code, drawn on the server as inline SVG (no script, no outside request)."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, label: str) -> SafeString:
    """Return an SVG image of `text` as a QR code, named `label` for screen readers."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=label, svgclass="qr-code"
    )
    # segno escapes the title; the image role lets screen readers announce it.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
