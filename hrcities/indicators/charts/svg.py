"""The parts every chart draws with: the Chart itself, text, ids, shapes and the legend.

Presentation attributes only (no <style>, no inline style: the site's CSP forbids them and
WeasyPrint draws them alike), text drawn as text, every string from users escaped, and
coordinates rounded so that the same chart gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..units import Unit

WIDTH = 640
FONT = "NanumGothic, 'Noto Sans KR', sans-serif"
FONT_SIZE = 12
SMALL = 11
# Colours meet WCAG 2.1 AA on white: text 4.5:1, lines and shapes 3:1 at least.
INK = "#1b1f24"
MUTED = "#4a525c"
ACCENT = "#0b5394"
TARGET = "#8a4b00"
GRID = "#dfe4ea"
MAX_LABELLED_POINTS = 12
MAX_CATEGORY_CHARS = 28


@dataclass(frozen=True)
class Chart:
    """A chart with everything needed to show it and to tell it without the picture."""

    id: str
    kind: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: SafeString

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def data_uri(self) -> str:
        """The same SVG as an image address, for PDFs: WeasyPrint reads an image's SVG with
        its XML parser, far faster than inline SVG through the HTML parser and the CSS
        cascade (a report of fifty indicators has over a hundred charts)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def value_header(unit: Unit | str) -> str:
    label = Unit.of(unit).label().text
    return _("Value (%(unit)s)") % {"unit": label} if label else _("Value")


# -- text ----------------------------------------------------------------------------------


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate the drawn width of a text: wide for Hangul and CJK, narrow for Latin."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x1100 and (
            0x1100 <= ord(char) <= 0x11FF
            or 0x2E80 <= ord(char) <= 0xA4CF
            or 0xAC00 <= ord(char) <= 0xD7A3
            or 0xF900 <= ord(char) <= 0xFAFF
            or 0xFF00 <= ord(char) <= 0xFF60
        ):
            width += 1.0
        elif char in "il.,:;|!'":
            width += 0.3
        elif char.isupper() or char in "mw%@":
            width += 0.75
        else:
            width += 0.58
    return width * size


def shorten(text: str, limit: int = MAX_CATEGORY_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fmt(number: float) -> str:
    """Coordinates with one decimal at most, so the same chart gives the same bytes."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    fill: str = INK,
    weight: str = "",
    lang: str = "",
) -> str:
    attrs = f'x="{fmt(x)}" y="{fmt(y)}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if size != FONT_SIZE:
        attrs += f' font-size="{size}"'
    if fill != INK:
        attrs += f' fill="{fill}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if lang:
        attrs += f' lang="{escape(lang)}"'
    return f"<text {attrs}>{escape(text)}</text>"


def unit_caption(x: float, y: float, unit: Unit, *, anchor: str = "start") -> str:
    """Draw the unit the values are in, marked with its language when not the reader's."""
    label = unit.label()
    return svg_text(x, y, label.text, anchor=anchor, size=SMALL, fill=MUTED, lang=label.lang)


def chart_id(given: str | None, *parts: object) -> str:
    """Return a safe element id: the one given, cleaned, or one derived from the data."""
    if given:
        cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", given).strip("-")
        if cleaned:
            return cleaned if cleaned[0].isalpha() else f"chart-{cleaned}"
    digest = hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:10]
    return f"chart-{digest}"


def svg_open(identifier: str, width: float, height: float, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'width="{fmt(width)}" height="{fmt(height)}" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'aria-labelledby="{identifier}-title {identifier}-desc" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{identifier}-title">{escape(title)}</title>'
        f'<desc id="{identifier}-desc">{escape(description)}</desc>'
    )


# -- shapes for values, target and baseline (also drawn in the legend) ---------------------


def dot(x: float, y: float) -> str:
    return (
        f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="4" fill="{ACCENT}" '
        f'stroke="#ffffff" stroke-width="1.5"/>'
    )


def diamond(x: float, y: float, size: float = 6) -> str:
    return (
        f'<path d="M{fmt(x)} {fmt(y - size)}L{fmt(x + size)} {fmt(y)}L{fmt(x)} {fmt(y + size)}'
        f'L{fmt(x - size)} {fmt(y)}Z" fill="#ffffff" stroke="{MUTED}" stroke-width="2"/>'
    )


def line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def dashed(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="7 4"/>'
    )


def solid(points: Sequence[tuple[float, float]]) -> str:
    coords = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{ACCENT}" stroke-width="2.5" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
    )


def legend(
    entries: Sequence[tuple[str, str]], top: float, left: float, right: float
) -> tuple[list[str], float]:
    """Lay out legend entries (kind, text) in rows; return the SVG parts and the height."""
    parts: list[str] = []
    x, y = left, top + 10
    for kind, text in entries:
        width = 30 + text_width(text, SMALL) + 18
        if x > left and x + width > right:
            x, y = left, y + 18
        if kind == "values":
            parts.append(solid([(x, y), (x + 22, y)]))
            parts.append(dot(x + 11, y))
        elif kind == "target":
            parts.append(dashed(x, y, x + 22, y))
        else:
            parts.append(diamond(x + 11, y, 5))
        parts.append(svg_text(x + 28, y + 4, text, size=SMALL))
        x += width
    return parts, y + 10 - top
