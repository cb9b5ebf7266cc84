"""Every page passes axe-core (WCAG 2.1 AA) with no serious or critical violation,
in English and in Korean."""

import json
import urllib.request

import pytest
from django.urls import reverse

from .conftest import axe_violations, sign_in

PUBLIC_PAGES = [
    ("core:home", []),
    ("core:api-home", []),
    ("core:about-data", []),
    ("accounts:login", []),
    ("network:city-list", []),
    ("network:city-detail", ["gwangju"]),
    ("network:organisation-list", []),
    ("network:organisation-detail", ["ohchr"]),
    ("network:network-list", []),
    ("network:map", []),
    ("taxonomy:index", []),
    ("taxonomy:goal-list", []),
    ("taxonomy:goal-detail", [16]),
    ("taxonomy:theme-list", []),
    ("taxonomy:group-list", []),
    ("taxonomy:recommendation-list", []),
    ("taxonomy:theme-detail", ["{theme}"]),
    ("taxonomy:group-detail", ["{group}"]),
    ("taxonomy:recommendation-detail", ["{recommendation}"]),
    ("network:network-detail", ["whrcf"]),
    ("core:record-history", ["network.city", "{gwangju_pk}"]),
    ("commitments:declaration-list", []),
    ("commitments:declaration-detail", ["2020-whrcf-final-declaration"]),
    ("commitments:commitment-detail", ["2020-whrcf-final-declaration", 5]),
    ("commitments:action-detail", ["{action}"]),
    ("commitments:city-actions", ["gwangju"]),
    ("archive:item-list", []),
    ("archive:item-detail", ["{archive_item}"]),
    ("archive:item-print", ["{archive_item}"]),
    ("archive:event-list", []),
    ("archive:event-detail", ["{archive_event}"]),
    ("archive:collection-list", []),
    ("archive:collection-detail", ["{archive_collection}"]),
    ("archive:place-detail", ["{archive_place}"]),
    ("archive:timeline", []),
    ("archive:map", []),
    ("search:search", []),
    ("indicators:city-list", []),
    ("indicators:city-indicators", ["gwangju"]),
    ("indicators:indicator-detail", ["gwangju", "GJ-2-1"]),
    ("indicators:indicator-detail", ["gwangju", "GJ-4-4"]),
    ("reports:report-index", []),
    ("reports:report-detail", ["gwangju", 2023]),
]
EDITOR_PAGES = [
    ("accounts:profile", []),
    ("network:city-edit", ["gwangju"]),
    ("commitments:actions-import", []),
    ("commitments:action-create", ["2020-whrcf-final-declaration", 5]),
    ("indicators:indicator-create", ["gwangju"]),
    ("indicators:indicator-edit", ["gwangju", "GJ-2-1"]),
    ("indicators:observation-create", ["gwangju", "GJ-2-1"]),
    ("indicators:city-import", ["gwangju"]),
]
ADMIN_PAGES = [
    ("core:audit-log", []),
    ("accounts:role-list", []),
    ("accounts:role-revoke", ["{role}"]),
    ("network:city-create", []),
    ("network:organisation-edit", ["ohchr"]),
    ("core:revision-restore", ["{revision}"]),
    ("commitments:declaration-upload", []),
    ("core:record-tags", ["commitments.action", "{action}"]),
]


@pytest.fixture(scope="session")
def ids(server):
    """Ids and slugs of demo records, read through the public API."""

    def first(path, key="id"):
        with urllib.request.urlopen(server + path) as response:
            return json.load(response)["items"][0][key]

    gwangju = json.load(urllib.request.urlopen(server + "/api/network/cities/gwangju"))
    revisions = f"/api/records/network.city/{gwangju['id']}/revisions"
    return {
        "theme": first("/api/taxonomy/themes?limit=1", "slug"),
        "group": first("/api/taxonomy/groups?limit=1", "slug"),
        "recommendation": first("/api/taxonomy/recommendations?limit=1"),
        "gwangju_pk": gwangju["id"],
        "revision": first(revisions),
        "role": 1,
        "action": first("/api/commitments/actions?city=gwangju&limit=1"),
        "archive_item": first("/api/archive/items?kind=testimony&limit=1"),
        "archive_event": first("/api/archive/events?limit=1"),
        "archive_collection": first("/api/archive/collections?limit=1", "slug"),
        "archive_place": first("/api/archive/places?limit=1"),
    }


def path_for(name, args, ids):
    return reverse(name, args=[str(a).format(**ids) for a in args])


def test_search_results_with_facets_are_accessible(page):
    for language in ("en", "ko"):
        page.goto("/")
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": page.url}]
        )
        response = page.goto("/search/?q=human+rights")
        assert response.status == 200
        assert page.locator("mark").count() > 0
        assert not axe_violations(page)


def check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, f"{path}: {violations}"


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES, ids=[n for n, _ in PUBLIC_PAGES])
def test_public_pages_have_no_serious_accessibility_violations(page, ids, language, name, args):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    check(page, path_for(name, args, ids))


@pytest.mark.parametrize(("name", "args"), EDITOR_PAGES, ids=[n for n, _ in EDITOR_PAGES])
def test_editor_pages_have_no_serious_accessibility_violations(page, name, args):
    sign_in(page, "gwangju-editor")
    check(page, reverse(name, args=args))


@pytest.mark.parametrize(("name", "args"), ADMIN_PAGES, ids=[n for n, _ in ADMIN_PAGES])
def test_admin_pages_have_no_serious_accessibility_violations(page, ids, name, args):
    sign_in(page, "admin", "hrcities-admin")
    check(page, path_for(name, args, ids))


def test_the_token_pages_are_accessible(page):
    sign_in(page, "reader")
    page.goto(reverse("accounts:profile"))
    page.get_by_label("Token name").fill("axe check")
    page.get_by_role("button", name="Create token").click()
    assert not axe_violations(page)
    page.get_by_role("link", name="Revoke axe check").click()
    assert not axe_violations(page)


def test_the_forbidden_page_is_accessible(page):
    sign_in(page, "gwangju-editor")
    response = page.goto(reverse("network:city-edit", args=["seoul"]))
    assert response.status == 403
    assert not axe_violations(page)


def test_the_not_found_page_is_accessible(page):
    response = page.goto("/network/cities/no-such-city/")
    assert response.status == 404
    assert not axe_violations(page)
