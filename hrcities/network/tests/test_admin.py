import pytest
from django.urls import reverse

from hrcities.core.models import Revision
from hrcities.network.models import Network

pytestmark = pytest.mark.django_db


def test_a_change_made_in_the_django_admin_keeps_a_revision(client, db):
    from hrcities.accounts.tests.factories import make_user

    superuser = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(superuser)

    added = client.post(
        reverse("admin:network_network_add"),
        {"slug": "ecccr", "names": '{"en": "A coalition"}', "website": "", "description": ""},
    )
    network = Network.objects.get(slug="ecccr")
    changed = client.post(
        reverse("admin:network_network_change", args=[network.pk]),
        {
            "slug": "ecccr",
            "names": '{"en": "A coalition of cities"}',
            "website": "",
            "description": "",
        },
    )

    assert added.status_code == 302 and changed.status_code == 302
    network.refresh_from_db()
    assert network.name == "A coalition of cities"
    assert network.version == 2
    actions = list(
        Revision.objects.filter(object_id=str(network.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]
