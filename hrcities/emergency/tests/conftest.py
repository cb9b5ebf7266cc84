import pytest


@pytest.fixture
def seoul(db):
    from hrcities.network.tests.factories import make_city, make_country

    return make_city(
        slug="seoul",
        names={"en": "Seoul", "ko": "서울"},
        country=make_country("KR"),
        latitude=37.566,
        longitude=126.9784,
    )


@pytest.fixture
def reference(db):
    from hrcities.emergency.loaders import load_emergency_reference

    return load_emergency_reference()


@pytest.fixture
def covid(reference):
    from hrcities.emergency.models import Emergency

    return Emergency.objects.get(slug="covid-19", city=None)
