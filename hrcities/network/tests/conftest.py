"""Network test set-up: the reference geography, loaded small.

Most tests need countries and a few dozen GeoNames places (those of the demo cities,
both Gwangjus, Busan, both Yorks); loading all 34,006 places takes seconds, so only the
loader test does that.
"""

from __future__ import annotations

from functools import cache

import pytest

from hrcities.network.demo import DEMO_CITIES
from hrcities.network.loaders import read_countries, read_places, sync_rows
from hrcities.network.models import Country, GeoNamesPlace

EXTRA_PLACES = {
    1841810,  # Gwangju, Gyeonggi-do
    1838524,  # Busan
    5128581,  # New York City
    5141502,  # York, Pennsylvania (if listed)
    3688689,  # Bogotá
}


@cache
def _subset() -> tuple[dict, ...]:
    wanted = {demo.geonames_id for demo in DEMO_CITIES} | EXTRA_PLACES
    names = {"York", "Gwangju"}
    return tuple(p for p in read_places() if p["geonames_id"] in wanted or p["name"] in names)


@cache
def _countries() -> tuple[dict, ...]:
    return tuple(read_countries())


@pytest.fixture
def geo(db):
    """Load every country and a small set of GeoNames places."""
    sync_rows(Country, list(_countries()))
    sync_rows(GeoNamesPlace, [dict(row) for row in _subset()])


@pytest.fixture
def demo(geo):
    from hrcities.network.demo import load_demo_network

    load_demo_network()
