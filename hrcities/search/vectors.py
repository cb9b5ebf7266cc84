"""Nearest documents by meaning, compared exactly among the newest SCAN visible documents.

Every document keeps its float32 vector in `SearchDocument.vector` on both databases, and
a long one the vectors of its passages in `SearchPassage.vector` (passages.py). On
PostgreSQL with the pgvector extension (migration 0004 adds it when the server offers it,
and so does `hrcities reindex` once pgvector is installed), the same vector is also
written to an `embedding vector(512)` column, and the distances are computed there, in
the database; elsewhere they are computed in numpy.

Either way the candidates are the newest SCAN documents the reader may see, each compared
with the query: an approximate index (HNSW) would walk a graph that holds hidden documents
too, and which visible neighbours it returned would then depend on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from django.db import connection
from django.db.models import QuerySet

from . import passages, pgvector, semantic
from .engines import where_of
from .models import SearchDocument
from .pgvector import literal

SCAN = 50_000
# Vectors compared per step: 5,000 x 2 KB.
CHUNK = 5_000


def uses_pgvector() -> bool:
    """Tell whether this database keeps vectors in a pgvector column."""
    return pgvector.has_embedding(connection, "search_searchdocument")


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
    """Return (id, similarity) of the documents nearest the vector, best first.

    A document's similarity is that of its head vector or of its nearest passage
    (passages.py), whichever is higher.
    """
    if not has_any():
        return []
    if uses_pgvector() and passages.has_pgvector_column():
        return _nearest_pgvector(documents, query_vector, top, minimum)
    best: dict[int, float] = {}
    for ids, matrix in _newest_vectors(documents):
        _keep_best(best, ids, matrix @ query_vector)
    if not best:
        return []
    ids = np.fromiter(best, dtype=np.int64, count=len(best))
    similarity = np.fromiter(best.values(), dtype=np.float64, count=len(best))
    order = np.lexsort((ids, -similarity))[:top]  # equals: the lower id first
    return [(int(ids[i]), float(similarity[i])) for i in order if similarity[i] >= minimum]


def _keep_best(best: dict[int, float], ids: np.ndarray, similarity: np.ndarray) -> None:
    for pk, value in zip(ids.tolist(), similarity.tolist(), strict=True):
        if value > best.get(pk, -2.0):
            best[pk] = value


def _newest_vectors(documents: QuerySet) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (document ids, vectors) of the newest SCAN visible documents that have a
    vector, and of their passages, CHUNK rows at a time (memory stays a few megabytes)."""
    where, params = where_of(documents)
    # On SQLite the partial index lists only the documents with a vector, newest first;
    # without it SQLite walks every document (and its wide row) looking for them.
    hint = "INDEXED BY search_doc_has_vector " if connection.vendor == "sqlite" else ""
    candidates = (
        f"SELECT id FROM search_searchdocument {hint}"
        f"WHERE vector IS NOT NULL AND ({where}) ORDER BY id DESC LIMIT %s"
    )
    queries = [
        (
            f"SELECT id, vector FROM search_searchdocument {hint}"
            f"WHERE vector IS NOT NULL AND ({where}) ORDER BY id DESC LIMIT %s",
            [*params, SCAN],
        ),
        (
            "SELECT document_id, vector FROM search_searchpassage "
            f"WHERE document_id IN ({candidates})",
            [*params, SCAN],
        ),
    ]
    for sql, sql_params in queries:
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            while rows := cursor.fetchmany(CHUNK):
                ids = np.fromiter((pk for pk, _ in rows), dtype=np.int64, count=len(rows))
                matrix = np.frombuffer(b"".join(bytes(v) for _, v in rows), dtype=np.float32)
                yield ids, matrix.reshape(len(rows), semantic.DIMENSIONS)


def _nearest_pgvector(
    documents: QuerySet, query_vector: np.ndarray, top: int, minimum: float
) -> list[tuple[int, float]]:
    where, params = where_of(documents)
    text = literal(query_vector)
    # MATERIALIZED keeps the newest visible documents as the only candidates, so the
    # planner cannot turn to an approximate index instead.
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH candidates AS MATERIALIZED ("
            "SELECT id, embedding FROM search_searchdocument "
            f"WHERE embedding IS NOT NULL AND ({where}) ORDER BY id DESC LIMIT %s), "
            "scored AS ("
            "SELECT id, embedding <=> %s::vector AS distance FROM candidates "
            "UNION ALL "
            "SELECT p.document_id, p.embedding <=> %s::vector FROM search_searchpassage p "
            "JOIN candidates c ON c.id = p.document_id WHERE p.embedding IS NOT NULL) "
            "SELECT id, 1 - min(distance) AS similarity FROM scored "
            "GROUP BY id ORDER BY min(distance), id LIMIT %s",
            [*params, SCAN, text, text, top],
        )
        found = [(int(pk), float(s)) for pk, s in cursor.fetchall()]
    return [(pk, s) for pk, s in found if s >= minimum]


def forget() -> None:
    """Look again for the pgvector columns (after they were added)."""
    pgvector.forget()
