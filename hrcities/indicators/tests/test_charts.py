"""Charts: what they say in words, what the table holds, and the SVG they draw."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from hrcities.indicators.charts import (
    breakdown_chart,
    format_number,
    format_value,
    indicator_breakdowns,
    indicator_chart,
    nice_ticks,
    time_series_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(chart) -> ET.Element:
    """Parse the SVG as XML: a chart that is not well-formed fails here."""
    return ET.fromstring(str(chart.svg))


def texts(chart) -> list[str]:
    return [element.text or "" for element in parse(chart).iter(f"{SVG}text")]


def share_of_women(**overrides):
    arguments = {
        "title": "Women among senior city officials",
        "unit": "%",
        "baseline": (2018, 41),
        "target": (2030, 70),
        "polarity": "higher",
    }
    arguments.update(overrides)
    points = arguments.pop("points", [(2018, 41), (2020, 47), (2022, 52), (2024, 58)])
    return time_series_chart(points, **arguments)


def test_the_description_tells_the_trend_the_latest_value_and_the_target():
    chart = share_of_women(baseline=None, polarity=None)
    assert chart.description.startswith(
        "From 2018 to 2024 the value rose from 41% to 58%. "
        "No data for 2019, 2021 and 2023. The 2030 target is 70%."
    )


def test_a_falling_and_a_flat_series_are_said_so():
    falling = time_series_chart([(2020, 12.5), (2024, 9)], title="Evictions", polarity="lower")
    flat = time_series_chart([(2020, 5), (2021, 5), (2022, 5)], title="Shelters")
    assert "fell from 12.5 to 9." in falling.description
    assert "Lower values are better." in falling.description
    assert "From 2020 to 2022 the value stayed at 5." in flat.description


def test_the_svg_is_an_image_named_by_its_title_and_description():
    chart = share_of_women()
    root = parse(chart)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, chart.title)
    assert (desc.get("id"), desc.text) == (desc_id, chart.description)


def test_the_target_is_a_dashed_line_with_a_label_and_values_are_labelled():
    chart = share_of_women()
    root = parse(chart)
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert dashed, "the target is drawn as a dashed line"
    labels = texts(chart)
    assert "Target 2030" in labels and "70%" in labels
    assert {"41%", "47%", "52%", "58%"} <= set(labels)
    assert {"2018", "2024"} <= set(labels)


def test_missing_years_break_the_line_and_read_no_data_in_the_table():
    chart = time_series_chart(
        [(2018, 10), (2019, 11), (2022, 14), (2023, 15)], title="Interpreters", unit="people"
    )
    assert chart.headers == ("Year", "Value (people)")
    assert chart.rows == (
        ("2018", "10 people"),
        ("2019", "11 people"),
        ("2020", "no data"),
        ("2021", "no data"),
        ("2022", "14 people"),
        ("2023", "15 people"),
    )
    assert len(parse(chart).findall(f"{SVG}polyline")) == 2, "one line each side of the gap"
    assert "No data for 2020 and 2021." in chart.description


def test_the_table_lists_the_baseline_and_the_target():
    chart = share_of_women()
    assert chart.rows[-2:] == (("Baseline (2018)", "41%"), ("Target (2030)", "70%"))


def test_a_single_point_is_drawn_and_described():
    chart = time_series_chart([(2024, 58)], title="One year", unit="%", target=(2030, 70))
    assert chart.description == "In 2024 the value was 58%. The 2030 target is 70%."
    assert len(list(parse(chart).iter(f"{SVG}circle"))) >= 1
    assert "58%" in texts(chart)


def test_no_values_yet_gives_an_empty_chart_that_says_so():
    chart = time_series_chart([], title="Nothing yet", target=(2030, 10))
    assert chart.description.startswith("No values have been recorded yet.")
    parse(chart)


def test_negative_values_get_an_axis_below_zero():
    chart = time_series_chart([(2020, -5), (2021, -1.5), (2022, 3)], title="Net change in shelters")
    labels = texts(chart)
    assert "-5" in labels and "0" in labels
    assert "From 2020 to 2022 the value rose from -5 to 3." in chart.description


def test_all_equal_values_are_drawn_on_a_real_scale():
    chart = time_series_chart([(2020, 7), (2021, 7)], title="Same")
    labels = texts(chart)
    assert "0" in labels, "the scale reaches down to zero rather than collapsing"
    assert labels.count("7") >= 2


def test_huge_numbers_carry_thousands_separators():
    chart = time_series_chart(
        [(2015, 1_200_000), (2024, 1_515_000)], title="Residents", unit="people"
    )
    assert "1,515,000" in texts(chart)
    assert ("2024", "1,515,000 people") in chart.rows
    assert "1,600,000" in texts(chart)


def test_period_labels_that_are_not_years_keep_their_order():
    chart = time_series_chart(
        [("2024-Q1", 3), ("2024-Q2", 4), ("2024-Q3", 6)], title="Quarterly", unit="cases"
    )
    assert chart.headers[0] == "Period"
    assert [row[0] for row in chart.rows] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert "From 2024-Q1 to 2024-Q3 the value rose from 3 cases to 6 cases." in chart.description


def test_user_text_is_escaped_everywhere_in_the_svg():
    chart = time_series_chart(
        [(2024, 1)], title='<script>alert("x")</script>', unit="<b>units</b>", id='x" onload="y'
    )
    svg = str(chart.svg)
    assert "<script" not in svg and "<b>" not in svg
    assert "onload=" not in svg
    assert "&lt;script&gt;" in svg
    parse(chart)
    bars = breakdown_chart(
        [("<img src=x onerror=alert(1)>", 5)], title="t", dimension="<i>d</i>", period=2024
    )
    assert "<img" not in str(bars.svg) and "&lt;img" in str(bars.svg)


def test_the_same_data_draws_the_same_bytes_and_other_data_another_id():
    first, again = share_of_women(), share_of_women()
    assert first.svg == again.svg and first.id == again.id
    other = share_of_women(points=[(2018, 41), (2024, 60)])
    assert other.id != first.id


def test_a_given_id_is_used_for_the_title_and_description():
    chart = share_of_women(id="indicator-12-series")
    assert chart.id == "indicator-12-series"
    assert 'aria-labelledby="indicator-12-series-title indicator-12-series-desc"' in chart.svg


def test_korean_labels_are_kept_as_text():
    chart = breakdown_chart(
        [("동구", 12.5), ("서구", -3.25), ("광산구", None)],
        title="자치구별 변화",
        dimension="자치구",
        period=2024,
        unit="%",
        total=9,
    )
    labels = texts(chart)
    assert {"동구", "서구", "광산구", "12.5%", "-3.25%"} <= set(labels)
    assert ("광산구", "no data") in chart.rows
    assert chart.rows[-1] == ("All", "9%")


def test_a_breakdown_draws_one_bar_per_value_and_a_hatched_bar_for_everyone():
    chart = breakdown_chart(
        [("Women", 61), ("Men", 55)],
        title="By sex",
        dimension="Sex",
        period=2024,
        unit="%",
        total=58,
    )
    root = parse(chart)
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "18"]
    assert len(bars) == 3
    assert bars[-1].get("fill").startswith("url(#"), "everyone's bar is hatched, not coloured"
    assert root.find(f".//{SVG}pattern") is not None
    assert chart.description == "In 2024, by Sex: Women 61%, Men 55%. For everyone: 58%."
    assert chart.headers == ("Sex", "Value (%)")


def test_a_breakdown_with_many_categories_names_the_highest_and_the_lowest():
    districts = [("Dong-gu", 4), ("Seo-gu", 9), ("Nam-gu", 2), ("Buk-gu", 7), ("Gwangsan-gu", 5)]
    chart = breakdown_chart(districts, title="By district", dimension="district", period=2023)
    assert chart.description == (
        "In 2023, by district, the value was highest for Seo-gu (9) and lowest for "
        "Nam-gu (2), across 5 categories."
    )


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 58, [0, 10, 20, 30, 40, 50, 60]),
        (-5, 8.5, [-5, 0, 5, 10]),
        (1_200_000, 1_515_000, [1_200_000, 1_300_000, 1_400_000, 1_500_000, 1_600_000]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (5, 5, [5, 5.2, 5.4, 5.6, 5.8, 6]),
    ],
)
def test_ticks_are_round_numbers_that_cover_the_range(low, high, expected):
    assert nice_ticks(low, high) == expected


def test_numbers_read_with_separators_and_only_the_decimals_they_need():
    assert format_number(1515000) == "1,515,000"
    assert format_number(41.5) == "41.5"
    assert format_number(41.0) == "41"
    assert format_number(-0.0000001) == "0"
    assert format_number(-0.0001) == "-0.0001"
    assert format_value(12.25, "%") == "12.25%"
    assert format_value(3, "per 1,000 residents") == "3 per 1,000 residents"


def test_the_partial_shows_the_chart_its_words_and_its_table():
    chart = share_of_women()
    html = render_to_string("indicators/_chart.html", {"chart": chart})
    assert str(chart.svg) in html
    assert chart.description in html
    assert '<th scope="row">Target (2030)</th><td>70%</td>' in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
@pytest.mark.parametrize("as_image", [False, True])
def test_the_pdf_draws_the_svg_with_its_text(tmp_path, as_image):
    from hrcities.core.pdf import html_to_pdf

    chart = breakdown_chart(
        [("동구", 12.5), ("서구", 3)], title="자치구", dimension="자치구", period=2024, unit="%"
    )
    html = render_to_string("indicators/_chart.html", {"chart": chart, "chart_as_image": as_image})
    path = tmp_path / "chart.pdf"
    path.write_bytes(html_to_pdf(f"<html><body>{html}</body></html>"))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    # The labels drawn inside the SVG come out of the PDF as text, whole.
    assert "12.5%" in text and "동구" in text
    assert re.search(r"서구\s", text)


@pytest.mark.django_db
def test_an_indicators_chart_shows_its_totals_baseline_and_target(gwangju):
    from hrcities.indicators.progress import indicator_progress

    from .factories import make_indicator, observe

    indicator = make_indicator(
        gwangju,
        names={"en": "Women on city committees"},
        baseline_year=2018,
        baseline_value=Decimal("30"),
        target_year=2030,
        target_value=Decimal("50"),
        decimals=1,
    )
    observe(indicator, 2018, "30")
    observe(indicator, 2023, "41.26")
    observe(indicator, 2023, "44", disaggregation={"sex": "Female"})
    chart = indicator_chart(indicator_progress(indicator))
    assert chart.title == "Women on city committees"
    assert chart.id == f"indicator-{indicator.pk}-series"
    assert ("2023", "41.3%") in chart.rows, "the value shows the indicator's decimals"
    assert ("Target (2030)", "50.0%") in chart.rows
    assert "44.0%" not in {value for _label, value in chart.rows}, "groups stay out of the line"


@pytest.mark.django_db
def test_an_indicator_broken_down_by_sex_gets_a_bar_chart_of_its_latest_year(gwangju):
    from hrcities.indicators.models import Dimension
    from hrcities.indicators.progress import indicator_progress

    from .factories import make_indicator, observe

    indicator = make_indicator(gwangju, names={"en": "Employment rate"})
    for year, total, women, men in [(2022, 60, 55, 65), (2023, 62, 58, 66)]:
        observe(indicator, year, total)
        observe(indicator, year, women, disaggregation={"sex": "Female"})
        observe(indicator, year, men, disaggregation={"sex": "Male"})
    dimensions = list(Dimension.objects.for_city(gwangju))
    (chart,) = indicator_breakdowns(indicator_progress(indicator), dimensions)
    assert chart.title == "Employment rate by Sex, 2023"
    assert chart.rows == (("Female", "58.0%"), ("Male", "66.0%"), ("All", "62.0%"))
    with translation.override("ko"):
        (korean,) = indicator_breakdowns(indicator_progress(indicator), dimensions)
    assert korean.rows[:2] == (("여성", "58.0%"), ("남성", "66.0%"))
    (earlier,) = indicator_breakdowns(indicator_progress(indicator), dimensions, year=2022)
    assert earlier.rows[0] == ("Female", "55.0%")
