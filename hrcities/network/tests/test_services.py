import pytest
from django.core.exceptions import ValidationError

from hrcities.core.models import Revision
from hrcities.core.services import EditConflict
from hrcities.network import services
from hrcities.network.models import City, GeoNamesPlace

pytestmark = pytest.mark.django_db


def test_a_city_created_from_a_place_takes_its_geonames_facts(geo, admin):
    place = GeoNamesPlace.objects.get(pk=1841811)

    city = services.create_city_from_place(place, by=admin)

    assert city.slug == "gwangju"
    assert city.names == {"en": "Gwangju", "ko": "광주"}
    assert city.country_id == "KR"
    assert (city.latitude, city.longitude) == (35.15472, 126.91556)
    assert city.population == 1401235
    assert Revision.objects.filter(object_id=str(city.pk), action="create").count() == 1


def test_given_names_override_geonames_names_language_by_language(geo, admin):
    place = GeoNamesPlace.objects.get(pk=1835848)

    city = services.create_city_from_place(
        place, by=admin, names={"en": "Seoul Metropolitan Government"}
    )

    assert city.names == {"en": "Seoul Metropolitan Government", "ko": "서울"}


def test_a_place_cannot_be_registered_twice(geo, admin):
    place = GeoNamesPlace.objects.get(pk=1841811)
    services.create_city_from_place(place, by=admin)

    with pytest.raises(ValidationError) as error:
        services.create_city_from_place(place, by=admin)

    assert "geonames_id" in error.value.message_dict
    assert City.objects.count() == 1


def test_two_places_with_one_name_get_different_addresses(geo, admin):
    yorks = GeoNamesPlace.objects.filter(name="York").order_by("-population")[:2]

    first, second = (services.create_city_from_place(p, by=admin) for p in yorks)

    assert first.slug == "york"
    assert second.slug == f"york-{yorks[1].country_code.lower()}"


def test_an_update_merges_names_and_keeps_a_revision(gwangju, gwangju_editor):
    services.update_city(
        gwangju,
        {"names": {"ko": "광주광역시"}, "year_declared": 2011},
        by=gwangju_editor,
        based_on_version=1,
    )

    gwangju.refresh_from_db()
    assert gwangju.names == {"en": "Gwangju", "ko": "광주광역시"}
    assert gwangju.version == 2
    revision = Revision.objects.filter(object_id=str(gwangju.pk), action="update").get()
    assert revision.author == gwangju_editor
    assert set(revision.changes) == {"names", "year_declared"}


def test_an_empty_name_removes_that_language(gwangju, gwangju_editor):
    services.update_city(
        gwangju, {"names": {"ko": ""}}, by=gwangju_editor, based_on_version=gwangju.version
    )

    gwangju.refresh_from_db()
    assert gwangju.names == {"en": "Gwangju"}


def test_an_update_from_a_stale_version_is_refused_and_saves_nothing(gwangju, gwangju_editor):
    services.update_city(gwangju, {"year_declared": 2011}, by=gwangju_editor, based_on_version=1)

    with pytest.raises(EditConflict):
        services.update_city(
            gwangju, {"year_declared": 2012}, by=gwangju_editor, based_on_version=1
        )

    gwangju.refresh_from_db()
    assert gwangju.year_declared == 2011
    assert gwangju.version == 2


def test_an_imported_row_names_its_owner_by_one_slug(gwangju):
    from .factories import make_organisation

    union = make_organisation(slug="union")
    problems: list[tuple[str, str]] = []

    def owner(city: str, organisation: str):
        return services.owner_from_cells(city, organisation, lambda *p: problems.append(p))

    assert owner("gwangju", "") == (gwangju, None)
    assert owner("", "union") == (None, union)
    assert owner("", "") == (None, None) and problems == []
    assert owner("gwangju", "union") == (None, None)
    assert owner("atlantis", "") == (None, None)
    assert owner("", "guild") == (None, None)
    assert problems == [
        ("city", "Give a city or an organisation, not both."),
        ("city", "Unknown city “atlantis”."),
        ("organisation", "Unknown organisation “guild”."),
    ]
