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
