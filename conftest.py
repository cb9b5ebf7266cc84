"""Shared test set-up: the personas every app's tests speak of.

- `admin`: a network admin.
- `gwangju_editor`: edits Gwangju's records, and nothing else.
- `busan_editor`: edits another city's records.
- `contributor`: adds drafts to Gwangju's records.
- `reader`: a signed-in member with no role.
- anonymous: the public (the test client without sign-in).
"""

from __future__ import annotations

import os

os.environ.setdefault("HRCITIES_TESTING", "1")
# Commands speak the shell's language (hrcities.core.commands); the tests read them in
# English whatever the language of the machine running them.
os.environ["HRCITIES_LANGUAGE"] = "en"

import pytest  # noqa: E402


@pytest.fixture
def gwangju(db):
    from hrcities.network.tests.factories import make_city, make_country

    return make_city(
        slug="gwangju",
        names={"en": "Gwangju", "ko": "광주"},
        country=make_country("KR", iso3="KOR", name_en="Korea, Republic of", name_ko="대한민국"),
        geonames_id=1841811,
        latitude=35.15472,
        longitude=126.91556,
    )


@pytest.fixture
def busan(db):
    from hrcities.network.tests.factories import make_city, make_country

    return make_city(
        slug="busan",
        names={"en": "Busan", "ko": "부산"},
        country=make_country("KR"),
        latitude=35.10278,
        longitude=129.04028,
    )


@pytest.fixture
def admin(db):
    from hrcities.accounts.tests.factories import give_role, make_user

    user = make_user("admin")
    give_role(user, "admin")
    return user


@pytest.fixture
def gwangju_editor(gwangju):
    from hrcities.accounts.tests.factories import give_role, make_user

    user = make_user("gwangju-editor")
    give_role(user, "editor", city=gwangju)
    return user


@pytest.fixture
def busan_editor(busan):
    from hrcities.accounts.tests.factories import give_role, make_user

    user = make_user("busan-editor")
    give_role(user, "editor", city=busan)
    return user


@pytest.fixture
def reader(db):
    from hrcities.accounts.tests.factories import make_user

    return make_user("reader")


@pytest.fixture
def contributor(gwangju):
    from hrcities.accounts.tests.factories import give_role, make_user

    user = make_user("contributor")
    give_role(user, "contributor", city=gwangju)
    return user


@pytest.fixture(params=["anonymous", "member", "other city's editor"])
def outsider(request, client, busan_editor):
    """Return the test client as a reader who keeps nothing of Gwangju's: the public, a
    signed-in member without a role, or another city's editor (one test each)."""
    from hrcities.accounts.tests.factories import make_user

    if request.param == "member":
        client.force_login(make_user("member"))
    elif request.param == "other city's editor":
        client.force_login(busan_editor)
    return client


@pytest.fixture
def signed_in(client):
    """Return a function that signs the test client in as a user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api_token():
    """Return a function that creates an API token for a user and returns its secret."""
    from hrcities.accounts.services import create_api_token

    def make(user, name="tests"):
        return create_api_token(user, name)[1]

    return make


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep uploaded files of each test in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def keyword_search_only(request, settings):
    """Index without sentence vectors, except in the cross-lingual search tests.

    Embedding every saved record would load the encoder in every test process and slow
    the whole suite; the tests that need vectors are the semantic ones.
    """
    if "semantic" not in request.node.nodeid:
        settings.SEARCH_SEMANTIC = False


@pytest.fixture(autouse=True)
def site_language():
    """Start every test in the site's default language, whatever a previous test chose.

    A request in Korean (or `translation.activate`) leaves its language on the thread;
    without this, a message a test reads in English would depend on the tests before it.
    """
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def api_answers_as_documented():
    """Fail a test in which the API answered a status its OpenAPI document does not list."""
    from hrcities.core.tests.openapi_answers import recording

    with recording() as undocumented:
        yield
    if undocumented:
        pytest.fail("Answers missing from openapi.json:\n" + "\n".join(sorted(set(undocumented))))
