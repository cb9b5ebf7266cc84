"""Values in the report and on indicator pages carry their unit in the reader's language."""

from __future__ import annotations

import pytest

from hrcities.indicators import services

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
    from hrcities.indicators.units import unit_label

    with translation.override("ko"):
        assert format_value(12.5, "per 100,000", 1) == "인구 10만 명당 12.5"
        assert format_value(2750, "persons", 0) == "2,750명"
        assert unit_label("Days") == "일"
        assert format_value(3, "trees", 0) == "3 trees"
    with translation.override("en"):
        assert format_value(1401235, "persons", 0) == "1,401,235 persons"


@pytest.fixture
def translated(city, gwangju_editor):
    """The hate crimes indicator counted in a unit of the city's own, with its Korean."""
    services.revise_indicator(
        city.hate,
        {"unit": "incidents", "unit_ko": "건의 사건", "data_owner": "Human Rights Office"},
        by=gwangju_editor,
        based_on_version=None,
        formula="Hate crimes reported to the police in the year",
        formula_ko="한 해 동안 경찰에 신고된 혐오 범죄 수",
    )
    return city


def test_the_korean_report_writes_the_citys_korean_unit_and_formula(client, translated):
    page = client.get(page_url(lang="ko")).content.decode()
    assert "1,200 건의 사건 → 1,350 건의 사건" in page
    assert "한 해 동안 경찰에 신고된 혐오 범죄 수" in page
    assert "incidents" not in page and "Hate crimes reported" not in page


def test_a_data_owner_nobody_translated_is_marked_english_in_the_korean_report(client, translated):
    page = client.get(page_url(lang="ko")).content.decode()
    assert '<dd><span lang="en">Human Rights Office</span></dd>' in page


@needs_pdftotext
def test_the_korean_pdf_carries_the_korean_unit_data_owner_and_formula(
    client, translated, gwangju_editor, tmp_path
):
    changes = {"data_owner_ko": "인권담당관실"}
    services.revise_indicator(translated.hate, changes, by=gwangju_editor, based_on_version=None)
    text = " ".join(pdf_text(client.get(pdf_url(lang="ko")).content, tmp_path).split())
    assert "1,350 건의 사건" in text
    assert "인권담당관실" in text and "Human Rights Office" not in text
    assert "한 해 동안 경찰에 신고된 혐오 범죄 수" in text


@needs_pdftotext
def test_the_english_pdf_keeps_the_english_texts(client, translated, tmp_path):
    text = " ".join(pdf_text(client.get(pdf_url(lang="en")).content, tmp_path).split())
    assert "1,350 incidents" in text and "Human Rights Office" in text
    assert "건의 사건" not in text
