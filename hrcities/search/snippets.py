"""Highlighted snippets, cut from the original text and marked where the query matched.

Each original word is analysed as the index analysed it, so "기억을" is marked for the
query "기억" and "Memories" for "memory". Everything else is escaped.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import RUNS, analyse

SCAN_CHARS = 20_000


def highlight(text: str, tokens: set[str], language: str = "", length: int = 240) -> SafeString:
    """Return about `length` characters of the text around its first match, HTML-safe."""
    text = (text or "")[:SCAN_CHARS]
    spans = []
    if tokens:
        for match in RUNS.finditer(text):
            if tokens.intersection(analyse(match.group(), language)):
                spans.append((match.start(), match.end()))
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 4) + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start + length // 2, end)
        end = space if space > 0 else end
    parts = ["…"] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
