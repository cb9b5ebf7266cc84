"""Which year is a city's annual report: the latest with values for at least half of the
indicators the reader may see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.indicators.coverage import (
    ANNUAL_REPORT_SHARE,
    annual_report_year,
    coverage_by_city,
    year_coverage,
)

from .factories import make_indicator, observe

public = AnonymousUser()


@pytest.fixture
def four(gwangju):
    """Four published indicators: all four measured in 2022, three in 2023."""
    indicators = [make_indicator(gwangju) for _ in range(4)]
    for indicator in indicators:
        observe(indicator, 2022, 10)
    for indicator in indicators[:3]:
        observe(indicator, 2023, 12)
    return indicators


def counts(city, user=public):
    return [(y.year, y.with_values, y.indicators) for y in year_coverage(city, user)]


def test_the_rule_is_at_least_half_of_the_indicators():
    assert ANNUAL_REPORT_SHARE == 0.5


def test_each_year_counts_the_indicators_with_a_value_for_it(gwangju, four):
    assert counts(gwangju) == [(2023, 3, 4), (2022, 4, 4)]
    assert annual_report_year(year_coverage(gwangju, public)) == 2023


def test_one_early_value_for_next_year_does_not_move_the_annual_report(gwangju, four):
    observe(four[0], 2024, 14)
    years = year_coverage(gwangju, public)
    assert counts(gwangju)[0] == (2024, 1, 4)
    assert not years[0].is_enough
    assert annual_report_year(years) == 2023


def test_exactly_half_is_enough_and_less_is_not(gwangju, four):
    observe(four[0], 2024, 14)
    observe(four[1], 2024, 14)
    assert annual_report_year(year_coverage(gwangju, public)) == 2024
    assert [y.is_enough for y in year_coverage(gwangju, public)] == [True, True, True]


def test_a_value_for_one_group_only_counts_for_its_year(gwangju, four):
    observe(four[0], 2024, 14, disaggregation={"sex": "Female"})
    observe(four[1], 2024, 14, disaggregation={"sex": "Male"})
    assert counts(gwangju)[0] == (2024, 2, 4)
    assert annual_report_year(year_coverage(gwangju, public)) == 2024


def test_a_year_of_values_hidden_from_the_reader_neither_counts_nor_shows(
    gwangju, four, gwangju_editor
):
    drafts = [make_indicator(gwangju, is_published=False) for _ in range(4)]
    for draft in drafts:
        observe(draft, 2024, 1)
    assert counts(gwangju)[0] == (2023, 3, 4), "the public sees four indicators, none for 2024"
    editor = counts(gwangju, gwangju_editor)
    assert editor[0] == (2024, 4, 8) and editor[1] == (2023, 3, 8)
    assert annual_report_year(year_coverage(gwangju, gwangju_editor)) == 2024


def test_without_a_year_of_enough_values_there_is_no_annual_report(gwangju):
    indicators = [make_indicator(gwangju) for _ in range(3)]
    observe(indicators[0], 2023, 1)
    years = year_coverage(gwangju, public)
    assert counts(gwangju) == [(2023, 1, 3)]
    assert annual_report_year(years) is None


def test_every_city_is_counted_apart(gwangju, busan, four):
    observe(make_indicator(busan), 2021, 5)
    by_city = coverage_by_city(public)
    assert [(y.year, y.with_values, y.indicators) for y in by_city[busan.pk]] == [(2021, 1, 1)]
    assert [y.year for y in by_city[gwangju.pk]] == [2023, 2022]
