"""The history of an indicator's values is read as the indicator is: an unpublished
indicator's values, and who recorded them, stay with its city."""

import pytest
from django.urls import reverse

from hrcities.indicators import services

from .factories import make_indicator

pytestmark = pytest.mark.django_db

SECRET_VALUE = "73.25"


@pytest.fixture
def hidden_value(gwangju, gwangju_editor):
    """A value of an unpublished indicator, recorded and corrected by Gwangju's editor."""
    indicator = make_indicator(gwangju, is_published=False)
    row = services.record_observation(indicator, by=gwangju_editor, year=2023, value="70")
    services.update_observation(row, {"value": SECRET_VALUE}, by=gwangju_editor, based_on_version=1)
    return row


def history(client, row):
    api = client.get(f"/api/records/indicators.observation/{row.pk}/revisions")
    page = client.get(reverse("core:record-history", args=["indicators.observation", row.pk]))
    return api, page


def test_the_public_cannot_read_an_unpublished_indicators_values_from_their_history(
    client, hidden_value
):
    api, page = history(client, hidden_value)

    assert api.status_code == 404 and page.status_code == 404
    for response in (api, page):
        text = response.content.decode()
        assert "73.25" not in text and "gwangju-editor" not in text


def test_another_citys_editor_cannot_read_them_either(
    client, hidden_value, busan_editor, signed_in
):
    api, page = history(signed_in(busan_editor), hidden_value)

    assert api.status_code == 404 and page.status_code == 404


def test_the_indicators_city_reads_the_history_of_its_values(
    client, hidden_value, gwangju_editor, signed_in
):
    api, page = history(signed_in(gwangju_editor), hidden_value)

    assert api.status_code == 200 and page.status_code == 200
    assert "73.25" in api.content.decode() and "gwangju-editor" in api.content.decode()


def test_the_values_of_a_published_indicator_keep_a_public_history(client, gwangju, gwangju_editor):
    indicator = make_indicator(gwangju)
    row = services.record_observation(indicator, by=gwangju_editor, year=2023, value="70")

    api, page = history(client, row)

    assert api.status_code == 200 and page.status_code == 200
