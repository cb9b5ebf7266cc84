"""A reader opens a city's annual report, reads its charts without seeing them, downloads
the PDF; an editor enters a value and sees it on the indicator's chart and in the report."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

REPORT = reverse("reports:report-detail", args=["gwangju", 2023])
INDICATOR = reverse("indicators:indicator-detail", args=["gwangju", "GJ-1-2"])


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def test_a_reader_reads_the_report_and_its_charts_in_words_and_downloads_the_pdf(page, tmp_path):
    page.goto(reverse("reports:report-index"))
    page.get_by_role("link", name="Gwangju human rights report 2023").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwangju human rights report 2023")
    expect(page.locator(".report-demo")).to_contain_text("Sample figures")

    # Each chart is an image named by its title and described in words.
    chart = page.get_by_role("img", name=re.compile("Workers paid below the minimum wage"))
    expect(chart.first).to_be_visible()
    figure = (
        page.locator("figure.chart", has=page.locator("svg"))
        .filter(has_text="Workers paid below the minimum wage")
        .first
    )
    expect(figure.locator("figcaption")).to_contain_text("The 2026 target is 8.0%.")
    # The data table is one click away, with the target as a row.
    figure.locator("summary").click()
    table = figure.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile(r"Target \(2026\)"))).to_contain_text("8.0%")

    # The summary says what improved and what worsened.
    expect(page.locator("#summary")).to_contain_text("improved on the year before")
    expect(page.locator("#commitments")).to_be_visible()

    # The first PDF of a process loads fonts and styles; a busy CI machine may take a while.
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename == "hrcities-report-gwangju-2023-en.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "Gwangju human rights report 2023" in text and "Contents" in text


def test_the_report_reads_in_korean_from_its_language_link(page):
    page.goto(REPORT)
    page.get_by_role("link", name=re.compile("Read this report in 한국어")).click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_contain_text("광주")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_report_pages_are_accessible(page, language):
    page.goto(reverse("reports:report-index"))
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    page.goto(reverse("reports:report-index"))
    assert_accessible(page)
    page.goto(REPORT)
    # With every data table open, so axe checks the tables too.
    for summary in page.locator("details.chart-data > summary").all():
        summary.click()
    assert_accessible(page)


def test_an_entered_value_appears_on_the_chart_and_in_the_report(page):
    sign_in(page, "gwangju-editor")
    page.goto(INDICATOR)
    chart = page.locator("figure.chart").first
    expect(chart.locator("svg text", has_text="2024")).to_have_count(0)

    form = page.get_by_role("form", name="Enter a value")
    form.get_by_label("Year").fill("2024")
    form.get_by_label("Value").fill("3400")
    form.get_by_role("button", name="Record the value").click()
    expect(page.locator(".message-success")).to_contain_text("The value for 2024 was recorded.")

    # The new point is on the chart, labelled, and in its words and its table.
    chart = page.locator("figure.chart").first
    expect(chart.locator("svg text", has_text="2024")).to_have_count(1)
    expect(chart.locator("svg text", has_text="3,400")).to_have_count(1)
    expect(chart.locator("figcaption")).to_contain_text("to 3,400 persons")
    assert_accessible(page)

    # The report for 2024 now exists and shows the value.
    page.goto(reverse("reports:report-detail", args=["gwangju", 2024]) + "?lang=en")
    section = page.locator("#indicator-gj-1-2")
    expect(section).to_contain_text("3,400 persons (2024)")
    expect(section).to_contain_text("improved on the year before")

    # Take the value back out, so other tests see the demo figures.
    page.goto(INDICATOR)
    page.get_by_role("link", name=re.compile(r"^Delete 2024")).first.click()
    page.get_by_role("button", name="Delete the value").click()
    expect(page.locator("figure.chart").first.locator("svg text", has_text="2024")).to_have_count(0)
