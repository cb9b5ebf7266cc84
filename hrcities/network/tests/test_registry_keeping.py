"""Keeping the registry from its pages: networks, organisations, memberships, focal points
and partnerships, by the people allowed to, and nobody else."""

import pytest
from django.urls import reverse

from hrcities.core.models import Revision
from hrcities.core.services import revisions_for
from hrcities.network import services
from hrcities.network.models import FocalPoint, Membership, Network, Organisation, Partnership
from hrcities.network.tests.factories import make_city, make_organisation

pytestmark = pytest.mark.django_db


def make_network(slug="gaccar", **values):
    return Network.objects.create(slug=slug, names={"en": slug.upper(), "ko": "네트워크"}, **values)


def join(network, city, **values):
    return Membership.objects.create(network=network, city=city, **values)


def confirmed(client, url):
    return client.post(url, {"confirm": "on"})


# --- networks ---------------------------------------------------------------------------


def test_an_admin_adds_a_network_with_its_first_revision(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("network:network-create"),
        {"name_en": "Cities Against Racism", "name_ko": "인종차별 반대 도시", "website": ""},
    )

    network = Network.objects.get(slug="cities-against-racism")
    assert response.url == reverse("network:network-detail", args=[network.slug])
    assert network.names == {"en": "Cities Against Racism", "ko": "인종차별 반대 도시"}
    assert revisions_for(network).get().action == "create"


