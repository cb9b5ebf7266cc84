"""What a report holds: domains, statuses, what improved and worsened, actions with progress."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from hrcities.reports.report import (
    ReportError,
    build_report,
    find_city,
    reports_available,
    years_with_data,
)

from .factories import make_report_city


@pytest.fixture
def city(gwangju):
    return make_report_city(gwangju)


def report_for(city, year=2023, user=None, language="en"):
    with translation.override(language):
        return build_report(city.city, year, user=user or AnonymousUser(), language=language)


def test_indicators_are_grouped_by_domain_in_the_citys_order(city):
    report = report_for(city)
    assert [domain.name for domain in report.domains] == ["Participation", "Safety"]
    codes = [[entry.indicator.code for entry in domain.indicators] for domain in report.domains]
    assert codes == [["P-1", "P-2"], ["S-1"]]


def test_each_indicator_has_its_status_as_of_the_year_and_its_charts(city):
    report = report_for(city)
    women, waiting = report.domains[0].indicators
    assert women.status.label == "Substantial progress"
    assert women.latest_text == "55%" and women.previous_text == "50%"
    assert women.chart.rows[-1] == ("Target (2030)", "70%")
    assert [chart.rows[-1] for chart in women.breakdowns] == [("All", "55%")]
    assert waiting.status.label == "Not enough data" and waiting.chart is None


def test_the_status_is_the_one_of_the_reports_year(city):
    earlier = report_for(city, year=2022)
    women = earlier.domains[0].indicators[0]
    assert women.latest_text == "50%"
    assert women.chart.rows[-3:-2] == (("2022", "50%"),), "2023 is not in the 2022 report"


def test_the_summary_counts_what_improved_and_what_worsened_by_domain(city):
    report = report_for(city)
    participation, safety = report.domains
    assert [e.indicator.code for e in participation.improved] == ["P-1"]
    assert [e.indicator.code for e in safety.worsened] == ["S-1"], "more hate crimes is worse"
    totals = report.totals
    assert (totals.compared, totals.improved_text, totals.worsened_text) == (
        2,
        "1 (50%)",
        "1 (50%)",
    )


def test_an_indicator_without_a_value_for_the_year_counts_neither_way(city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    report = report_for(city, year=2024)
    assert report.totals.compared == 1, "only the indicator with a 2024 value is compared"
    assert [e.indicator.code for e in report.totals.improved] == ["S-1"]


def test_the_citys_actions_come_with_their_rolled_up_progress(city):
    report = report_for(city)
    (entry,) = report.commitments
    assert entry.commitment == city.commitment
    assert [(depth, node.action.title) for depth, node in entry.rows] == [
        (0, "Open the human rights office"),
        (1, "Hire two investigators"),
    ]
    assert entry.part.progress == 20, "a parent counts the mean of its sub-actions"
    assert [e.indicator.code for e in entry.indicators] == ["P-1"]


def test_the_public_report_leaves_out_an_unpublished_indicator(city, gwangju_editor):
    public = report_for(city)
    assert "S-2" not in [entry.indicator.code for entry in public.indicators]
    editor = report_for(city, user=gwangju_editor)
    assert "S-2" in [entry.indicator.code for entry in editor.indicators]


def test_a_year_without_values_is_refused_with_the_years_there_are(city):
    with pytest.raises(
        ReportError, match="no indicator values for 2019. Years with values: 2023, 2022, 2018"
    ):
        report_for(city, year=2019)


def test_a_year_with_only_unpublished_values_has_no_public_report(city):
    from hrcities.indicators.tests.factories import observe

    observe(city.draft, 2025, 3)
    with pytest.raises(ReportError):
        report_for(city, year=2025)
    assert 2025 not in years_with_data(city.city, AnonymousUser())


def test_an_unknown_city_is_named_in_the_error(db):
    with pytest.raises(ReportError, match="There is no city “atlantis”."):
        find_city("atlantis")


def test_the_index_lists_cities_with_their_years(city, busan):
    assert reports_available(AnonymousUser()) == [(city.city, [2023, 2022, 2018])]


def test_names_follow_the_reports_language(city):
    report = report_for(city, language="ko")
    assert [domain.name for domain in report.domains] == ["참여", "안전"]
    assert report.title.startswith("광주")


def test_demo_values_mark_the_report_as_sample_figures(city):
    assert not report_for(city).is_demo
    city.women.observations.filter(year=2023).update(is_demo=True)
    assert report_for(city).is_demo
