"""The report's emergency section: the year's measures of the city and their reviews, as
the reader may see them, on the page and in the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from hrcities.access.tiers import Publication
from hrcities.emergency.models import MeasureChange
from hrcities.emergency.tests.factories import make_measure, make_review
from hrcities.reports.report import build_report

from .factories import make_report_city
from .test_views import needs_pdftotext, pdf_text


@pytest.fixture
def city(gwangju):
    report_city = make_report_city(gwangju)
    ban = make_measure(
        gwangju,
        titles={"en": "Rallies banned downtown", "ko": "도심 집회 금지"},
        introduced_on=date(2023, 2, 1),
        in_force_from=date(2023, 2, 1),
        sunset_on=date(2023, 9, 30),
    )
    MeasureChange.objects.create(
        measure=ban, kind="extended", on=date(2023, 3, 30), new_sunset=date(2023, 9, 30)
    )
    make_review(ban, reviewed_on=date(2023, 6, 1), outcome="incompatible")
    make_review(ban, reviewed_on=date(2023, 7, 1), outcome="compatible", publication="draft")
    make_measure(
        gwangju,
        titles={"en": "Draft curfew"},
        introduced_on=date(2023, 5, 1),
        in_force_from=date(2023, 5, 1),
        publication=Publication.DRAFT,
    )
    make_measure(
        gwangju,
        titles={"en": "Lifted long ago"},
        in_force_from=date(2020, 3, 1),
        lifted_on=date(2021, 1, 1),
    )
    return report_city


def test_the_report_shows_the_years_measures_the_public_may_see(city):
    with translation.override("en"):
        report = build_report(city.city, 2023, user=AnonymousUser(), language="en")
    year = report.emergency
    assert [m.title for m, _c, _r in year.measures] == ["Rallies banned downtown"]
    assert (year.introduced, year.extended, year.lifted) == (1, 1, 0)
    # The draft review is not counted: the latest review the public may see is incompatible.
    assert year.measures[0][2].outcome == "incompatible"
    assert year.outcomes == {"compatible": 0, "concerns": 0, "incompatible": 1}


def test_the_citys_editor_sees_its_draft_measure_in_the_report(city, gwangju_editor):
    with translation.override("en"):
        report = build_report(city.city, 2023, user=gwangju_editor, language="en")
    assert "Draft curfew" in [m.title for m, _c, _r in report.emergency.measures]


def test_the_report_page_has_the_section_in_both_languages(client, city):
    url = reverse("reports:report-detail", args=["gwangju", 2023])
    page = client.get(url).content.decode()
    assert "Emergency measures and their reviews" in page and "Rallies banned downtown" in page
    assert "Draft curfew" not in page
    korean = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "비상 조치와 검토" in korean and "도심 집회 금지" in korean


@needs_pdftotext
def test_the_pdf_has_the_emergency_section(client, city, tmp_path):
    url = reverse("reports:report-pdf", args=["gwangju", 2023]) + "?lang=ko"
    text = pdf_text(client.get(url).content, tmp_path)
    assert "비상 조치와 검토" in text and "도심 집회 금지" in text
    assert "Draft curfew" not in text
