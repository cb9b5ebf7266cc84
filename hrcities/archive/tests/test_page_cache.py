"""The public page cache never shows what the access rules hide, and never shares a page
that is not the same for every anonymous visitor."""

import re
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from hrcities.archive.services import withdraw_consent
from hrcities.core.pagecache import current_version

from .factories import give_consent, make_item, make_person

TITLE = "Testimony of the Camellia Street"


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """A test runs in one transaction that never commits: `with commits():` stands for a
    transaction of its own, and runs at its end what its commit would run."""

    @contextmanager
    def transaction():
        connection._hrcities_pending = None  # what an earlier commit would have done
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return transaction


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def testimony(gwangju, commits):
    with commits():
        item = make_item(
            gwangju, kind="testimony", titles={"en": TITLE}, narrator=make_person(gwangju)
        )
        consent = give_consent(item, "archive", "publish")
    return item, consent


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def visit(client, url, **headers):
    response = client.get(url, **headers)
    return response.status_code, response.get("X-Page-Cache"), response.content.decode()


def test_a_page_is_served_from_the_cache_until_any_change(client, testimony, commits):
    item, _consent = testimony
    listing = reverse("archive:item-list")

    first, again = visit(client, listing), visit(client, listing)
    assert first[1] == "miss" and again[1] == "hit"
    assert without_tokens(again[2]) == without_tokens(first[2]) and TITLE in again[2]

    # A change through any path (here a queryset update, which sends no signal) is a new
    # version of the data: the next visitor gets a page made afresh.
    with commits():
        type(item).objects.filter(pk=item.pk).update(titles={"en": "Renamed testimony"})
    status, cache, html = visit(client, listing)
    assert cache == "miss" and "Renamed testimony" in html and TITLE not in html


def test_a_withdrawn_testimony_leaves_the_cached_pages_at_once(
    client, testimony, gwangju_editor, commits
):
    item, consent = testimony
    page = reverse("archive:item-detail", args=[item.pk])
    listing = reverse("archive:item-list")
    assert visit(client, page)[0] == 200 and visit(client, page)[1] == "hit"
    assert TITLE in visit(client, listing)[2] and visit(client, listing)[1] == "hit"

    with commits():
        withdraw_consent(consent, by=gwangju_editor)

    assert visit(client, page)[0] == 404
    assert TITLE not in visit(client, listing)[2]


def test_one_version_step_per_transaction_and_none_for_sessions(gwangju, commits):
    before = current_version()
    with commits():
        make_item(gwangju, titles={"en": "One"})
        make_item(gwangju, titles={"en": "Two"})
    assert current_version() == before + 1

    with commits(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_session")
    assert current_version() == before + 1


def test_signed_in_users_get_their_own_pages(client, testimony, gwangju_editor):
    listing = reverse("archive:item-list")
    visit(client, listing)
    client.force_login(gwangju_editor)

    cache = visit(client, listing)[1]

    assert cache is None  # neither served from nor stored in the shared cache


def test_a_page_that_carries_a_message_is_not_shared(client, testimony):
    listing = reverse("archive:item-list")
    client.cookies["messages"] = "something for this visitor only"

    assert visit(client, listing)[1] is None
    del client.cookies["messages"]
    assert visit(client, listing)[1] == "miss"


def test_korean_and_english_pages_are_kept_apart(client, testimony):
    listing = reverse("archive:item-list")
    english = visit(client, listing, HTTP_ACCEPT_LANGUAGE="en")
    korean = visit(client, listing, HTTP_ACCEPT_LANGUAGE="ko")
    assert korean[1] == "miss"
    assert '<html lang="ko"' in korean[2] and '<html lang="en"' in english[2]
    assert '<html lang="ko"' in visit(client, listing, HTTP_ACCEPT_LANGUAGE="ko")[2]


def test_each_visitor_of_a_cached_page_gets_a_csrf_token_of_their_own(testimony):
    listing = reverse("archive:item-list")
    tokens = []
    for _visitor in range(2):
        visitor = Client(enforce_csrf_checks=True)
        status, cache, html = visit(visitor, listing)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        tokens.append(token)
        # The language form of the cached page works with this visitor's own cookie.
        switched = visitor.post(
            reverse("set_language"),
            {"language": "ko", "next": listing, "csrfmiddlewaretoken": token},
        )
        assert switched.status_code == 302, cache
    assert tokens[0] != tokens[1]
    assert cache == "hit"
