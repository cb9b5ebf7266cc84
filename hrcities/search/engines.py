"""The two full-text engines behind one interface.

Both match the same analysed tokens; each ranks with its own function (bm25 on SQLite,
ts_rank_cd on PostgreSQL) with title tokens weighted above the body. The visible,
filtered documents arrive as SQL (a subquery of ids), so matching, ranking and counting
all happen in the database, in queries that already apply the reader's access.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from .query import Query, to_fts5, to_tsquery


class Engine:
    vendor = ""

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        """Return SQL selecting the ids of the documents that match."""
        raise NotImplementedError

    def ranked(
        self, expression: str, among: tuple[str, list[Any]], limit: int
    ) -> list[tuple[int, float]]:
        """Return (id, score) of the best matches among the given ids, best first."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Compact the engine's own index after a bulk rebuild."""

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


class SqliteEngine(Engine):
    vendor = "sqlite"
    # bm25 column weights: title_tokens, tokens.
    WEIGHTS = "10.0, 1.0"

    def compile(self, query: Query) -> str:
        return to_fts5(query)

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]

    def ranked(
        self, expression: str, among: tuple[str, list[Any]], limit: int
    ) -> list[tuple[int, float]]:
        sql, params = among
        # The match is materialised first: given `rowid IN (...)` beside MATCH, SQLite would
        # run the full-text query once per visible row (a second for 8,000 rows).
        # bm25 is lower for better matches; the score reported is its negation.
        return self._fetch(
            "WITH matched AS MATERIALIZED ("
            f"SELECT rowid AS id, bm25(search_fts, {self.WEIGHTS}) AS rank FROM search_fts "
            "WHERE search_fts MATCH %s) "
            f"SELECT id, -rank FROM matched WHERE id IN ({sql}) ORDER BY rank, id LIMIT %s",
            [expression, *params, limit],
        )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


class PostgresEngine(Engine):
    vendor = "postgresql"

    def compile(self, query: Query) -> str:
        return to_tsquery(query)

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        return (
            "SELECT id FROM search_searchdocument "
            "WHERE search_vector @@ to_tsquery('simple'::regconfig, %s)",
            [expression],
        )

    def ranked(
        self, expression: str, among: tuple[str, list[Any]], limit: int
    ) -> list[tuple[int, float]]:
        sql, params = among
        # ts_rank_cd normalisation 1: divided by 1 + log(length), as bm25 favours short texts.
        return self._fetch(
            "SELECT d.id, ts_rank_cd(d.search_vector, q, 1) AS score "
            "FROM search_searchdocument d, to_tsquery('simple'::regconfig, %s) q "
            f"WHERE d.search_vector @@ q AND d.id IN ({sql}) "
            "ORDER BY score DESC, d.id LIMIT %s",
            [expression, *params, limit],
        )


def engine() -> Engine:
    """Return the engine of the database in use."""
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
