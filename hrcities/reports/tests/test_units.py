"""Values in the report and on indicator pages carry their unit in the reader's language."""

from __future__ import annotations

import pytest

from .factories import make_report_city
from .test_views import needs_pdftotext, page_url, pdf_text, pdf_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(gwangju):
    return make_report_city(gwangju)


def test_the_korean_report_writes_cases_as_geon_with_thousands_separators(client, city):
    page = client.get(page_url(lang="ko")).content.decode()
    assert "1,200건 → 1,350건" in page
    assert "cases" not in page


def test_the_english_report_keeps_the_unit_after_the_separated_number(client, city):
    page = client.get(page_url(lang="en")).content.decode()
    assert "1,200 cases → 1,350 cases" in page


@needs_pdftotext
def test_the_korean_pdf_writes_the_unit_in_korean(client, city, tmp_path):
    text = pdf_text(client.get(pdf_url(lang="ko")).content, tmp_path)
    assert "1,350건" in text
    assert "cases" not in text


def test_the_korean_indicator_page_explains_the_change_without_a_particle_guess(client, city):
    page = client.get(city.hate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "2022년 1,200건에서 2023년 1,350건까지 변했습니다" in page
    assert "(으)로" not in page and "cases" not in page


def test_a_unit_per_100000_comes_first_in_korean(client, city):
    from django.utils import translation

    from hrcities.indicators.charts import format_value
    from hrcities.indicators.charts.numbers import unit_label

    with translation.override("ko"):
        assert format_value(12.5, "per 100,000", 1) == "인구 10만 명당 12.5"
        assert format_value(2750, "persons", 0) == "2,750명"
        assert unit_label("Days") == "일"
        assert format_value(3, "trees", 0) == "3 trees"
    with translation.override("en"):
        assert format_value(1401235, "persons", 0) == "1,401,235 persons"
