"""Which text of an emergency measure the tag suggester reads: its titles, summaries and
legal basis in every language. Suggestions wait for a person to confirm them (the
record's tag page), as on every other record."""

from __future__ import annotations

from hrcities.classify.registry import joined, register

from .models import Measure


def measure_text(measure: Measure) -> str:
    return joined(
        *(measure.titles or {}).values(),
        *(measure.summaries or {}).values(),
        *(measure.legal_basis or {}).values(),
    )


register(Measure, text=measure_text)
