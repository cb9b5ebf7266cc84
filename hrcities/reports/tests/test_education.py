"""The report's education section: the year's sessions of the city, as the reader may see them."""

from __future__ import annotations

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
