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
def seoul_editor(seoul):
    from hrcities.accounts.tests.factories import give_role, make_user

    user = make_user("seoul-editor")
    give_role(user, "editor", city=seoul)
    return user


@pytest.fixture
def wphre(db):
    from hrcities.education.loaders import load_wphre

    return load_wphre()
