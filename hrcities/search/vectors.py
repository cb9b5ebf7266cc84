"""Nearest documents by meaning, compared exactly among the newest SCAN visible documents.

Every document keeps its float32 vector in `SearchDocument.vector` on both databases. On
PostgreSQL with the pgvector extension (migration 0004 adds it when the server offers it,
and so does `hrcities reindex` once pgvector is installed), the same vector is also
written to an `embedding vector(512)` column, and the distances are computed there, in
the database; elsewhere they are computed in numpy.

Either way the candidates are the newest SCAN documents the reader may see, each compared
with the query: an approximate index (HNSW) would walk a graph that holds hidden documents
too, and which visible neighbours it returned would then depend on them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from django.db import connection
from django.db.models import QuerySet

from . import semantic
from .engines import where_of
from .models import SearchDocument
from .pgvector import literal

SCAN = 50_000

_has_column: dict[str, bool] = {}


def uses_pgvector() -> bool:
    """Tell whether this database keeps vectors in a pgvector column."""
    if connection.vendor != "postgresql":
        return False
    name = connection.settings_dict["NAME"]
    if name not in _has_column:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'search_searchdocument' AND column_name = 'embedding'"
            )
            _has_column[name] = cursor.fetchone() is not None
    return _has_column[name]


def store(pairs: Iterable[tuple[int, np.ndarray | None]]) -> None:
    """Copy documents' vectors into the pgvector column, where there is one."""
    if not uses_pgvector():
        return
    rows = [(None if v is None else literal(v), pk) for pk, v in pairs]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchdocument SET embedding = %s::vector WHERE id = %s", rows
            )


def has_any() -> bool:
    """Tell whether any document has a vector (answered from a partial index)."""
    return SearchDocument.objects.filter(vector__isnull=False).exists()


def nearest(
    documents: QuerySet, query_vector: np.ndarray, top: int, minimum: float
) -> list[tuple[int, float]]:
    """Return (id, cosine similarity) of the documents nearest the vector, best first."""
    if not has_any():
        return []
    if uses_pgvector():
        return _nearest_pgvector(documents, query_vector, top, minimum)
    rows = _newest_vectors(documents)
    if not rows:
        return []
    matrix = np.frombuffer(b"".join(bytes(v) for _, v in rows), dtype=np.float32)
    similarity = matrix.reshape(len(rows), semantic.DIMENSIONS) @ query_vector
    ids = np.fromiter((pk for pk, _ in rows), dtype=np.int64, count=len(rows))
    best = np.lexsort((ids, -similarity))[:top]  # equals: the lower id first
    return [(rows[i][0], float(similarity[i])) for i in best if similarity[i] >= minimum]


def _newest_vectors(documents: QuerySet) -> list[tuple[int, bytes]]:
    """Return (id, vector) of the newest SCAN visible documents that have a vector."""
    if connection.vendor != "sqlite":
        newest = documents.exclude(vector=None).order_by("-pk")
        return list(newest.values_list("pk", "vector")[:SCAN])
    # The partial index lists only the documents with a vector, newest first; without it
    # SQLite walks every document (and its wide row) looking for them.
    where, params = where_of(documents)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, vector FROM search_searchdocument INDEXED BY search_doc_has_vector "
            f"WHERE vector IS NOT NULL AND ({where}) ORDER BY id DESC LIMIT %s",
            [*params, SCAN],
        )
        return cursor.fetchall()


def _nearest_pgvector(
    documents: QuerySet, query_vector: np.ndarray, top: int, minimum: float
) -> list[tuple[int, float]]:
    where, params = where_of(documents)
    text = literal(query_vector)
    # MATERIALIZED keeps the newest visible documents as the only candidates, so the
    # planner cannot turn to the HNSW index instead.
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH candidates AS MATERIALIZED ("
            "SELECT id, embedding FROM search_searchdocument "
            f"WHERE embedding IS NOT NULL AND ({where}) ORDER BY id DESC LIMIT %s) "
            "SELECT id, 1 - (embedding <=> %s::vector) AS similarity FROM candidates "
            "ORDER BY embedding <=> %s::vector, id LIMIT %s",
            [*params, SCAN, text, text, top],
        )
        found = [(int(pk), float(s)) for pk, s in cursor.fetchall()]
    return [(pk, s) for pk, s in found if s >= minimum]


def forget() -> None:
    """Look again for the pgvector column (after it was added)."""
    _has_column.clear()
