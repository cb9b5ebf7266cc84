"""The report pages: the index, a report in either language, the PDF download."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from .factories import make_report_city

needs_pdftotext = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


@pytest.fixture
def city(gwangju):
    return make_report_city(gwangju)


def page_url(year=2023, **params):
    url = reverse("reports:report-detail", args=["gwangju", year])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def pdf_url(year=2023, lang="en"):
    return reverse("reports:report-pdf", args=["gwangju", year]) + f"?lang={lang}"


def pdf_text(content: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_the_index_links_each_citys_years(client, city):
    page = client.get(reverse("reports:report-index")).content.decode()
    assert 'href="/reports/gwangju/2023/"' in page
    assert 'href="/reports/gwangju/2018/"' in page


def years_listed(page: str) -> list[tuple[str, str]]:
    """Return (year, coverage) as the list of report years shows them."""
    return re.findall(r'>(\d{4})</(?:a|span)>\s*<span class="muted">([^<]+)</span>', page)


def test_one_early_value_does_not_move_the_annual_report(client, city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    page = client.get(reverse("reports:report-index")).content.decode()
    assert (
        '<a href="/reports/gwangju/2023/">Annual human rights report of Gwangju, 2023</a>' in page
    )
    assert years_listed(page) == [
        ("2024", "1 of 3 indicators with a value"),
        ("2023", "2 of 3 indicators with a value"),
        ("2022", "2 of 3 indicators with a value"),
        ("2018", "1 of 3 indicators with a value"),
    ]
    # The thin year keeps its report, which says how thin it is and where the annual one is.
    thin = client.get(page_url(year=2024, lang="en")).content.decode()
    assert "1 of the 3 indicators of Gwangju have a value for 2024." in " ".join(thin.split())
    assert '<a href="/reports/gwangju/2023/">the report for 2023</a>' in thin
    annual = client.get(page_url(lang="en")).content.decode()
    assert "This is the annual human rights report of Gwangju" in annual


def test_the_city_page_and_its_indicators_link_the_annual_report(client, city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    annual = '<a href="/reports/gwangju/2023/">Annual human rights report of Gwangju, 2023</a>'
    city_page = client.get(reverse("network:city-detail", args=["gwangju"])).content.decode()
    assert annual in city_page
    assert ("2024", "1 of 3 indicators with a value") in years_listed(city_page)
    indicators = reverse("indicators:city-indicators", args=["gwangju"])
    assert annual in client.get(indicators).content.decode()
    chosen = client.get(indicators + "?year=2024").content.decode()
    assert annual in chosen
    assert "Report for 2024 (1 of 3 indicators have a value)" in chosen


def test_a_city_without_values_has_no_report_section(client, busan):
    page = client.get(reverse("network:city-detail", args=["busan"])).content.decode()
    assert "Human rights report" not in page


def test_the_api_names_the_annual_report_and_every_year(client, city):
    from hrcities.indicators.tests.factories import observe

    observe(city.hate, 2024, 900)
    (gwangju,) = client.get("/api/reports/").json()
    assert gwangju["annual_report_year"] == 2023
    assert gwangju["years"][0] == {
        "year": 2024,
        "indicators_with_values": 1,
        "indicators": 3,
        "is_enough": False,
        "url": "/reports/gwangju/2024/",
        "pdf_url": "/reports/gwangju/2024/report.pdf",
    }
    assert client.get("/api/reports/gwangju").json() == gwangju
    assert client.get("/api/reports/atlantis").status_code == 404


def test_each_indicator_shows_its_status_its_change_and_both_in_one_sentence(client, city):
    page = client.get(page_url(lang="en")).content.decode()
    section = page[page.index('id="indicator-s-1"') :]
    section = " ".join(section[: section.index("</section>")].split())
    assert "<dt>Status since the baseline</dt>" in section
    assert '<span class="status status-deterioration">Deterioration</span>' in section
    assert (
        "<dt>Change on the year before</dt><dd>worsened on the year before: "
        "1,200 cases in 2022, 1,350 cases in 2023</dd>" in section
    )
    assert (
        "Worsened on the year before, and worse than at the 2022 baseline. No target is set."
        in section
    )
    women = page[page.index('id="indicator-p-1"') :]
    assert "<dt>Status against the target</dt>" in women
    # The summary explains what each reading means and why they can differ.
    assert "Two ways to read each indicator" in page
    assert "one good year does not make up for years of decline" in page


def test_an_indicator_that_improved_while_off_track_says_why_the_two_differ(client, city):
    from hrcities.indicators.tests.factories import make_indicator, observe

    recovering = make_indicator(
        city.city,
        domain=city.participation,
        code="P-3",
        baseline_year=2018,
        baseline_value=60,
        target_year=2030,
        target_value=80,
    )
    for year, value in [(2018, 60), (2022, 50), (2023, 55)]:
        observe(recovering, year, value)
    page = client.get(page_url(lang="en")).content.decode()
    section = page[page.index('id="indicator-p-3"') :]
    section = section[: section.index("</section>")]
    assert "report-reading-differs" in section
    assert (
        "Improved on the year before, but still worse than at the 2018 baseline, "
        "so off track for the 2030 target." in section
    )
    assert "The two differ because the status weighs the whole way since the baseline" in section
    korean = client.get(page_url(lang="ko")).content.decode()
    assert "2030" in korean[korean.index('id="indicator-p-3"') :][:4000]


def test_the_report_page_has_the_sites_breadcrumb_trail(client, city):
    page = client.get(page_url(lang="en")).content.decode()
    assert (
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
        '<li><a href="/reports/">Human rights reports</a></li>'
        '<li><a href="/network/cities/gwangju/">Gwangju</a></li>'
        '<li aria-current="page">2023</li></ol></nav>'
    ) in page


def test_the_report_page_shows_domains_statuses_charts_and_the_pdf_button(client, city):
    response = client.get(page_url(lang="en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Gwangju human rights report 2023</h1>" in page
    assert 'id="domain-participation"' in page and 'id="domain-safety"' in page
    assert "Substantial progress" in page
    assert 'role="img"' in page and "The 2030 target is 70%." in page
    assert '<th scope="row">Target (2030)</th><td>70%</td>' in page, "the chart's data table"
    assert f'href="{pdf_url()}"' in page
    assert "Open the human rights office" in page and "Hire two investigators" in page


def test_the_report_page_reads_in_korean_with_lang_ko(client, city):
    page = client.get(page_url(lang="ko")).content.decode()
    assert '<html lang="ko">' in page
    assert "참여" in page and "위원회 여성 비율" in page
    assert 'hreflang="en"' in page


def test_the_report_follows_the_sites_language_without_lang(client, city):
    page = client.get(page_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in page and "안전" in page


def test_a_year_without_values_answers_not_found_with_the_years_there_are(client, city):
    response = client.get(page_url(year=2019, lang="en"))
    assert response.status_code == 404
    assert "Years with values: 2023, 2022, 2018." in response.content.decode()
    missing = client.get(reverse("reports:report-detail", args=["atlantis", 2023]))
    assert missing.status_code == 404


def test_the_public_never_sees_an_unpublished_indicator_on_the_page(client, city):
    page = client.get(page_url(lang="en")).content.decode()
    assert "Secret draft indicator" not in page


def test_the_citys_editor_sees_the_draft_marked_as_not_published(client, city, gwangju_editor):
    client.force_login(gwangju_editor)
    page = client.get(page_url(lang="en")).content.decode()
    assert "Secret draft indicator" in page and "not published" in page


@needs_pdftotext
def test_the_pdf_download_holds_korean_text_that_can_be_copied(client, city, tmp_path):
    response = client.get(pdf_url(lang="ko"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "위원회 여성 비율" in text and "신고된 혐오 범죄" in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, check=True
    ).stdout.decode()
    assert "NanumGothic" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), "fonts embedded"


@needs_pdftotext
def test_the_pdf_has_a_cover_contents_with_page_numbers_and_numbered_pages(client, city, tmp_path):
    content = client.get(pdf_url(lang="en")).content
    pages = pdf_text(content, tmp_path, "-layout").split("\f")
    assert "Gwangju human rights report 2023" in pages[0]
    contents = pages[1]
    assert "Contents" in contents
    # Each entry of the contents ends with the page it starts on.
    starts = dict(re.findall(r"^ *(\S.*?) \.{3,} (\d+)$", contents, flags=re.MULTILINE))
    assert set(starts) >= {"Participation", "Safety", "Commitments and actions"}, contents
    assert "Reported hate crimes" in pages[int(starts["Safety"]) - 1]
    assert "Open the human rights office" in pages[int(starts["Commitments and actions"]) - 1]
    total = len([page for page in pages if page.strip()])
    assert re.search(rf"^\s*2\s*/\s*{total}\s*$", pages[1], flags=re.MULTILINE), "page numbers"


@needs_pdftotext
def test_the_pdf_for_the_public_leaves_out_the_unpublished_indicator(client, city, tmp_path):
    text = pdf_text(client.get(pdf_url()).content, tmp_path)
    assert "Women on city committees" in text
    assert "Secret draft indicator" not in text


def test_an_unknown_language_falls_back_to_the_sites(client, city):
    response = client.get(page_url(lang="xx"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


@pytest.mark.skipif(not shutil.which("pdftohtml"), reason="poppler-utils is not installed")
def test_the_pdf_has_bookmarks_by_domain_and_indicator(client, city, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(client.get(pdf_url(lang="en")).content)
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", str(path)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    outline = xml[xml.index("<outline>") :]
    bookmarks = re.findall(r'<item page="\d+">([^<]+)</item>', outline)
    assert bookmarks[0] == "Gwangju human rights report 2023"
    assert bookmarks.index("Participation") < bookmarks.index("P-1 Women on city committees")
    assert "Commitments and actions" in bookmarks


@needs_pdftotext
def test_the_pdf_gives_each_chart_its_data_as_text_as_the_page_does(client, city, tmp_path):
    page = client.get(page_url()).content.decode()
    text = " ".join(pdf_text(client.get(pdf_url()).content, tmp_path).split())
    assert page.count('<table class="chart-table">') >= 3
    # Women on city committees, year by year (with the years it lacks) and by sex.
    assert "Year — Value (%): 2018 40% · 2019 no data · 2020 no data" in text
    assert "Target (2030) 70%" in text
    assert "Sex — Value (%): Female 57% · Male 53%" in text
