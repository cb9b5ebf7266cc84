"""Which text of UPR recommendations the tag suggester reads."""

from __future__ import annotations

from hrcities.classify.registry import register

from .models import UprRecommendation

# OHCHR's own tags are read with each recommendation: suggestions repeating them are
# dropped (see taxonomy.tags.published_labels).
register(
    UprRecommendation,
    text=lambda r: r.text,
    queryset=lambda: UprRecommendation.objects.with_published_tags(),
)
