"""Passage vectors: a long record is compared by meaning paragraph by paragraph.

A document's own vector (`SearchDocument.vector`) reads its title and first lines. One
vector for a whole article, testimony or recommendation blurs into an average meaning: a
question about the article's third paragraph is far from it. So a document whose text runs
past those first lines also gets one vector per passage (a paragraph, or a few sentences
up to PASSAGE_CHARS), kept in `SearchPassage`, and search scores a document by its best
passage or its head, whichever is nearer (vectors.py).

Bounded: at most MAX_PASSAGES passages from the first SCAN_CHARS characters of a text, so
a transcript costs at most 2 KB x MAX_PASSAGES and as many sentences to encode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from django.db import connection

from . import semantic
from .models import SearchPassage
from .pgvector import has_embedding, literal

PASSAGE_CHARS = 320
MAX_PASSAGES = 24
SCAN_CHARS = 12_000
# Sentence ends: Latin and CJK full stops, question and exclamation marks, before a space.
SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+")

Embedded = tuple[np.ndarray, list[np.ndarray]]


def split(title: str, text: str) -> list[str]:
    """Return the passages of a text, or none when its head vector already reads it all."""
    if len(f"{title}\n{text}".strip()) <= semantic.MAX_CHARS:
        return []
    passages: list[str] = []
    for paragraph in (text or "")[:SCAN_CHARS].split("\n"):
        current = ""
        for sentence in SENTENCE_END.split(paragraph.strip()):
            while len(sentence) > PASSAGE_CHARS:  # one very long sentence: cut at a space
                cut = sentence.rfind(" ", PASSAGE_CHARS // 2, PASSAGE_CHARS)
                cut = cut if cut > 0 else PASSAGE_CHARS
                if current:
                    passages.append(current)
                    current = ""
                passages.append(sentence[:cut])
                sentence = sentence[cut:].strip()
            if current and len(current) + 1 + len(sentence) > PASSAGE_CHARS:
                passages.append(current)
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            passages.append(current)
    return [p for p in passages if any(c.isalnum() for c in p)][:MAX_PASSAGES]


def embed_documents(items: Iterable[tuple[str, str]]) -> list[Embedded]:
    """Return each (title, text)'s head vector and passage vectors, encoded in one batch."""
    pieces = [(semantic.embedding_text(title, text), split(title, text)) for title, text in items]
    flat = [text for head, passages in pieces for text in (head, *passages)]
    encoded = semantic.embed(flat)
    result, at = [], 0
    for _head, passages in pieces:
        result.append((encoded[at], list(encoded[at + 1 : at + 1 + len(passages)])))
        at += 1 + len(passages)
    return result


def store(documents: Iterable[tuple[int, list[np.ndarray]]], *, replace: bool = True) -> None:
    """Write the passage vectors of documents (replacing theirs unless told they have none)."""
    documents = list(documents)
    if replace and documents:
        SearchPassage.objects.filter(document_id__in=[pk for pk, _ in documents]).delete()
    rows = [
        SearchPassage(document_id=pk, vector=semantic.to_bytes(vector))
        for pk, vectors in documents
        for vector in vectors
    ]
    created = SearchPassage.objects.bulk_create(rows, batch_size=1000)
    if created and has_pgvector_column():
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchpassage SET embedding = %s::vector WHERE id = %s",
                [(literal(semantic.from_bytes(p.vector)), p.pk) for p in created],
            )


def has_pgvector_column() -> bool:
    """Tell whether this database keeps passage vectors in a pgvector column too."""
    return has_embedding(connection, "search_searchpassage")
