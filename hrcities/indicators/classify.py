"""Which text of indicators the tag suggester reads."""

from __future__ import annotations

from hrcities.classify.registry import joined, register

from .models import Indicator

register(Indicator, text=lambda i: joined(*(i.names or {}).values(), i.description))
