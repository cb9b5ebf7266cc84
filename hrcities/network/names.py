"""Place names that need no database: shared by the models and the map's build script."""

from __future__ import annotations

KOREAN_SUFFIXES = ("시", "특별시", "광역시", "군", "구")


def preferred_korean_name(names: list[str]) -> str:
    """Return the Hangul name most likely to be a place's everyday name.

    GeoNames lists alternate names without saying which is preferred; the everyday
    name is usually the one that also appears with an administrative suffix
    ("서울" beside "서울시", "서울특별시"), else the shortest.
    """
    for name in names:
        if any(name + suffix in names for suffix in KOREAN_SUFFIXES):
            return name
    return min(names, key=len) if names else ""
