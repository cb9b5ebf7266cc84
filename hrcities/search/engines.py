"""The two full-text engines behind one interface.

Both match the same analysed tokens; each ranks with its own function (bm25 on SQLite,
ts_rank_cd on PostgreSQL) with title tokens weighted above the body. The visible,
filtered documents arrive as a queryset whose WHERE clause runs inside the engine's own
query, so matching, access and facet filters are one query in the database.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

from .query import Query, to_fts5, to_tsquery

Row = tuple[int, bytes, float]


def where_of(documents: QuerySet) -> tuple[str, list[Any]]:
    """Return the WHERE clause of a documents queryset, over the unaliased table.

    The engines put it beside their own match, so the reader's access and the facet
    filters are checked row by row as the matches stream out, inside the one query.
    """
    query = documents.query
    joined = [alias for alias in query.alias_map if alias != query.base_table]
    if joined:
        # A join would name tables the engines' own FROM clause does not have.
        raise ValueError(
            f"Search filters must not join other tables ({', '.join(joined)}); "
            "filter through Exists(...) or pk__in subqueries instead."
        )
    compiler = query.get_compiler(using=documents.db)
    sql, params = compiler.compile(query.where)
    return (sql or "1 = 1"), list(params)


class Engine:
    vendor = ""

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        """Return SQL selecting the ids of the documents that match."""
        raise NotImplementedError

    def window(self, expression: str, documents: QuerySet, limit: int) -> list[Row]:
        """Return (id, facet codes, score) of the newest `limit` matches among the documents.

        Newest first, so the database stops after `limit` rows however many match: the
        count, the facet counts and the ranking are all taken from this bounded window
        (DESIGN.md: bounded counting and ranking within a bounded candidate set).
        """
        raise NotImplementedError

    def optimize(self) -> None:
        """Compact the engine's own index after a bulk rebuild."""

    def _fetch(self, sql: str, params: list[Any]) -> list[Row]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(pk), codes, float(score)) for pk, codes, score in cursor.fetchall()]


class SqliteEngine(Engine):
    vendor = "sqlite"
    # bm25 column weights: title_tokens, tokens.
    WEIGHTS = "10.0, 1.0"

    def compile(self, query: Query) -> str:
        return to_fts5(query)

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]

    def window(self, expression: str, documents: QuerySet, limit: int) -> list[Row]:
        where, params = where_of(documents)
        # CROSS JOIN keeps the full-text index as the outer loop: SQLite walks the matches
        # from the highest row id down and checks each document's access by its key,
        # instead of scanning every visible document for the match. The covering index
        # (migration 0003) holds what the check and the facet counts read, so the wide
        # document row (text, tokens, vector) stays on disk.
        # bm25 is lower for better matches; the score reported is its negation.
        return self._fetch(
            f"SELECT search_searchdocument.id, search_searchdocument.facet_codes, "
            f"-bm25(search_fts, {self.WEIGHTS}) "
            "FROM search_fts CROSS JOIN search_searchdocument INDEXED BY search_document_window "
            "WHERE search_fts MATCH %s AND search_searchdocument.id = search_fts.rowid "
            f"AND ({where}) ORDER BY search_fts.rowid DESC LIMIT %s",
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

    def window(self, expression: str, documents: QuerySet, limit: int) -> list[Row]:
        where, params = where_of(documents)
        # ts_rank_cd normalisation 1: divided by 1 + log(length), as bm25 favours short texts.
        return self._fetch(
            "SELECT search_searchdocument.id, search_searchdocument.facet_codes, "
            "ts_rank_cd(search_searchdocument.search_vector, q, 1) "
            "FROM search_searchdocument, to_tsquery('simple'::regconfig, %s) q "
            f"WHERE search_searchdocument.search_vector @@ q AND ({where}) "
            "ORDER BY search_searchdocument.id DESC LIMIT %s",
            [expression, *params, limit],
        )


def engine() -> Engine:
    """Return the engine of the database in use."""
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
