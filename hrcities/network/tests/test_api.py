import json

import pytest

from hrcities.core.models import Revision
from hrcities.network.models import City, Organisation
from hrcities.network.tests.factories import make_city

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def patch(client, url, body, **headers):
    return client.patch(url, json.dumps(body), content_type="application/json", **headers)


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


# --- reading ---------------------------------------------------------------------------


def test_cities_are_listed_a_page_at_a_time_with_the_total(client, demo):
    response = client.get("/api/network/cities", {"limit": 5, "offset": 5})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == City.objects.count()
    assert (body["limit"], body["offset"], len(body["items"])) == (5, 5, 5)


def test_cities_can_be_filtered(client, demo):
    def slugs(**params):
        return {c["slug"] for c in client.get("/api/network/cities", params).json()["items"]}

    assert slugs(country="at") == {"graz", "vienna", "salzburg"}
    assert "rosario" in slugs(continent="SA")
    assert slugs(network="iccar") == {"gwangju", "barcelona", "graz", "montreal"}
    assert slugs(q="광주") == {"gwangju"}


def test_a_city_has_its_names_version_and_demo_flag(client, demo):
    body = client.get("/api/network/cities/gwangju").json()

    assert body["names"] == {"en": "Gwangju", "ko": "광주"}
    assert body["name"] == "Gwangju"
    assert body["version"] == 1
    assert body["is_demo"] is True
    assert body["country"]["name_ko"] == "대한민국"
    assert body["geonames_id"] == 1841811
    assert "whrcf" in body["networks"]


def test_a_city_is_named_in_the_language_asked_for(client, demo):
    body = client.get("/api/network/cities/gwangju", HTTP_ACCEPT_LANGUAGE="ko").json()

    assert body["name"] == "광주"


def test_an_unknown_city_is_a_404_problem(client, db):
    response = client.get("/api/network/cities/atlantis")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_networks_and_organisations_are_listed(client, demo):
    networks = client.get("/api/network/networks").json()
    organisations = client.get("/api/network/organisations", {"kind": "un-body"}).json()

    assert {n["slug"] for n in networks} == {"whrcf", "iccar"}
    assert {o["slug"] for o in organisations["items"]} == {"ohchr", "unesco"}


def test_places_are_looked_up_by_korean_name(client, geo):
    response = client.get("/api/network/places", {"q": "광주"})

    places = response.json()
    assert places[0]["geonames_id"] == 1841811
    assert "광주광역시" in places[0]["korean_names"]


# --- changing a city -------------------------------------------------------------------


def test_the_gwangju_editor_changes_gwangju_and_a_revision_is_kept(
    client, gwangju, gwangju_editor, api_token
):
    key = api_token(gwangju_editor)

    response = patch(
        client, "/api/network/cities/gwangju", {"version": 1, "year_declared": 2011}, **bearer(key)
    )

    assert response.status_code == 200, response.content
    assert response.json()["year_declared"] == 2011
    assert response.json()["version"] == 2
    revision = Revision.objects.get(object_id=str(gwangju.pk), action="update")
    assert revision.author == gwangju_editor
    assert revision.changes == {"year_declared": [None, 2011]}


