"""The two full-text engines behind one interface.

Both match the same analysed tokens and weight title tokens above the body. The visible,
filtered documents arrive as a queryset whose WHERE clause runs inside the engine's own
query, so matching, access and facet filters are one query in the database.

No score may depend on a document the reader cannot see (a rank that moved with a hidden
testimony's words would tell them). On SQLite the window's documents are scored by
ranking.bm25, whose word rarity and average length come from the window itself, not by
FTS5's bm25, which takes them over the whole index. PostgreSQL's ts_rank_cd reads only
the document and the query.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import QuerySet

from .query import MAX_UNITS, Query, to_fts5, to_tsquery
from .ranking import bm25

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
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:  # no condition at all: a network admin sees every document
        return "1 = 1", []
    except EmptyResultSet:
        return "1 = 0", []
    return (sql or "1 = 1"), list(params)


class Engine:
    vendor = ""

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        """Return SQL selecting the ids of the documents that match."""
        raise NotImplementedError

    def window(self, query: Query, documents: QuerySet, limit: int) -> list[Row]:
        """Return (id, facet codes, score) of the newest `limit` matches among the documents.

        Newest first, so the database stops after `limit` rows however many match: the
        count, the facet counts and the ranking are all taken from this bounded window
        (DESIGN.md: bounded counting and ranking within a bounded candidate set). The
        scores read nothing but the documents of the window.
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

    def compile(self, query: Query) -> str:
        return to_fts5(query)

    def matching_ids(self, expression: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]

    def window(self, query: Query, documents: QuerySet, limit: int) -> list[Row]:
        where, params = where_of(documents)
        units = query.positive_units()[:MAX_UNITS]
        counts, count_params = [], []
        for unit in units:
            # Occurrences of the unit as whole tokens: the bytes lost when every " unit "
            # is taken out of " text ", over the bytes of " unit ". Byte lengths (of a
            # BLOB) are read from the value's header; character lengths are counted.
            needle = " " + " ".join(unit.tokens) + " "
            for column in ("title_tokens", "tokens"):
                padded = f"(' ' || search_searchdocument.{column} || ' ')"
                counts.append(
                    f"(length(CAST({padded} AS BLOB)) "
                    f"- length(CAST(replace({padded}, %s, '') AS BLOB))) "
                    f"/ {len(needle.encode())}"
                )
                count_params.append(needle)
        # A document's length in bytes of its tokens: as good as a count of tokens to tell
        # long from short, Korean morphemes and English stems being alike in bytes.
        length = "length(CAST(search_searchdocument.tokens AS BLOB))"
        # CROSS JOIN keeps the full-text index as the outer loop: SQLite walks the matches
        # from the highest row id down and checks each document's access by its key,
        # instead of scanning every visible document for the match. The covering index
        # (migration 0003) holds what the check and the facet counts read, so the wide
        # document row is read only for the matches the reader may see, to count words.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_searchdocument.id, search_searchdocument.facet_codes, "
                f"{', '.join([length, *counts])} "
                "FROM search_fts CROSS JOIN search_searchdocument "
                "INDEXED BY search_document_window "
                "WHERE search_fts MATCH %s AND search_searchdocument.id = search_fts.rowid "
                f"AND ({where}) ORDER BY search_fts.rowid DESC LIMIT %s",
                [*count_params, self.compile(query), *params, limit],
            )
            found = cursor.fetchall()
        if not found:
            return []
        figures = np.array([row[2:] for row in found], dtype=np.float64).reshape(
            len(found), 1 + 2 * len(units)
        )
        scores = bm25(figures[:, 1::2], figures[:, 2::2], figures[:, 0])
        return [
            (int(row[0]), row[1], float(score)) for row, score in zip(found, scores, strict=True)
        ]

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

    def window(self, query: Query, documents: QuerySet, limit: int) -> list[Row]:
        where, params = where_of(documents)
        # ts_rank_cd reads the document and the query only; normalisation 1 divides it by
        # 1 + log(length), as bm25 favours short texts.
        return self._fetch(
            "SELECT search_searchdocument.id, search_searchdocument.facet_codes, "
            "ts_rank_cd(search_searchdocument.search_vector, q, 1) "
            "FROM search_searchdocument, to_tsquery('simple'::regconfig, %s) q "
            f"WHERE search_searchdocument.search_vector @@ q AND ({where}) "
            "ORDER BY search_searchdocument.id DESC LIMIT %s",
            [self.compile(query), *params, limit],
        )


def engine() -> Engine:
    """Return the engine of the database in use."""
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
