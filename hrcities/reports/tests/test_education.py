"""The report's education section: the year's sessions of the city, as the reader may see them."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from hrcities.access.tiers import Publication
from hrcities.education.tests.factories import make_programme, make_session
from hrcities.reports.report import build_report

from .factories import make_report_city


@pytest.fixture
def city(gwangju):
    report_city = make_report_city(gwangju)
    shown = make_programme(gwangju, titles={"en": "Memory walk"})
    hidden = make_programme(gwangju, titles={"en": "Draft course"}, publication=Publication.DRAFT)
    make_session(shown, starts_on=date(2023, 5, 18), participants=30)
    make_session(shown, starts_on=date(2023, 10, 1), participants=12)
    make_session(shown, starts_on=date(2022, 5, 18), participants=99)
    make_session(hidden, starts_on=date(2023, 6, 1), participants=500)
    return report_city


def test_the_report_counts_the_years_sessions_the_public_may_see(city):
    with translation.override("en"):
        report = build_report(city.city, 2023, user=AnonymousUser(), language="en")
    assert report.education.sessions == 2 and report.education.participants == 42
    assert [row["programme"].title for row in report.education.programmes] == ["Memory walk"]


def test_the_citys_editor_sees_its_draft_programme_counted(city, gwangju_editor):
    with translation.override("en"):
        report = build_report(city.city, 2023, user=gwangju_editor, language="en")
    assert report.education.participants == 542


def test_the_report_page_has_the_education_section_in_both_languages(client, city):
    url = reverse("reports:report-detail", args=["gwangju", 2023])
    page = client.get(url).content.decode()
    assert "Human rights education" in page and "Memory walk" in page
    assert "Draft course" not in page
    korean = client.get(url, {"lang": "ko"}).content.decode()
    assert "인권교육" in korean


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_has_the_education_section_without_the_draft(client, city, tmp_path):
    response = client.get(reverse("reports:report-pdf", args=["gwangju", 2023]) + "?lang=en")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Human rights education" in text and "Memory walk" in text
    assert "Draft course" not in text
