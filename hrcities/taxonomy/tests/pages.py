"""What a record's page shows of its tags to the public, to its keeper and to another
city's editor: the same check for every kind of record that carries tags."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hrcities.core.templatetags.core_tags import record_label


def read_tags_section(client: Any, signed_in: Any, record: Any, keeper: Any, other: Any):
    """Check that only the keeper is offered the tag page and the suggestions' buttons;
    return the page as the public reads it."""
    url = record.get_absolute_url()
    tag_page = reverse("core:record-tags", args=[record_label(record), record.pk])
    public = client.get(url).content.decode()
    kept = signed_in(keeper).get(url).content.decode()
    seen_by_other = signed_in(other).get(url).content.decode()
    assert tag_page not in public and tag_page not in seen_by_other
    assert tag_page in kept and "Accept<span" in kept
    return public
