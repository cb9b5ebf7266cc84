import pytest

from hrcities.core.models import Revision
from hrcities.network.demo import DEMO_CITIES, load_demo_network
from hrcities.network.models import (
    City,
    FocalPoint,
    Membership,
    Network,
    Organisation,
    Partnership,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_gwangju_and_at_least_15_other_cities_on_four_continents(demo):
    cities = City.objects.select_related("country")

    assert cities.filter(slug="gwangju").exists()
    assert cities.count() >= 16
    assert len({city.country.continent for city in cities}) >= 4


def test_every_demo_city_is_located_by_geonames_and_marked_as_demo(demo):
    for city in City.objects.all():
        assert city.geonames_id, city.slug
        assert city.latitude is not None and city.longitude is not None, city.slug
        assert city.is_demo, city.slug
        assert "Demo content" in city.description


def test_demo_cities_carry_korean_names_from_geonames(demo):
    assert City.objects.get(slug="gwangju").names == {"en": "Gwangju", "ko": "광주"}
    assert City.objects.get(slug="seoul").names["ko"] == "서울"
    assert City.objects.get(slug="rosario").names["ko"] == "로사리오"


def test_only_well_established_declaration_years_are_stated(demo):
    years = dict(
        City.objects.filter(year_declared__isnull=False).values_list("slug", "year_declared")
    )

    assert years == {"gwangju": 2011, "rosario": 1997, "graz": 2001}


def test_all_demo_records_are_marked_as_demo(demo):
    for model in (Organisation, Network, Membership, FocalPoint, Partnership):
        assert model.objects.exists(), model
        assert not model.objects.filter(is_demo=False).exists(), model
    assert Organisation.objects.filter(slug__in=["ohchr", "unesco"], kind="un-body").count() == 2


def test_demo_focal_points_are_obviously_fictitious(demo):
    for focal_point in FocalPoint.objects.all():
        assert focal_point.name.startswith("Demo focal point")
        assert focal_point.email.endswith("@example.org")


def test_loading_the_demo_twice_duplicates_nothing(demo):
    counts = {
        model: model.objects.count()
        for model in (City, Organisation, Network, Membership, FocalPoint, Partnership)
    }
    revisions = Revision.objects.count()

    created = load_demo_network()

    assert set(created.values()) == {0}
    assert {model: model.objects.count() for model in counts} == counts
    assert Revision.objects.count() == revisions


def test_the_demo_updates_an_existing_gwangju_instead_of_adding_another(geo, gwangju):
    load_demo_network()

    assert City.objects.filter(geonames_id=1841811).count() == 1
    assert City.objects.get(slug="gwangju").is_demo


def test_the_demo_needs_the_geonames_places(db):
    with pytest.raises(LookupError):
        load_demo_network()
    assert not City.objects.exists()


def test_demo_city_slugs_are_unique():
    slugs = [demo.slug for demo in DEMO_CITIES]

    assert len(slugs) == len(set(slugs))
