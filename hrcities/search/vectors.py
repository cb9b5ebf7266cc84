"""Nearest documents by meaning: pgvector's HNSW index where PostgreSQL has it, else numpy.

Every document keeps its float32 vector in `SearchDocument.vector` on both databases. On
PostgreSQL with the pgvector extension (migration 0004 adds it when the server offers it,
and so does `hrcities reindex` once pgvector is installed), the same vector is also
written to an `embedding vector(512)` column with an HNSW index, and the nearest
neighbours come from that index, with the reader's access applied inside the query.
Elsewhere the newest SCAN visible vectors are compared in numpy.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from django.db import connection, transaction
from django.db.models import QuerySet

from . import semantic
from .engines import where_of
from .models import SearchDocument
from .pgvector import literal

SCAN = 50_000
# HNSW candidates examined per query; with pgvector 0.8's iterative scan the index keeps
# looking when the access filter leaves fewer than asked.
EF_SEARCH = 200

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
    best = np.argsort(-similarity)[:top]
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
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(EF_SEARCH)])
        cursor.execute("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)")
        cursor.execute(
            "SELECT id, 1 - (embedding <=> %s::vector) AS similarity "
            "FROM search_searchdocument "
            f"WHERE embedding IS NOT NULL AND ({where}) "
            "ORDER BY embedding <=> %s::vector LIMIT %s",
            [text, *params, text, top],
        )
        found = [(int(pk), float(s)) for pk, s in cursor.fetchall()]
    # relaxed_order may return neighbours slightly out of order.
    found.sort(key=lambda row: -row[1])
    return [(pk, s) for pk, s in found if s >= minimum]


def forget() -> None:
    """Look again for the pgvector column (after it was added)."""
    _has_column.clear()
