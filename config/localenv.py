"""The development settings file that `make run` writes once: `var/local.env`.

A newcomer's shell has nothing exported, yet every README command must run in it. So
`make run` writes `DEBUG=true` and a generated SECRET_KEY to a git-ignored file (mode 600) in
the data folder, and the settings read it. Variables set in the environment always win, and
production, which has no such file, still refuses to start without a real SECRET_KEY.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

FILE_NAME = "local.env"


def parse(text: str) -> dict[str, str]:
    """Return the KEY=VALUE pairs of a settings file, skipping blank lines and comments."""
    values = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            raise ValueError(f"line {number}: expected KEY=VALUE, got {line!r}")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load(path: Path) -> None:
    """Set every variable of the file at `path` that the environment does not set already."""
    if not path.is_file():
        return
    try:
        values = parse(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SystemExit(f"{path}: {error}") from None
    for key, value in values.items():
        os.environ.setdefault(key, value)


def write(path: Path) -> bool:
    """Write a development settings file at `path` unless one exists; return whether it wrote."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        "# Development settings written by `make run` (never used in production: see README).\n"
        "# Variables set in the environment win over these.\n"
        "DEBUG=true\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    )
    # Created with mode 600 from the start: the secret key is never readable by others.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if write(target):
        print(f"Wrote development settings to {target} (DEBUG=true and a new secret key).")
