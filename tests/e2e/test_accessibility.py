"""Every page passes axe-core (WCAG 2.1 AA) with no serious or critical violation,
in English and in Korean."""

import pytest
from django.urls import reverse

from .conftest import axe_violations, path_for, sign_in
from .pages import ADMIN_PAGES, EDITOR_PAGES, PUBLIC_PAGES


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
def test_editor_pages_have_no_serious_accessibility_violations(page, ids, name, args):
    sign_in(page, "gwangju-editor")
    check(page, path_for(name, args, ids))


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
