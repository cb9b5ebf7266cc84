"""The demo indicators: every status, several disaggregations, loaded once."""

from __future__ import annotations

import pytest

from hrcities.indicators.demo import load_demo_indicators
from hrcities.indicators.models import Indicator, IndicatorDefinition, Observation
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


def test_a_korean_reader_of_the_demo_meets_no_untranslated_text(demo_cities, client):
    load_demo_indicators()
    for indicator in Indicator.objects.all():
        assert indicator.data_owner_ko and indicator.description_ko
        assert all(d.formula_ko for d in indicator.definitions.all())
        assert all(d.reason_ko for d in indicator.definitions.all() if d.reason)
    assert not Observation.objects.filter(source_ko="").exists()
    page = client.get(
        Indicator.objects.get(code="GJ-4-1").get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert "장애인복지과" in page and "무장애로 보고한 공공건물 수" in page
    assert 'lang="en"' not in page.split("<main", 1)[1]


def test_demo_indicators_loaded_before_they_had_korean_get_it(demo_cities):
    load_demo_indicators()
    Indicator.objects.update(data_owner_ko="", description_ko="")
    IndicatorDefinition.objects.update(formula_ko="", reason_ko="")
    Observation.objects.update(source_ko="")
    load_demo_indicators()
    owner = Indicator.objects.get(code="GJ-1-1")
    assert (owner.data_owner_ko, owner.current_definition.formula_ko) == (
        "자치행정과",
        "지방선거 투표자 수 / 선거인 수 × 100",
    )
    assert not Observation.objects.filter(source_ko="").exists()
