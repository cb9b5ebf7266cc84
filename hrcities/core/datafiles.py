"""Data kept as data: TOML files that ship with the code (demo content, for one)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def read_toml(path: Path) -> dict[str, Any]:
    """Return the contents of a TOML file; a broken file is refused naming it and the place."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ImproperlyConfigured(f"{path}: {error}") from error
