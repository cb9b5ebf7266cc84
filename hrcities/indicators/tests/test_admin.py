"""The admin lists and searches indicators and values, and saves through revisions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hrcities.core.models import Revision

from .factories import make_indicator, observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(admin):
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


def test_the_admin_lists_and_searches_indicators_and_values(client, staff_admin, gwangju):
    indicator = make_indicator(gwangju, code="1-1", names={"en": "Voter turnout"})
    observe(indicator, 2022, 60)
    client.force_login(staff_admin)
    found = client.get(reverse("admin:indicators_indicator_changelist"), {"q": "turnout"})
    assert found.status_code == 200 and "1-1" in found.content.decode()
    assert client.get(reverse("admin:indicators_observation_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_dimension_changelist")).status_code == 200
    page = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert page.status_code == 200


def test_an_admin_edit_keeps_a_revision(client, staff_admin, gwangju):
    indicator = make_indicator(gwangju, code="1-1")
    observation = observe(indicator, 2022, 60)
    client.force_login(staff_admin)
    url = reverse("admin:indicators_observation_change", args=[observation.pk])
    response = client.post(
        url,
        {
            "indicator": indicator.pk,
            "definition": observation.definition_id,
            "year": 2022,
            "period": "",
            "value": "61",
            "unit": "",
            "source": "Corrected",
            "note": "",
            "disaggregation": "{}",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    observation.refresh_from_db()
    assert observation.source == "Corrected"
    assert Revision.objects.filter(object_id=str(observation.pk), action="update").exists()
