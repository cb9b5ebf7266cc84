"""Plain factory functions for search documents in tests."""

from __future__ import annotations

import itertools
from typing import Any

from hrcities.search.indexing import write_document
from hrcities.search.models import SearchDocument
from hrcities.search.registry import DocumentData

_seq = itertools.count(1)


def make_document(
    title: str, text: str = "", *, kind: str = "item", **overrides: Any
) -> SearchDocument:
    """Index a document directly (as an archive item would be), public and published unless told."""
    pk = overrides.pop("object_id", None) or next(_seq)
    overrides.setdefault("url", f"/records/{kind}/{pk}/")
    return write_document(kind, pk, DocumentData(title=title, text=text, **overrides))
