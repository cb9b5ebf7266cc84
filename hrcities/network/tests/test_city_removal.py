"""A network admin removes a city from the registry after a page that asks; a city that
owns records is not removed, and the page and the API say what kinds and how many."""

import pytest
from django.urls import reverse

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.network.models import City
from hrcities.network.tests.factories import make_city

pytestmark = pytest.mark.django_db


def test_an_admin_removes_a_city_that_owns_nothing(client, admin):
    city = make_city(slug="mokpo", names={"en": "Mokpo"})
    client.force_login(admin)
    url = reverse("network:city-delete", args=[city.slug])
    assert url in client.get(city.get_absolute_url()).content.decode()

    asked = client.get(url)
    removed = client.post(url, {"confirm": "on"})

    assert asked.status_code == 200 and "Remove the city" in asked.content.decode()
    assert removed.status_code == 302 and not City.objects.filter(slug="mokpo").exists()


def test_a_city_owning_records_is_not_removed_and_the_refusal_counts_them(client, admin, gwangju):
    commitment = make_declaration().commitments.first()
    make_action(commitment, gwangju)
    make_action(commitment, gwangju)
    give_role(make_user("officer"), "editor", city=gwangju)
    client.force_login(admin)
    url = reverse("network:city-delete", args=["gwangju"])

    page = client.get(url).content.decode()
    posted = client.post(url, {"confirm": "on"})
    api = client.delete("/api/network/cities/gwangju")

    assert "2 actions are its own." in page and "1 person holds a role in it." in page
    assert "Remove the city" not in page
    assert posted.status_code == 409
    assert api.status_code == 422 and "2 actions are its own." in api.content.decode()
    assert City.objects.filter(slug="gwangju").exists()


@pytest.mark.parametrize("who", ["gwangju_editor", "reader"])
def test_only_network_admins_remove_a_city(client, who, request, gwangju):
    client.force_login(request.getfixturevalue(who))

    page = client.post(reverse("network:city-delete", args=["gwangju"]), {"confirm": "on"})

    assert page.status_code == 403
    assert City.objects.filter(slug="gwangju").exists()
