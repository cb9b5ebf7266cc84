"""Which text of an education programme the tag suggester reads: its titles, summaries and
learning outcomes in every language. Suggestions wait for a person to confirm them (the
record's tag page), as on every other record."""

from __future__ import annotations

from hrcities.classify.registry import joined, register

from .models import Programme


def programme_text(programme: Programme) -> str:
    return joined(
        *(programme.titles or {}).values(),
        *(programme.summaries or {}).values(),
        *(programme.outcomes or {}).values(),
    )


register(Programme, text=programme_text)
