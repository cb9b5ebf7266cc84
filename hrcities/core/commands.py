"""Steps the import commands share: who imports, reading the file, a refused import."""

from __future__ import annotations

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
