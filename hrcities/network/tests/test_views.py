import csv
import json
from pathlib import Path

import pytest
from django.urls import reverse

from hrcities.core.models import Revision
from hrcities.network.models import City
from hrcities.network.tests.factories import make_city, make_country

pytestmark = pytest.mark.django_db


def edit_form(city, **changes):
    data = {
        "version": city.version,
        "name_en": city.names.get("en", ""),
        "name_ko": city.names.get("ko", ""),
        "year_declared": city.year_declared or "",
        "website": city.website,
        "description": city.description,
        "latitude": city.latitude,
        "longitude": city.longitude,
    }
    data.update(changes)
    return data


# --- city list -------------------------------------------------------------------------


def test_the_city_list_shows_each_city_with_country_and_year(client, demo):
    response = client.get(reverse("network:city-list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Gwangju" in page and "Rosario" in page
    assert "Korea, Republic of" in page
    assert "2011" in page and "1997" in page
    assert 'class="badge badge-demo"' in page


def test_the_city_list_paginates(client, db):
    country = make_country("KR")
    for n in range(30):
        make_city(slug=f"town-{n:02}", names={"en": f"Town {n:02}"}, country=country)

    first = client.get(reverse("network:city-list"))
    second = client.get(reverse("network:city-list"), {"page": 2})

    assert "Town 00" in first.content.decode()
    assert "Town 29" not in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    assert "Town 29" in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_the_city_list_filters_by_country_continent_and_network(client, demo):
    by_country = client.get(reverse("network:city-list"), {"country": "AT"}).content.decode()
    by_continent = client.get(reverse("network:city-list"), {"continent": "SA"}).content.decode()
    by_network = client.get(reverse("network:city-list"), {"network": "iccar"}).content.decode()

    assert "Graz" in by_country and "Vienna" in by_country and "Gwangju" not in by_country
    assert "Rosario" in by_continent and "Graz" not in by_continent
    assert "Barcelona" in by_network and "Rosario" not in by_network


def test_the_city_list_finds_a_city_by_its_korean_name(client, demo):
    page = client.get(reverse("network:city-list"), {"q": "광주"}).content.decode()

    assert "Gwangju" in page
    assert "Seoul" not in page


def test_the_city_list_sorts_by_year_declared(client, demo):
    page = client.get(reverse("network:city-list"), {"sort": "year"}).content.decode()

    assert page.index("Rosario") < page.index("Graz") < page.index("Gwangju")


def test_the_city_list_says_when_nothing_matches(client, demo):
    page = client.get(reverse("network:city-list"), {"q": "Atlantis"}).content.decode()

    assert "No city matches these filters." in page


def test_an_empty_registry_says_so(client, db):
    page = client.get(reverse("network:city-list")).content.decode()

    assert "No cities are registered yet." in page


# --- city page -------------------------------------------------------------------------


def test_the_city_page_shows_facts_organisations_memberships_and_partners(client, demo):
    response = client.get(reverse("network:city-detail", args=["gwangju"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "광주" in page
    assert "The May 18 Memorial Foundation" in page
    assert "World Human Rights Cities Forum" in page
    assert "Demo focal point (Gwangju)" in page
    assert "Rosario" in page  # a demo partnership
    assert 'class="badge badge-demo"' in page
    city = City.objects.get(slug="gwangju")
    assert reverse("core:record-history", args=["network.city", city.pk]) in page


def test_the_edit_link_shows_only_to_those_who_may_edit(client, gwangju, busan_editor):
    anonymous = client.get(reverse("network:city-detail", args=["gwangju"])).content.decode()
    client.force_login(busan_editor)
    other = client.get(reverse("network:city-detail", args=["gwangju"])).content.decode()

    edit_url = reverse("network:city-edit", args=["gwangju"])
    assert edit_url not in anonymous
    assert edit_url not in other


def test_an_unknown_city_is_not_found(client, db):
    assert client.get(reverse("network:city-detail", args=["atlantis"])).status_code == 404


# --- editing ---------------------------------------------------------------------------


def test_the_gwangju_editor_can_edit_gwangju_and_a_revision_is_kept(
    client, gwangju, gwangju_editor
):
    client.force_login(gwangju_editor)
    url = reverse("network:city-edit", args=["gwangju"])

    form_page = client.get(url)
    response = client.post(url, edit_form(gwangju, year_declared=2011, name_ko="광주광역시"))

    assert form_page.status_code == 200
    assert 'name="version"' in form_page.content.decode()
    assert response.status_code == 302
    gwangju.refresh_from_db()
    assert gwangju.year_declared == 2011
    assert gwangju.names["ko"] == "광주광역시"
    revision = Revision.objects.get(object_id=str(gwangju.pk), action="update")
    assert revision.author == gwangju_editor


def test_the_gwangju_editor_cannot_edit_busan(client, busan, gwangju_editor):
    client.force_login(gwangju_editor)
    url = reverse("network:city-edit", args=["busan"])

    assert client.get(url).status_code == 403
    response = client.post(url, edit_form(busan, year_declared=2000))

    assert response.status_code == 403
    busan.refresh_from_db()
    assert busan.year_declared is None


def test_an_anonymous_visitor_is_asked_to_sign_in_to_edit(client, gwangju):
    response = client.get(reverse("network:city-edit", args=["gwangju"]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_stale_edit_shows_the_conflict_and_keeps_the_stored_value(
    client, gwangju, gwangju_editor, admin
):
    from hrcities.network.services import update_city

    stale = edit_form(gwangju, year_declared=2012)
    update_city(gwangju, {"year_declared": 2011}, by=admin, based_on_version=gwangju.version)
    client.force_login(gwangju_editor)

    response = client.post(reverse("network:city-edit", args=["gwangju"]), stale)

    page = response.content.decode()
    assert response.status_code == 409
    assert 'class="conflict" role="alert"' in page
    assert "changed by someone else" in page
    assert "2011" in page  # the stored value is shown
    gwangju.refresh_from_db()
    assert gwangju.year_declared == 2011
    assert gwangju.version == 2


def test_invalid_input_is_shown_next_to_the_field(client, gwangju, gwangju_editor):
    client.force_login(gwangju_editor)

    response = client.post(
        reverse("network:city-edit", args=["gwangju"]), edit_form(gwangju, latitude=123)
    )

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    gwangju.refresh_from_db()
    assert gwangju.latitude == 35.15472


# --- adding a city ---------------------------------------------------------------------


def test_a_network_admin_adds_a_city_by_looking_up_a_place(client, geo, admin):
    client.force_login(admin)
    url = reverse("network:city-create")

    lookup = client.get(url, {"q": "광주"})
    response = client.post(url, {"geonames_id": 1841811})

    assert 'value="1841811"' in lookup.content.decode()
    assert response.status_code == 302
    city = City.objects.get(geonames_id=1841811)
    assert response["Location"] == reverse("network:city-edit", args=[city.slug])


def test_only_network_admins_may_add_cities(client, geo, gwangju_editor):
    client.force_login(gwangju_editor)

    response = client.post(reverse("network:city-create"), {"geonames_id": 1835848})

    assert response.status_code == 403
    assert not City.objects.filter(geonames_id=1835848).exists()


# --- organisations and networks --------------------------------------------------------


def test_organisations_are_listed_and_shown(client, demo):
    listing = client.get(reverse("network:organisation-list")).content.decode()
    detail = client.get(reverse("network:organisation-detail", args=["ohchr"])).content.decode()

    assert "UNESCO" in listing and "OHCHR" in listing
    assert "UN body" in detail


def test_an_organisation_editor_edits_it_and_others_may_not(client, demo):
    from hrcities.accounts.tests.factories import give_role, make_user
    from hrcities.network.models import Organisation

    gic = Organisation.objects.get(slug="gwangju-international-center")
    editor = make_user("gic-editor")
    give_role(editor, "editor", organisation=gic)
    data = {
        "version": gic.version,
        "name_en": "Gwangju International Center",
        "name_ko": "광주국제교류센터",
        "acronym": "GIC",
        "kind": "civil-society",
        "city": "gwangju",
        "country": "KR",
        "website": "",
        "description": "Edited.",
    }
    client.force_login(editor)

    ok = client.post(reverse("network:organisation-edit", args=[gic.slug]), data)
    refused = client.get(reverse("network:organisation-edit", args=["ohchr"]))

    assert ok.status_code == 302
    gic.refresh_from_db()
    assert gic.description == "Edited."
    assert refused.status_code == 403


def test_networks_list_their_member_cities(client, demo):
    listing = client.get(reverse("network:network-list")).content.decode()
    detail = client.get(reverse("network:network-detail", args=["whrcf"])).content.decode()

    assert "World Human Rights Cities Forum" in listing
    assert "Gwangju" in detail and "Rosario" in detail
    assert "Gwangju International Center" in detail


# --- map -------------------------------------------------------------------------------


def test_the_map_page_lists_every_city_for_those_who_cannot_use_the_map(client, demo):
    response = client.get(reverse("network:map"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="region"' in page and "aria-label=" in page
    assert 'id="map-cities"' in page
    for city in City.objects.all():
        assert city.get_absolute_url() in page, city.slug
    assert reverse("network:city-list") in page
    assert 'data-geojson-url="' + reverse("network:map-data") in page
    assert "ne_110m_countries.geojson" in page
    # The CSP allows no inline script or style.
    assert "<script>" not in page and "<style" not in page and " style=" not in page


def test_the_map_data_is_a_geojson_feature_collection_of_the_cities(client, demo):
    response = client.get(reverse("network:map-data"))

    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == City.objects.count()
    gwangju = next(f for f in data["features"] if f["properties"]["slug"] == "gwangju")
    assert gwangju["type"] == "Feature"
    assert gwangju["geometry"] == {"type": "Point", "coordinates": [126.91556, 35.15472]}
    assert gwangju["properties"]["year_declared"] == 2011
    assert gwangju["properties"]["url"] == reverse("network:city-detail", args=["gwangju"])
    for feature in data["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_the_map_data_names_cities_in_the_reader_language(client, demo):
    response = client.get(reverse("network:map-data"), HTTP_ACCEPT_LANGUAGE="ko")

    names = {f["properties"]["slug"]: f["properties"]["name"] for f in response.json()["features"]}
    assert names["gwangju"] == "광주"
    assert names["wonosobo"] == "Wonosobo"  # no Korean name: English


def test_the_base_map_ships_with_the_app(settings):
    from pathlib import Path

    import hrcities.network

    path = Path(hrcities.network.__file__).parent / "static/network/ne_110m_countries.geojson"
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 177


def test_htmx_filtering_answers_with_the_results_alone(client, demo):
    response = client.get(reverse("network:city-list"), {"country": "AT"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="city-results">')
    assert "<html" not in html
    assert "Graz" in html and "Gwangju" not in html


NETWORK = Path(__file__).resolve().parents[1]


def read_map_detail() -> dict:
    path = NETWORK / "static/network/map_detail.geojson"
    assert path.stat().st_size < 1_000_000
    return json.loads(path.read_text(encoding="utf-8"))


def in_box(box: dict, longitude: float, latitude: float) -> bool:
    ring = box["geometry"]["coordinates"][0]
    west, south = ring[0]
    east, north = ring[2]
    return west <= longitude <= east and south <= latitude <= north


def test_the_city_zoom_layer_covers_every_demo_city_with_land_and_towns():
    from hrcities.network.demo import DEMO_CITIES

    features = read_map_detail()["features"]
    with (NETWORK / "data" / "cities15000_slim.csv").open(encoding="utf-8") as handle:
        places = {row["geonameid"]: row for row in csv.DictReader(handle)}
    areas = [f for f in features if f["properties"]["layer"] == "area"]
    for city in DEMO_CITIES:
        place = places[str(city.geonames_id)]
        assert any(in_box(a, float(place["longitude"]), float(place["latitude"])) for a in areas), (
            city.slug
        )
    layers = {f["properties"]["layer"] for f in features}
    assert layers == {"area", "land", "lake", "coast", "river", "town"}
    towns = {
        f["properties"]["name"]: f["properties"]
        for f in features
        if f["properties"]["layer"] == "town"
    }
    # Round Gwangju: the neighbouring towns, with their Korean names.
    for name, korean in (
        ("Naju", "나주"),
        ("Hwasun", "화순"),
        ("Jangseong", "장성"),
        ("Damyang", "담양"),
    ):
        assert towns[name]["name_ko"] == korean
        assert towns[name]["population"] > 15_000


def test_the_city_zoom_layer_draws_the_han_river_through_seoul():
    features = read_map_detail()["features"]
    rivers = [f for f in features if f["properties"]["layer"] == "river"]
    # The Han crosses the meridian of Seoul's City Hall (126.98° E) near 37.52° N.
    crossings = []
    for river in rivers:
        line = river["geometry"]["coordinates"]
        for (x0, y0), (x1, y1) in zip(line[:-1], line[1:], strict=True):
            if min(x0, x1) <= 126.98 <= max(x0, x1) and 37.4 <= (y0 + y1) / 2 <= 37.6:
                crossings.append((y0 + y1) / 2)
    assert crossings


def test_every_map_names_the_sources_of_its_base_layers(client, demo):
    response = client.get(reverse("network:map"))

    page = response.content.decode()
    assert "map_detail.geojson" in page
    assert "Natural Earth (public domain)" in page
    assert "GSHHG (LGPL-3.0 or later)" in page
    assert "GeoNames (CC BY 4.0)" in page
