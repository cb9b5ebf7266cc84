"""The indicator pages: statuses shown, entry forms, CSV upload review, permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.indicators.models import Indicator, Observation

from .factories import make_domain, make_indicator, observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def turnout(gwangju):
    indicator = make_indicator(
        gwangju,
        code="1-1",
        names={"en": "Voter turnout", "ko": "투표율"},
        domain=make_domain(gwangju, names={"en": "Democracy"}),
        baseline_year=2020,
        baseline_value=Decimal("50"),
        target_year=2030,
        target_value=Decimal("100"),
    )
    observe(indicator, 2020, 50)
    observe(indicator, 2024, 62)
    observe(indicator, 2024, 64, disaggregation={"sex": "Female"})
    return indicator


def detail_url(indicator: Indicator) -> str:
    return reverse("indicators:indicator-detail", args=[indicator.city.slug, indicator.code])


def test_the_city_page_groups_indicators_by_domain_with_status(client, turnout):
    page = client.get(reverse("indicators:city-indicators", args=["gwangju"])).content.decode()
    assert "Democracy" in page
    assert "Voter turnout" in page
    assert "status-moderate" in page  # 12 of the 20 points the line asks for by 2024
    assert "Moderate progress" in page


def test_the_city_page_links_to_the_annual_report_of_the_year_shown(client, turnout):
    url = reverse("indicators:city-indicators", args=["gwangju"])
    latest = client.get(url).content.decode()
    then = client.get(url, {"year": 2020}).content.decode()
    assert reverse("reports:report-detail", args=["gwangju", 2024]) in latest
    assert reverse("reports:report-detail", args=["gwangju", 2020]) in then


def test_the_city_page_shows_the_status_as_of_a_year(client, turnout):
    observe(turnout, 2025, 80)
    latest = client.get(reverse("indicators:city-indicators", args=["gwangju"])).content.decode()
    then = client.get(
        reverse("indicators:city-indicators", args=["gwangju"]), {"year": 2024}
    ).content.decode()
    assert "status-target_achieved" not in latest and "status-substantial" in latest
    assert "status-moderate" in then


def test_the_detail_page_explains_the_status_and_lists_values(client, turnout):
    page = client.get(detail_url(turnout)).content.decode()
    assert "the change made is 60 % of the change needed" in page
    assert "Sex: Female" in page
    assert "<svg" in page  # the chart from hrcities.indicators.charts
    assert "Enter a value" not in page  # the public does not edit


def test_unpublished_indicators_are_hidden_from_readers(
    client, signed_in, gwangju, reader, gwangju_editor
):
    draft = make_indicator(gwangju, code="draft", is_published=False)
    assert client.get(detail_url(draft)).status_code == 404
    assert signed_in(reader).get(detail_url(draft)).status_code == 404
    assert signed_in(gwangju_editor).get(detail_url(draft)).status_code == 200


def test_an_editor_enters_a_value_and_the_status_changes(signed_in, gwangju_editor, turnout):
    client = signed_in(gwangju_editor)
    assert "Enter a value" in client.get(detail_url(turnout)).content.decode()
    response = client.post(
        reverse("indicators:observation-create", args=["gwangju", "1-1"]),
        {"year": 2025, "value": "100", "source": "Election commission"},
    )
    assert response.status_code == 302
    page = client.get(detail_url(turnout)).content.decode()
    assert "status-target_achieved" in page


def test_a_second_value_for_the_same_year_is_refused_on_the_page(
    signed_in, gwangju_editor, turnout
):
    response = signed_in(gwangju_editor).post(
        reverse("indicators:observation-create", args=["gwangju", "1-1"]),
        {"year": 2024, "value": "70"},
    )
    assert response.status_code == 400
    assert "already a value for 2024" in response.content.decode()
    assert turnout.observations.totals().get(year=2024).value == Decimal("62")


def test_an_editor_edits_a_value_and_deletes_one_after_confirming(
    signed_in, gwangju_editor, turnout
):
    client = signed_in(gwangju_editor)
    row = turnout.observations.totals().get(year=2024)
    edit = reverse("indicators:observation-edit", args=["gwangju", "1-1", row.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"year": 2024, "value": "63.5", "version": row.version})
    row.refresh_from_db()
    assert row.value == Decimal("63.5")
    stale = client.post(edit, {"year": 2024, "value": "1", "version": 1})
    assert stale.status_code == 409
    delete = reverse("indicators:observation-delete", args=["gwangju", "1-1", row.pk])
    confirm = client.get(delete)
    assert "Delete the value for 2024?" in confirm.content.decode()
    assert Observation.objects.filter(pk=row.pk).exists()
    client.post(delete)
    assert not Observation.objects.filter(pk=row.pk).exists()


def test_an_editor_defines_an_indicator_and_changes_its_formula(signed_in, gwangju_editor, gwangju):
    client = signed_in(gwangju_editor)
    response = client.post(
        reverse("indicators:indicator-create", args=["gwangju"]),
        {
            "code": "2-1",
            "name_en": "Shelter beds",
            "kind": "outcome",
            "polarity": "higher",
            "unit": "beds",
            "decimals": 0,
            "formula": "Beds on 31 December",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator = Indicator.objects.get(city=gwangju, code="2-1")
    edit = reverse("indicators:indicator-edit", args=["gwangju", "2-1"])
    form = client.get(edit)
    assert form.status_code == 200
    client.post(
        edit,
        {
            "code": "2-1",
            "name_en": "Shelter beds",
            "kind": "outcome",
            "polarity": "higher",
            "unit": "beds",
            "decimals": 0,
            "formula": "Beds on 31 December, including winter shelters",
            "from_year": 2024,
            "reason": "Winter shelters count now.",
            "is_published": "on",
            "version": indicator.version,
        },
    )
    indicator.refresh_from_db()
    assert indicator.current_definition.number == 2
    assert "Winter shelters count now." in client.get(detail_url(indicator)).content.decode()


def test_an_editor_of_another_city_cannot_create_edit_or_import(signed_in, busan_editor, turnout):
    client = signed_in(busan_editor)
    row = turnout.observations.first()
    for url in (
        reverse("indicators:indicator-create", args=["gwangju"]),
        reverse("indicators:indicator-edit", args=["gwangju", "1-1"]),
        reverse("indicators:observation-create", args=["gwangju", "1-1"]),
        reverse("indicators:observation-edit", args=["gwangju", "1-1", row.pk]),
        reverse("indicators:observation-delete", args=["gwangju", "1-1", row.pk]),
        reverse("indicators:city-import", args=["gwangju"]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"year": 2025, "value": "1"}).status_code == 403, url
    upload = SimpleUploadedFile("values.csv", b"Year,Value\r\n2025,99\r\n", "text/csv")
    response = client.post(
        reverse("indicators:city-import", args=["gwangju"]), {"file": upload, "indicator": "1-1"}
    )
    assert response.status_code == 403
    assert not turnout.observations.filter(year=2025).exists()
    page = client.get(detail_url(turnout)).content.decode()
    assert "Enter a value" not in page


def test_the_upload_page_lists_every_problem_and_changes_nothing(
    signed_in, gwangju_editor, turnout
):
    upload = SimpleUploadedFile(
        "values.csv",
        b"Year,Sex,Units,Value\r\n2025,,%,70\r\n2026,Woman,%,x\r\n1800,,%,5\r\n",
        "text/csv",
    )
    response = signed_in(gwangju_editor).post(
        reverse("indicators:city-import", args=["gwangju"]), {"file": upload, "indicator": "1-1"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page
    assert "“values.csv” has 3 problems" in page
    assert "not a value of this dimension" in page and "out of range" in page
    assert not turnout.observations.filter(year=2025).exists()


def test_the_upload_page_imports_a_good_file(signed_in, gwangju_editor, turnout):
    upload = SimpleUploadedFile(
        "values.csv", b"Indicator,Year,Sex,Value\r\n1-1,2025,,70\r\n1-1,2025,Male,68\r\n"
    )
    response = signed_in(gwangju_editor).post(
        reverse("indicators:city-import", args=["gwangju"]), {"file": upload}, follow=True
    )
    assert "2 values added" in response.content.decode()
    assert turnout.observations.filter(year=2025).count() == 2


def test_csv_downloads(client, turnout):
    one = client.get(reverse("indicators:indicator-csv", args=["gwangju", "1-1"]))
    assert one["Content-Type"].startswith("text/csv")
    assert one.content.decode().splitlines()[0] == "Year,Sex,Units,Value"
    every = client.get(reverse("indicators:city-csv", args=["gwangju"]))
    assert every.content.decode().splitlines()[0] == "Indicator,Year,Sex,Units,Value"


def test_the_index_lists_cities_with_indicators(client, turnout, busan):
    page = client.get(reverse("indicators:city-list")).content.decode()
    assert "Gwangju" in page and "Busan" not in page
