"""Steps the import and export commands share: who imports, reading the file, a refused
import, writing an export."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from hrcities.core.csvfiles import ImportRefused


def user_named(username: str) -> Any:
    """Return the user who imports, or end the command saying there is no such user."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"There is no user “{username}”.")
    return user


def read_bytes(path: str | Path) -> bytes:
    """Return a file's content, or end the command saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None


def refusal(refused: ImportRefused, stderr: Any) -> CommandError:
    """Write every problem of a refused import to stderr; return the error to end with."""
    for error in refused.report.errors:
        stderr.write(str(error))
    return CommandError(f"Nothing was imported: {len(refused.report.errors)} problem(s) found.")


def write_chunks(chunks: Iterable[str], output: str, stderr: Any) -> None:
    """Write an export's text to the file `output` ("-": standard output), as it comes."""
    if output == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    path = Path(output)
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
    stderr.write(f"Wrote {path}.")