@pytest.mark.parametrize("who", ["gwangju_editor", "reader"])
def test_only_admins_add_or_change_networks(client, who, request):
    network = make_network()
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("network:network-create")).status_code == 403
    created = client.post(reverse("network:network-create"), {"name_en": "Mine"})
    edited = client.post(
        reverse("network:network-edit", args=[network.slug]),
        {"version": 1, "name_en": "Renamed"},
    )
    deleted = confirmed(client, reverse("network:network-delete", args=[network.slug]))

    assert (created.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert list(Network.objects.values_list("names__en", flat=True)) == ["GACCAR"]


def test_an_edit_from_an_old_version_is_shown_beside_the_stored_one(client, admin):
    network = make_network()
    services.update_network(network, {"description": "Newer"}, by=admin, based_on_version=1)
    client.force_login(admin)

    response = client.post(
        reverse("network:network-edit", args=[network.slug]),
        {"version": 1, "name_en": "Stale", "description": "Mine"},
    )

    assert response.status_code == 409
    assert "Edit conflict: nothing was saved" in response.content.decode()
    network.refresh_from_db()
    assert network.names["en"] == "GACCAR"


def test_a_network_with_members_is_not_deleted_and_the_page_says_why(client, admin, gwangju):
    network = make_network()
    join(network, gwangju)
    join(network, make_city())
    client.force_login(admin)

    page = client.get(reverse("network:network-delete", args=[network.slug]))
    refused = confirmed(client, reverse("network:network-delete", args=[network.slug]))

    assert "2 cities and organisations are members of it." in page.content.decode()
    assert "Delete the network</button>" not in page.content.decode()
    assert refused.status_code == 409
    assert Network.objects.filter(pk=network.pk).exists()


def test_an_empty_network_is_deleted_after_confirmation_and_can_be_restored(client, admin):
    network = make_network()
    client.force_login(admin)

    unconfirmed = client.post(reverse("network:network-delete", args=[network.slug]))
    assert unconfirmed.status_code == 400 and Network.objects.exists()

    response = confirmed(client, reverse("network:network-delete", args=[network.slug]))

    assert response.url == reverse("network:network-list")
    assert not Network.objects.exists()
    assert Revision.objects.filter(object_id=str(network.pk), action="delete").exists()


def test_the_network_list_and_its_members_come_a_page_at_a_time(client, gwangju):
    for n in range(30):
        network = make_network(slug=f"net-{n:02}")
    for n in range(30):
        join(network, make_city(slug=f"member-{n:02}", names={"en": f"Member {n:02}"}))

    first = client.get(reverse("network:network-list")).content.decode()
    members = client.get(reverse("network:network-detail", args=[network.slug])).content.decode()
    second = client.get(
        reverse("network:network-detail", args=[network.slug]), {"cities_page": 2}
    ).content.decode()

    assert "NET-00" in first and "NET-29" not in first and 'rel="next"' in first
    assert "Member 00" in members and "Member 29" not in members
    assert "cities_page=2" in members
    assert "Member 29" in second


# --- organisations ---------------------------------------------------------------------


def test_an_admin_adds_an_organisation(client, admin, gwangju):
    client.force_login(admin)
    response = client.post(
        reverse("network:organisation-create"),
        {"name_en": "May 18 Foundation", "kind": "memorial", "city": "gwangju"},
    )

    organisation = Organisation.objects.get(slug="may-18-foundation")
    assert response.url == organisation.get_absolute_url()
    assert organisation.city == gwangju


def test_an_organisation_without_a_name_is_refused_beside_the_field(client, admin):
    client.force_login(admin)
    response = client.post(reverse("network:organisation-create"), {"kind": "memorial"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Organisation.objects.exists()


def test_an_organisation_others_depend_on_is_not_deleted(client, admin, gwangju):
    from hrcities.accounts.tests.factories import give_role, make_user

    organisation = make_organisation()
    Membership.objects.create(network=make_network(), organisation=organisation)
    give_role(make_user(), "editor", organisation=organisation)
    client.force_login(admin)

    page = client.get(reverse("network:organisation-delete", args=[organisation.slug]))
    refused = confirmed(client, reverse("network:organisation-delete", args=[organisation.slug]))

    text = page.content.decode()
    assert "It is a member of 1 network." in text
    assert "1 person holds a role in it." in text
    assert refused.status_code == 409
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_city_editor_cannot_delete_an_organisation(client, gwangju_editor, gwangju):
    organisation = make_organisation(city=gwangju)
    client.force_login(gwangju_editor)

    response = confirmed(client, reverse("network:organisation-delete", args=[organisation.slug]))

    assert response.status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# --- memberships and focal points ----------------------------------------------------


def test_a_city_editor_adds_their_city_to_a_network_with_its_role_and_years(
    client, gwangju_editor, gwangju
):
    network = make_network()
    client.force_login(gwangju_editor)

    form = client.get(reverse("network:city-membership-create", args=["gwangju"]))
    response = client.post(
        reverse("network:city-membership-create", args=["gwangju"]),
        {"network": network.slug, "role": "founding-member", "joined_year": 2008},
    )

    membership = Membership.objects.get(network=network, city=gwangju)
    assert form.status_code == 200
    assert response.url == reverse("network:membership-detail", args=[membership.pk])
    assert (membership.role, membership.joined_year, membership.left_year) == (
        "founding-member",
        2008,
        None,
    )
    assert revisions_for(membership).get().author == gwangju_editor
    city_page = client.get(gwangju.get_absolute_url()).content.decode()
    assert "Founding member" in city_page


def test_another_citys_editor_cannot_add_or_change_gwangjus_memberships(
    client, busan_editor, gwangju
):
    network = make_network()
    membership = join(network, gwangju)
    client.force_login(busan_editor)

    joined = client.post(
        reverse("network:city-membership-create", args=["gwangju"]),
        {"network": make_network("other").slug, "role": "member"},
    )
    edited = client.post(
        reverse("network:membership-edit", args=[membership.pk]),
        {"version": 1, "role": "chair"},
    )
    deleted = confirmed(client, reverse("network:membership-delete", args=[membership.pk]))
    focal = client.post(
        reverse("network:focal-point-create", args=[membership.pk]), {"name": "Intruder"}
    )

    assert {joined.status_code, edited.status_code, deleted.status_code, focal.status_code} == {403}
    membership.refresh_from_db()
    assert membership.role == "member"
    assert Membership.objects.count() == 1 and not FocalPoint.objects.exists()


def test_a_second_membership_in_the_same_network_is_refused(client, admin, gwangju):
    network = make_network()
    join(network, gwangju)
    client.force_login(admin)

    response = client.post(
        reverse("network:city-membership-create", args=["gwangju"]),
        {"network": network.slug, "role": "member"},
    )

    # The network is no longer offered: the form names the field.
    assert response.status_code == 400
    assert Membership.objects.count() == 1


def test_a_membership_cannot_end_before_it_began(client, gwangju_editor, gwangju):
    membership = join(make_network(), gwangju, joined_year=2010)
    client.force_login(gwangju_editor)

    response = client.post(
        reverse("network:membership-edit", args=[membership.pk]),
        {"version": 1, "role": "member", "joined_year": 2010, "left_year": 2005},
    )

    assert response.status_code == 400
    assert "The year left is before the year joined." in response.content.decode()


def test_focal_points_are_added_changed_and_deleted_with_revisions(client, gwangju_editor, gwangju):
    membership = join(make_network(), gwangju)
    client.force_login(gwangju_editor)

    client.post(
        reverse("network:focal-point-create", args=[membership.pk]),
        {"name": "Kim Min-ji", "position": "Human rights officer", "email": "kim@example.org"},
    )
    focal_point = FocalPoint.objects.get()
    bad = client.post(
        reverse("network:focal-point-edit", args=[focal_point.pk]),
        {"version": 1, "name": "Kim Min-ji", "email": "not an address"},
    )
    client.post(
        reverse("network:focal-point-edit", args=[focal_point.pk]),
        {"version": 1, "name": "Kim Min-ji", "position": "Director"},
    )
    page = client.get(reverse("network:membership-detail", args=[membership.pk])).content.decode()
    deleted = confirmed(client, reverse("network:focal-point-delete", args=[focal_point.pk]))

    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()
    assert "Kim Min-ji, Director" in page
    assert deleted.url == reverse("network:membership-detail", args=[membership.pk])
    assert not FocalPoint.objects.exists()
    actions = list(
        Revision.objects.filter(object_id=str(focal_point.pk), content_type__model="focalpoint")
        .order_by("version")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_deleting_a_membership_takes_its_focal_points_and_keeps_both_in_revisions(
    client, gwangju_editor, gwangju
):
    membership = join(make_network(), gwangju)
    FocalPoint.objects.create(membership=membership, name="Lee")
    client.force_login(gwangju_editor)

    page = client.get(reverse("network:membership-delete", args=[membership.pk])).content.decode()
    response = confirmed(client, reverse("network:membership-delete", args=[membership.pk]))

    assert "Its focal points (1) are deleted with it." in page
    assert response.url == gwangju.get_absolute_url()
    assert not Membership.objects.exists() and not FocalPoint.objects.exists()
    deleted = Revision.objects.filter(action="delete").values_list("content_type__model", flat=True)
    assert sorted(deleted) == ["focalpoint", "membership"]


# --- partnerships ----------------------------------------------------------------------


def test_a_city_editor_records_a_partnership_and_a_city_cannot_partner_itself(
    client, gwangju_editor, gwangju, busan
):
    client.force_login(gwangju_editor)
    url = reverse("network:partnership-create", args=["gwangju"])

    itself = client.post(url, {"city_b": "gwangju", "kind": "exchange"})
    response = client.post(url, {"city_b": "busan", "kind": "sister-city", "since_year": 2019})

    assert itself.status_code == 400
    partnership = Partnership.objects.get()
    assert (partnership.city_a, partnership.city_b, partnership.since_year) == (
        gwangju,
        busan,
        2019,
    )
    assert response.url.endswith("#partnerships")
    assert "Busan" in client.get(gwangju.get_absolute_url()).content.decode()


def test_only_the_recording_citys_editors_change_a_partnership(
    client, busan_editor, gwangju, busan
):
    partnership = Partnership.objects.create(city_a=gwangju, city_b=busan, kind="exchange")
    client.force_login(busan_editor)

    edited = client.post(
        reverse("network:partnership-edit", args=[partnership.pk]),
        {"version": 1, "city_b": "busan", "kind": "sister-city"},
    )
    deleted = confirmed(client, reverse("network:partnership-delete", args=[partnership.pk]))

    assert (edited.status_code, deleted.status_code) == (403, 403)
    partnership.refresh_from_db()
    assert partnership.kind == "exchange"


def test_a_citys_partnerships_come_a_page_at_a_time(client, gwangju):
    for n in range(30):
        Partnership.objects.create(
            city_a=gwangju, city_b=make_city(names={"en": f"Partner {n:02}"}), since_year=2000 + n
        )

    first = client.get(gwangju.get_absolute_url()).content.decode()
    second = client.get(gwangju.get_absolute_url(), {"partners_page": 2}).content.decode()

    assert "Partner 29" in first and "Partner 00" not in first
    assert "partners_page=2" in first
    assert "Partner 00" in second
