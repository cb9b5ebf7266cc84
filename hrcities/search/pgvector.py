"""Adding pgvector's column to the search index, where PostgreSQL offers the extension.

The column has no approximate (HNSW) index: search compares the query with the newest
documents the reader may see, exactly (vectors.py), and a graph index walked over hidden
documents too would make the neighbours found depend on them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

BATCH = 1_000
HNSW_INDEX = "search_document_embedding_hnsw"


def is_available(connection: Any) -> bool:
    """Tell whether this PostgreSQL server can create the vector extension."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return cursor.fetchone() is not None


def add_vector_column(connection: Any) -> bool:
    """Add the vector column, copying stored vectors; False if unavailable."""
    if not is_available(connection):
        return False
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        cursor.execute(
            "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS embedding vector(512)"
        )
        cursor.execute(
            "SELECT id, vector FROM search_searchdocument "
            "WHERE vector IS NOT NULL AND embedding IS NULL"
        )
        while rows := cursor.fetchmany(BATCH):
            with connection.cursor() as writer:
                writer.executemany(
                    "UPDATE search_searchdocument SET embedding = %s::vector WHERE id = %s",
                    [(literal(np.frombuffer(bytes(v), dtype=np.float32)), pk) for pk, v in rows],
                )
    return True


def drop_vector_column(connection: Any) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {HNSW_INDEX}")
            cursor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS embedding")


def drop_approximate_index(connection: Any) -> None:
    """Drop the HNSW index that earlier versions kept on the vector column."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {HNSW_INDEX}")


def literal(vector: np.ndarray) -> str:
    """Return pgvector's text form of a vector."""
    return "[" + ",".join(f"{x:.6g}" for x in np.asarray(vector, dtype=np.float32)) + "]"
