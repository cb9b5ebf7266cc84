"""An indicator's free texts (unit, data owner, formula, description, why a definition
changed, a value's own unit, source and note) are kept in English and Korean and shown
in the reader's language, else in the other one marked with its `lang`. A Korean formula
or unit is a translation, not a new method: it starts no new definition version."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from hrcities.core.models import AuditEntry
from hrcities.indicators import services
from hrcities.indicators.charts import indicator_chart
from hrcities.indicators.exchange import export_csv, import_csv
from hrcities.indicators.progress import indicator_progress

from .factories import make_indicator, observe

pytestmark = pytest.mark.django_db

FORMULA = "Trees planted by the city / residents × 1,000"
FORMULA_KO = "시가 심은 나무 수 / 주민 수 × 1,000"


@pytest.fixture
def trees(gwangju):
    indicator = make_indicator(
        gwangju,
        code="T-1",
        names={"en": "Trees planted", "ko": "나무 심기"},
        unit="trees",
        unit_ko="그루",
        decimals=0,
        formula=FORMULA,
        formula_ko=FORMULA_KO,
        data_owner="Parks Division",
        data_owner_ko="공원녹지과",
    )
    observe(indicator, 2022, 1200, source="Parks survey", source_ko="공원 조사")
    observe(indicator, 2023, 1350)
    return indicator


def page(client, indicator, language):
    url = reverse("indicators:indicator-detail", args=[indicator.city.slug, indicator.code])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


# --- versions -------------------------------------------------------------------------


def test_translating_the_formula_keeps_the_definition_version(trees, gwangju_editor):
    services.revise_indicator(
        trees, {}, by=gwangju_editor, based_on_version=None, formula=FORMULA, formula_ko="새 번역"
    )
    assert list(trees.definitions.values_list("number", "formula_ko")) == [(1, "새 번역")]
    assert AuditEntry.objects.filter(details__translated__isnull=False).count() == 1


def test_translating_the_unit_keeps_the_definition_version(trees, gwangju_editor):
    services.revise_indicator(trees, {"unit_ko": "본"}, by=gwangju_editor, based_on_version=None)
    assert list(trees.definitions.values_list("number", "unit", "unit_ko")) == [(1, "trees", "본")]


def test_a_new_formula_starts_a_version_and_the_old_one_keeps_its_korean(trees, gwangju_editor):
    services.revise_indicator(
        trees,
        {},
        by=gwangju_editor,
        based_on_version=None,
        formula="Trees planted and alive after a year / residents × 1,000",
        from_year=2024,
    )
    rows = list(trees.definitions.order_by("number").values_list("number", "formula_ko"))
    # The Korean of the old formula says nothing of the new one.
    assert rows == [(1, FORMULA_KO), (2, "")]


def test_a_new_unit_starts_a_version_with_its_korean(trees, gwangju_editor):
    changes = {"unit": "hectares", "unit_ko": "헥타르"}
    services.revise_indicator(trees, changes, by=gwangju_editor, based_on_version=None)
    rows = trees.definitions.order_by("number").values_list("number", "unit", "unit_ko")
    assert list(rows) == [(1, "trees", "그루"), (2, "hectares", "헥타르")]


def test_the_edit_form_refuses_a_korean_formula_left_behind_by_a_new_english_one(
    client, gwangju_editor, trees
):
    from hrcities.indicators.forms import IndicatorForm

    client.force_login(gwangju_editor)
    data = {k: v for k, v in IndicatorForm.initial_for(trees).items() if v is not None}
    data.update(formula="Trees planted and alive / residents", sdg_indicators=[])
    url = reverse("indicators:indicator-edit", args=["gwangju", "T-1"])
    response = client.post(url, data)
    assert response.status_code == 400
    assert "The English text changed: change the Korean one too, or empty it." in (
        response.content.decode()
    )
    assert trees.definitions.count() == 1

    data["formula_ko"] = "살아남은 나무 수 / 주민 수"
    assert client.post(url, data).status_code == 302
    assert list(trees.definitions.values_list("number", "formula_ko")) == [
        (1, FORMULA_KO),
        (2, "살아남은 나무 수 / 주민 수"),
    ]


# --- pages ----------------------------------------------------------------------------


def test_the_korean_page_shows_the_korean_texts(client, trees):
    shown = page(client, trees, "ko")
    assert "<dd>그루</dd>" in shown
    assert FORMULA_KO in shown and "공원녹지과" in shown and "공원 조사" in shown
    assert "1,350 그루" in shown
    assert "Parks Division" not in shown and "trees" not in shown


def test_the_english_page_shows_the_english_texts(client, trees):
    shown = page(client, trees, "en")
    assert "<dd>trees</dd>" in shown and "1,350 trees" in shown
    assert FORMULA in shown and "Parks Division" in shown and "Parks survey" in shown
    assert "공원녹지과" not in shown


def test_an_untranslated_text_shows_in_english_marked_as_english(client, gwangju):
    indicator = make_indicator(
        gwangju, code="T-2", unit="trees", data_owner="Parks Division", decimals=0
    )
    observe(indicator, 2023, 40, note="Counted in spring")
    shown = page(client, indicator, "ko")
    assert '<dd><span lang="en">Parks Division</span></dd>' in shown
    assert '40 <span lang="en">trees</span>' in shown
    assert '<span lang="en">Counted in spring</span>' in shown
    assert f'<span lang="en">{indicator.formula}</span>' in shown


def test_a_korean_only_data_owner_is_marked_korean_on_the_english_page(client, gwangju):
    indicator = make_indicator(gwangju, code="T-3", data_owner_ko="공원녹지과")
    assert '<dd><span lang="ko">공원녹지과</span></dd>' in page(client, indicator, "en")


def test_the_chart_writes_the_unit_in_the_readers_language(trees):
    progress = indicator_progress(trees)
    with translation.override("ko"):
        chart = indicator_chart(progress)
        assert ">그루</text>" in chart.svg and chart.headers[1] == "값(그루)"
    with translation.override("en"):
        assert ">trees</text>" in indicator_chart(progress).svg


def test_the_chart_marks_a_unit_it_cannot_write_in_korean(gwangju):
    indicator = make_indicator(gwangju, code="T-4", unit="trees", decimals=0)
    observe(indicator, 2023, 40)
    with translation.override("ko"):
        assert '<text x="8" y="16" font-size="11" fill="#4a525c" lang="en">trees</text>' in (
            indicator_chart(indicator_progress(indicator)).svg
        )


# --- values ---------------------------------------------------------------------------


def test_a_value_in_its_own_unit_needs_the_english_unit_too(trees):
    with pytest.raises(ValidationError) as refused:
        observe(trees, 2021, 3, unit_ko="헥타르")
    assert "Give the unit in English too" in str(refused.value)


def test_a_value_in_the_indicators_unit_keeps_no_unit_of_its_own(trees):
    value = observe(trees, 2021, 900, unit="trees", unit_ko="그루")
    assert (value.unit, value.unit_ko) == ("", "")


def test_the_csv_carries_both_languages_and_reimports_unchanged(trees, gwangju_editor):
    text = export_csv([trees])
    assert text.splitlines()[:2] == [
        "Year,Units,Value,Units_ko,Source,Source_ko",
        "2022,trees,1200,그루,Parks survey,공원 조사",
    ]
    report = import_csv(text.encode(), city=trees.city, by=gwangju_editor, indicator=trees)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_a_file_without_the_korean_columns_keeps_the_korean(trees, gwangju_editor):
    data = b"Year,Units,Value,Source\n2022,trees,1250,Parks survey\n"
    import_csv(data, city=trees.city, by=gwangju_editor, indicator=trees)
    value = trees.observations.get(year=2022)
    assert (value.value, value.source, value.source_ko) == (
        Decimal("1250"),
        "Parks survey",
        "공원 조사",
    )


# --- API ------------------------------------------------------------------------------


def test_the_api_answers_both_languages(client, trees):
    body = client.get("/api/indicators/cities/gwangju/T-1").json()
    assert (body["unit"], body["unit_ko"]) == ("trees", "그루")
    assert (body["data_owner"], body["data_owner_ko"]) == ("Parks Division", "공원녹지과")
    assert (body["formula"], body["formula_ko"]) == (FORMULA, FORMULA_KO)
    assert body["definitions"][0]["formula_ko"] == FORMULA_KO
    values = client.get("/api/indicators/cities/gwangju/T-1/observations").json()["items"]
    assert (values[0]["unit_ko"], values[0]["source_ko"]) == ("그루", "공원 조사")


def test_the_api_takes_a_korean_formula_as_a_translation(client, gwangju_editor, api_token, trees):
    key = api_token(gwangju_editor)
    response = client.patch(
        "/api/indicators/cities/gwangju/T-1",
        json.dumps({"version": trees.version, "formula_ko": "심은 나무 수 / 주민 수 × 1,000"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["definition_version"], body["formula_ko"]) == (1, "심은 나무 수 / 주민 수 × 1,000")


# --- search ---------------------------------------------------------------------------


def test_the_korean_texts_are_found_by_search(trees, gwangju_editor):
    from django.contrib.auth.models import AnonymousUser

    from hrcities.search.services import search

    def found(q):
        return [hit.title for hit in search(AnonymousUser(), q, use_semantic=False).hits]

    assert found("공원녹지과") == ["T-1 Trees planted"]
    changes = {"data_owner_ko": "녹지정책과"}
    services.revise_indicator(trees, changes, by=gwangju_editor, based_on_version=None)
    assert found("녹지정책과") == ["T-1 Trees planted"]
    services.revise_indicator(
        trees, {}, by=gwangju_editor, based_on_version=None, formula_ko="가로수 식재 수"
    )
    assert found("가로수") == ["T-1 Trees planted"]
