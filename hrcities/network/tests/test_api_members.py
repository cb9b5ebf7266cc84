"""Networks, memberships, focal points and partnerships over the API."""

import json

import pytest

from hrcities.core.services import revisions_for
from hrcities.network.models import FocalPoint, Membership, Network, Partnership

pytestmark = pytest.mark.django_db


def send(client, method, url, body=None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def network(db):
    return Network.objects.create(slug="gaccar", names={"en": "GACCAR"})


def test_an_admin_adds_changes_and_deletes_a_network(client, admin):
    client.force_login(admin)

    created = send(client, "post", "/api/network/networks", {"names": {"en": "Rights Cities"}})
    changed = send(
        client,
        "patch",
        "/api/network/networks/rights-cities",
        {"version": 1, "names": {"ko": "인권도시"}},
    )
    stale = send(
        client, "patch", "/api/network/networks/rights-cities", {"version": 1, "website": ""}
    )
    deleted = client.delete("/api/network/networks/rights-cities")

    assert created.status_code == 201 and created.json()["slug"] == "rights-cities"
    assert changed.json()["names"] == {"en": "Rights Cities", "ko": "인권도시"}
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert deleted.status_code == 204 and not Network.objects.exists()


def test_a_city_editor_may_not_add_a_network(client, gwangju_editor):
    client.force_login(gwangju_editor)

    response = send(client, "post", "/api/network/networks", {"names": {"en": "Mine"}})

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Network.objects.exists()


def test_deleting_a_network_with_members_is_refused_naming_them(client, admin, network, gwangju):
    Membership.objects.create(network=network, city=gwangju)
    client.force_login(admin)

    response = client.delete("/api/network/networks/gaccar")

    assert response.status_code == 422
    assert "1 city or organisation is a member of it." in response.json()["detail"]
    assert Network.objects.exists()


def test_a_city_editor_keeps_their_citys_membership_and_focal_points(
    client, gwangju_editor, network, gwangju
):
    client.force_login(gwangju_editor)

    created = send(
        client,
        "post",
        "/api/network/memberships",
        {"network": "gaccar", "city": "gwangju", "role": "chair", "joined_year": 2011},
    )
    membership_id = created.json()["id"]
    focal = send(
        client,
        "post",
        f"/api/network/memberships/{membership_id}/focal-points",
        {"name": "Park", "email": "park@example.org"},
    )
    changed = send(
        client,
        "patch",
        f"/api/network/memberships/{membership_id}",
        {"version": 1, "left_year": 2020},
    )
    listed = client.get("/api/network/memberships", {"city": "gwangju"}).json()

    assert created.status_code == 201 and created.json()["role"] == "chair"
    assert focal.status_code == 201
    assert changed.json()["left_year"] == 2020
    assert listed["count"] == 1 and listed["items"][0]["focal_points"][0]["name"] == "Park"
    membership = Membership.objects.get()
    assert [r.action for r in revisions_for(membership)] == ["update", "create"]


def test_another_citys_editor_gets_403_and_nothing_changes(client, busan_editor, network, gwangju):
    membership = Membership.objects.create(network=network, city=gwangju)
    focal_point = FocalPoint.objects.create(membership=membership, name="Park")
    client.force_login(busan_editor)

    answers = [
        send(client, "post", "/api/network/memberships", {"network": "gaccar", "city": "gwangju"}),
        send(
            client,
            "patch",
            f"/api/network/memberships/{membership.pk}",
            {"version": 1, "role": "chair"},
        ),
        client.delete(f"/api/network/memberships/{membership.pk}"),
        send(
            client,
            "patch",
            f"/api/network/focal-points/{focal_point.pk}",
            {"version": 1, "name": "X"},
        ),
        client.delete(f"/api/network/focal-points/{focal_point.pk}"),
    ]

    assert [a.status_code for a in answers] == [403] * 5
    membership.refresh_from_db()
    focal_point.refresh_from_db()
    assert (membership.role, focal_point.name) == ("member", "Park")


def test_a_membership_without_a_member_or_with_a_bad_email_is_refused(
    client, admin, network, gwangju
):
    client.force_login(admin)
    membership = Membership.objects.create(network=network, city=gwangju)

    nobody = send(client, "post", "/api/network/memberships", {"network": "gaccar"})
    twice = send(
        client, "post", "/api/network/memberships", {"network": "gaccar", "city": "gwangju"}
    )
    bad_email = send(
        client,
        "post",
        f"/api/network/memberships/{membership.pk}/focal-points",
        {"name": "Park", "email": "nope"},
    )

    assert nobody.status_code == 422 and nobody.json()["errors"][0]["field"] == "city"
    assert twice.status_code == 422 and "already a member" in twice.json()["detail"]
    assert bad_email.status_code == 422 and bad_email.json()["errors"][0]["field"] == "email"
    assert not FocalPoint.objects.exists()


def test_partnerships_are_recorded_by_the_citys_editors(client, gwangju_editor, gwangju, busan):
    client.force_login(gwangju_editor)

    created = send(
        client,
        "post",
        "/api/network/partnerships",
        {"city": "gwangju", "partner": "busan", "kind": "sister-city"},
    )
    foreign = send(
        client, "post", "/api/network/partnerships", {"city": "busan", "partner": "gwangju"}
    )
    listed = client.get("/api/network/partnerships", {"city": "busan"}).json()
    deleted = client.delete(f"/api/network/partnerships/{created.json()['id']}")

    assert created.status_code == 201 and created.json()["partner"] == "busan"
    assert foreign.status_code == 403
    assert listed["count"] == 1
    assert deleted.status_code == 204 and not Partnership.objects.exists()


def test_a_reader_cannot_write_anything(client, reader, network, gwangju):
    client.force_login(reader)

    answers = [
        send(client, "post", "/api/network/memberships", {"network": "gaccar", "city": "gwangju"}),
        client.delete("/api/network/networks/gaccar"),
        send(
            client, "post", "/api/network/partnerships", {"city": "gwangju", "partner": "gwangju"}
        ),
    ]

    assert [a.status_code for a in answers] == [403, 403, 403]
    assert not Membership.objects.exists() and Network.objects.exists()
