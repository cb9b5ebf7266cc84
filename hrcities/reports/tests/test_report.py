"""What a report holds: domains, statuses, what improved and worsened, actions with progress."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from hrcities.reports.report import (
    ReportError,
    build_report,
    city_reports,
    find_city,
    reports_available,
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
    assert 2025 not in [y.year for y in city_reports(city.city, AnonymousUser()).years]


def test_an_unknown_city_is_named_in_the_error(db):
    with pytest.raises(ReportError, match="There is no city “atlantis”."):
        find_city("atlantis")


def test_the_index_lists_cities_with_their_years_and_annual_report(city, busan):
    (gwangju,) = reports_available(AnonymousUser())
    assert gwangju.city == city.city
    # Three published indicators: women (2018, 2022, 2023), hate crimes (2022, 2023), waiting.
    assert [(y.year, y.with_values, y.indicators) for y in gwangju.years] == [
        (2023, 2, 3),
        (2022, 2, 3),
        (2018, 1, 3),
    ]
    assert gwangju.annual_year == 2023


def test_a_thin_year_has_its_report_which_names_the_annual_one(city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    report = report_for(city, year=2024)
    assert (report.coverage.with_values, report.coverage.indicators) == (1, 3)
    assert report.annual_year == 2023 and not report.is_annual
    assert report_for(city).is_annual


def test_each_indicator_reads_its_status_and_its_change_together(city):
    report = report_for(city)
    women, waiting = report.domains[0].indicators
    assert women.reading == "Improved on the year before, and on track for the 2030 target."
    (hate,) = report.domains[1].indicators
    assert hate.reading == (
        "Worsened on the year before, and worse than at the 2022 baseline. No target is set."
    )
    assert waiting.reading == "There are not enough values yet for a status."
    with translation.override("ko"):  # as the page and the PDF are rendered
        korean = report_for(city, language="ko").domains[0].indicators[0].reading
    assert korean == "전년보다 개선되었고, 2030년 목표를 향해 순조롭게 나아가고 있습니다."


def test_an_indicator_without_a_value_for_the_year_says_so_before_its_status(city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    women = report_for(city, year=2024).domains[0].indicators[0]
    assert women.change is None
    assert women.reading == (
        "There is no value for 2024; the latest is for 2023. On track for the 2030 target."
    )


def test_names_follow_the_reports_language(city):
    report = report_for(city, language="ko")
    assert [domain.name for domain in report.domains] == ["참여", "안전"]
    assert report.title.startswith("광주")


def test_demo_values_mark_the_report_as_sample_figures(city):
    assert not report_for(city).is_demo
    city.women.observations.filter(year=2023).update(is_demo=True)
    assert report_for(city).is_demo
