"""Which text of declarations, clauses, commitments and actions the tag suggester reads."""

from __future__ import annotations

from hrcities.classify.registry import joined, register

from .models import Action, Clause, Commitment, Declaration

register(Declaration, text=lambda d: joined(d.title, d.subtitle, d.intro, d.promises_intro))
register(Clause, text=lambda c: c.text)
register(Commitment, text=lambda c: joined(c.title, c.text))
register(Action, text=lambda a: joined(a.title, a.description))
