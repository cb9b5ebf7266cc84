"""Adding pgvector's column to the search index, where PostgreSQL offers the extension.

The column has no approximate (HNSW) index: search compares the query with the newest
documents the reader may see, exactly (vectors.py), and a graph index walked over hidden
documents too would make the neighbours found depend on them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

BATCH = 1_000
# The tables whose float32 `vector` is copied into an `embedding vector(512)` column.
TABLES = ("search_searchdocument", "search_searchpassage")
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
        for table in TABLES:
            if not _has_table(cursor, table):
                continue  # the passages' table comes with a later migration
            cursor.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS embedding vector(512)")
            cursor.execute(
                f"SELECT id, vector FROM {table} WHERE vector IS NOT NULL AND embedding IS NULL"
            )
            while rows := cursor.fetchmany(BATCH):
                with connection.cursor() as writer:
                    writer.executemany(
                        f"UPDATE {table} SET embedding = %s::vector WHERE id = %s",
                        [
                            (literal(np.frombuffer(bytes(v), dtype=np.float32)), pk)
                            for pk, v in rows
                        ],
                    )
    return True


def _has_table(cursor: Any, table: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    return bool(cursor.fetchone()[0])


def drop_vector_column(connection: Any) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {HNSW_INDEX}")
            for table in TABLES:
                if _has_table(cursor, table):
                    cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS embedding")


def drop_approximate_index(connection: Any) -> None:
    """Drop the HNSW index that earlier versions kept on the vector column."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {HNSW_INDEX}")


_columns: dict[tuple[str, str], bool] = {}


def has_embedding(connection: Any, table: str) -> bool:
    """Tell whether this database keeps the vectors of a table in a pgvector column too."""
    if connection.vendor != "postgresql":
        return False
    key = (connection.settings_dict["NAME"], table)
    if key not in _columns:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = 'embedding'",
                [table],
            )
            _columns[key] = cursor.fetchone() is not None
    return _columns[key]


def forget() -> None:
    """Look again for the pgvector columns (after they were added)."""
    _columns.clear()


def literal(vector: np.ndarray) -> str:
    """Return pgvector's text form of a vector."""
    return "[" + ",".join(f"{x:.6g}" for x in np.asarray(vector, dtype=np.float32)) + "]"