def test_names_sent_in_a_patch_are_merged(client, gwangju, gwangju_editor, api_token):
    response = patch(
        client,
        "/api/network/cities/gwangju",
        {"version": 1, "names": {"ko": "광주광역시"}},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.json()["names"] == {"en": "Gwangju", "ko": "광주광역시"}


def test_the_gwangju_editor_cannot_change_busan(client, busan, gwangju_editor, api_token):
    response = patch(
        client,
        "/api/network/cities/busan",
        {"version": 1, "year_declared": 2000},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    busan.refresh_from_db()
    assert busan.year_declared is None


def test_a_change_from_a_stale_version_is_a_409_problem(client, gwangju, gwangju_editor, api_token):
    key = api_token(gwangju_editor)
    url = "/api/network/cities/gwangju"
    patch(client, url, {"version": 1, "year_declared": 2011}, **bearer(key))

    response = patch(
        client, "/api/network/cities/gwangju", {"version": 1, "year_declared": 2012}, **bearer(key)
    )

    body = response.json()
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert body["status"] == 409
    assert body["current_version"] == 2
    gwangju.refresh_from_db()
    assert gwangju.year_declared == 2011


def test_a_change_without_a_version_is_refused_naming_the_field(
    client, gwangju, gwangju_editor, api_token
):
    response = patch(
        client,
        "/api/network/cities/gwangju",
        {"year_declared": 2011},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 422
    assert "version" in [error["field"] for error in response.json()["errors"]]
    gwangju.refresh_from_db()
    assert gwangju.year_declared is None


def test_an_invalid_value_is_a_422_naming_the_field(client, gwangju, gwangju_editor, api_token):
    response = patch(
        client,
        "/api/network/cities/gwangju",
        {"version": 1, "latitude": 123},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 422
    assert "latitude" in response.json()["detail"]


def test_an_anonymous_change_is_a_401(client, gwangju):
    response = patch(client, "/api/network/cities/gwangju", {"version": 1, "year_declared": 2011})

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_bogus_token_is_a_401(client, gwangju):
    response = patch(
        client,
        "/api/network/cities/gwangju",
        {"version": 1, "year_declared": 2011},
        **bearer("hrc_not-a-real-token"),
    )

    assert response.status_code == 401
    assert client.get("/api/network/cities", **bearer("hrc_bogus")).status_code == 401


# --- adding and removing ---------------------------------------------------------------


def test_a_network_admin_adds_a_city_from_a_geonames_place(client, geo, admin, api_token):
    response = post(
        client,
        "/api/network/cities",
        {"geonames_id": 2778067, "year_declared": 2001},
        **bearer(api_token(admin)),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "graz"
    assert body["names"] == {"en": "Graz", "ko": "그라츠"}
    assert body["year_declared"] == 2001
    assert body["version"] == 1


def test_a_city_editor_cannot_add_cities(client, geo, gwangju_editor, api_token):
    response = post(
        client, "/api/network/cities", {"geonames_id": 2778067}, **bearer(api_token(gwangju_editor))
    )

    assert response.status_code == 403
    assert not City.objects.filter(geonames_id=2778067).exists()


def test_a_place_already_registered_is_a_422(client, geo, gwangju, admin, api_token):
    response = post(
        client, "/api/network/cities", {"geonames_id": 1841811}, **bearer(api_token(admin))
    )

    assert response.status_code == 422


def test_only_network_admins_remove_cities(client, gwangju_editor, admin, api_token):
    mokpo = make_city(slug="mokpo")
    refused = client.delete("/api/network/cities/mokpo", **bearer(api_token(gwangju_editor)))
    removed = client.delete("/api/network/cities/mokpo", **bearer(api_token(admin)))

    assert refused.status_code == 403
    assert removed.status_code == 204
    assert not City.objects.filter(slug="mokpo").exists()
    assert Revision.objects.filter(action="delete", object_id=str(mokpo.pk)).exists()


# --- organisations ---------------------------------------------------------------------


def test_an_admin_adds_an_organisation_and_its_editor_changes_it(client, gwangju, admin, api_token):
    from hrcities.accounts.tests.factories import give_role, make_user

    created = post(
        client,
        "/api/network/organisations",
        {
            "names": {"en": "Gwangju Human Rights Education Centre"},
            "kind": "education-centre",
            "city": "gwangju",
        },
        **bearer(api_token(admin)),
    )
    assert created.status_code == 201, created.content
    organisation = Organisation.objects.get(slug=created.json()["slug"])
    editor = make_user("centre-editor")
    give_role(editor, "editor", organisation=organisation)

    changed = patch(
        client,
        f"/api/network/organisations/{organisation.slug}",
        {"version": 1, "acronym": "GHREC"},
        **bearer(api_token(editor)),
    )

    assert created.json()["city"] == "gwangju"
    assert changed.status_code == 200, changed.content
    assert changed.json()["acronym"] == "GHREC"
    assert changed.json()["version"] == 2


def test_a_city_editor_cannot_add_organisations(client, gwangju, gwangju_editor, api_token):
    response = post(
        client,
        "/api/network/organisations",
        {"names": {"en": "Somewhere"}, "kind": "civil-society"},
        **bearer(api_token(gwangju_editor)),
    )

    assert response.status_code == 403
