"""The throw-away PostgreSQL database of a benchmark that measures on one.

PostgreSQL must accept `postgres@127.0.0.1:5432` without a password.
"""

from __future__ import annotations

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def create(name: str) -> str:
    """Create the database `name` anew (dropping an earlier one), in UTF-8 with a UTF-8
    ctype so that pg_trgm sees Hangul; return its URL."""
    import psycopg

    drop(name)
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop(name: str) -> None:
    """Drop the database `name` if it is there, closing what is still connected to it."""
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
