import pytest

from hrcities.network.loaders import find_places, load_geo, sync_rows
from hrcities.network.models import Country, GeoNamesPlace

pytestmark = pytest.mark.django_db


def test_countries_are_loaded_with_english_and_korean_names_and_continents(geo):
    korea = Country.objects.get(iso2="KR")

    assert korea.iso3 == "KOR"
    assert korea.numeric == "410"
    assert korea.name_ko == "대한민국"
    assert korea.continent == "AS"
    assert Country.objects.get(iso2="AR").continent == "SA"
    assert Country.objects.count() >= 249


def test_every_geonames_place_is_loaded_once_and_a_second_load_changes_nothing():
    first = load_geo()

    assert first["places"]["created"] == 34006
    assert GeoNamesPlace.objects.count() == 34006
    assert GeoNamesPlace.objects.exclude(name_ko="").count() == 6150
    # Every place's country is a loaded country (including Kosovo, XK).
    codes = set(GeoNamesPlace.objects.values_list("country_code", flat=True).distinct())
    assert codes <= set(Country.objects.values_list("iso2", flat=True))

    second = load_geo()

    assert second["places"] == {"created": 0, "updated": 0, "unchanged": 34006}
    assert second["countries"]["created"] == second["countries"]["updated"] == 0
    assert GeoNamesPlace.objects.count() == 34006


def test_a_changed_place_is_updated_in_place(geo):
    GeoNamesPlace.objects.filter(pk=1841811).update(population=1)
    rows = [
        {field.name: getattr(place, field.attname) for field in GeoNamesPlace._meta.concrete_fields}
        for place in GeoNamesPlace.objects.filter(pk__in=[1841811, 1835848])
    ]
    rows[0 if rows[0]["geonames_id"] == 1841811 else 1]["population"] = 1401235

    result = sync_rows(GeoNamesPlace, rows)

    assert result == {"created": 0, "updated": 1, "unchanged": 1}
    assert GeoNamesPlace.objects.get(pk=1841811).population == 1401235


def test_gwangju_is_found_by_its_hangul_and_english_names(geo):
    by_hangul = find_places("광주")
    by_english = find_places("Gwangju")

    # The metropolitan city (1.4 million people) comes before Gwangju in Gyeonggi-do.
    assert by_hangul[0].geonames_id == 1841811
    assert by_english[0].geonames_id == 1841811
    assert {p.geonames_id for p in by_english} >= {1841811, 1841810}


def test_look_up_ignores_case_and_accents(geo):
    assert find_places("bogota")[0].name == "Bogotá"
    assert find_places("GRAZ")[0].geonames_id == 2778067


def test_an_exact_name_comes_before_a_larger_place_that_only_contains_it(geo):
    results = find_places("York")

    assert results[0].name == "York"
    assert "New York City" in [p.name for p in results]


def test_look_up_can_be_limited_to_one_country(geo):
    results = find_places("York", country="gb")

    assert [p.country_code for p in results] == ["GB"]


def test_an_empty_query_finds_nothing(geo):
    assert find_places("   ") == []
