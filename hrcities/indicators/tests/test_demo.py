"""The demo indicators: every status, several disaggregations, loaded once."""

from __future__ import annotations

import pytest

from hrcities.indicators.demo import load_demo_indicators
from hrcities.indicators.models import Indicator, Observation
from hrcities.indicators.progress import city_progress
from hrcities.indicators.status import STATUS_ORDER
from hrcities.network.tests.factories import make_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cities(gwangju):
    return [gwangju, make_city(slug="seoul"), make_city(slug="graz")]


def test_demo_indicators_show_every_status(demo_cities, reader):
    counts = load_demo_indicators()
    assert counts["indicators"] == Indicator.objects.count() >= 15
    statuses = {
        str(item.status.status)
        for city in demo_cities
        for item in city_progress(city, user=reader).indicators
    }
    assert statuses == {str(s) for s in STATUS_ORDER}


def test_demo_values_are_marked_as_samples_and_broken_down(demo_cities):
    load_demo_indicators()
    assert not Observation.objects.filter(is_demo=False).exists()
    assert all("Sample figures" in o.source for o in Observation.objects.all())
    dimensions = {slug for o in Observation.objects.all() for slug in o.disaggregation}
    assert dimensions >= {"sex", "age", "district", "migrant", "disability"}


def test_gwangju_has_its_five_domains_and_a_changed_definition(demo_cities, gwangju):
    load_demo_indicators()
    assert gwangju.indicator_domains.count() == 5
    step_free = Indicator.objects.get(city=gwangju, code="GJ-4-1")
    assert step_free.current_definition.number == 2
    by_year = dict(step_free.observations.values_list("year", "definition__number"))
    assert by_year[2020] == 1 and by_year[2021] == 2


def test_loading_again_adds_nothing(demo_cities):
    load_demo_indicators()
    again = load_demo_indicators()
    assert again == {"indicator domains": 0, "indicators": 0, "indicator values": 0}
