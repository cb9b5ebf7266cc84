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


def inline_only_fetcher() -> Any:
    """Return a WeasyPrint fetcher that reads data: addresses and refuses everything else,
    so a PDF never makes the server reach out (or read its own files)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Return the PDF of an HTML document that loads nothing from outside."""
    # Imported here: WeasyPrint takes a while to load and only PDF views need it.
    import weasyprint

    install_whole_word_svg_text()
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=inline_only_fetcher())
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


# WeasyPrint 70 lays out and draws SVG text one letter at a time (for per-letter x, y and
# rotate lists). Chart labels are plain: one position, no per-letter attributes. For them
# one layout of the whole label draws the same glyphs at the same place, five to six times
# faster; the report's PDF spends most of its drawing time on chart labels. Any other text
# goes through WeasyPrint's own function, and so does everything on another version.
PER_LETTER_ATTRIBUTES = ("dx", "dy", "rotate", "textLength", "letter-spacing", "lengthAdjust")


def _is_plain_label(node: Any) -> bool:
    attributes = node.attrib
    return bool(
        node.text
        and next(iter(node), None) is None
        and not any(name in attributes for name in PER_LETTER_ATTRIBUTES)
        and " " not in attributes.get("x", "").strip()
        and " " not in attributes.get("y", "").strip()
        and "baseline" not in attributes.get("dominant-baseline", "")
        and not attributes.get("display-anchor")
    )


def install_whole_word_svg_text() -> None:
    """Make WeasyPrint draw plain SVG labels as whole words (once per process)."""
    import importlib

    import weasyprint
    from weasyprint import svg as svg_package

    # The package's name `text` is the function; the module is found by its full name.
    stock = importlib.import_module("weasyprint.svg.text").text
    if weasyprint.__version__.split(".")[0] != "70" or svg_package.TAGS.get("text") is not stock:
        return

    def text(svg: Any, node: Any, font_size: float) -> None:
        if not _is_plain_label(node):
            return stock(svg, node, font_size)
        _draw_label(svg, node, font_size)

    # draw_node tells text nodes by identity with this module name (for text-anchor).
    svg_package.TAGS["text"] = text
    svg_package.text = text


def _draw_label(svg: Any, node: Any, font_size: float) -> None:
    from math import inf

    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import Style, TextBox
    from weasyprint.svg.utils import normalize, size
    from weasyprint.text.line_break import split_first_line

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    families = node.get("font-family", "sans-serif").split(",")
    style["font_family"] = [family.strip().strip("\"'") for family in families]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    style["font_weight"] = {"normal": 400, "bold": 700}.get(weight, weight)
    try:
        style["font_weight"] = int(style["font_weight"])
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x = (
        size(normalize(node.attrib["x"]).strip(), font_size, svg.inner_width)
        if "x" in node.attrib
        else svg.cursor_position[0]
    )
    y = (
        size(normalize(node.attrib["y"]).strip(), font_size, svg.inner_height)
        if "y" in node.attrib
        else svg.cursor_position[1]
    )
    svg.cursor_position = x + width, y
    points = ((x, y - baseline), (x + width, y - baseline + height))
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x, f=y))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
