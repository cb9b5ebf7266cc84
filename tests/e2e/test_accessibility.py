"""Every page passes axe-core (WCAG 2.1 AA) with no serious or critical violation,
in English and in Korean."""

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
]
EDITOR_PAGES = [
    ("accounts:profile", []),
    ("network:city-edit", ["gwangju"]),
]
ADMIN_PAGES = [
    ("core:audit-log", []),
    ("accounts:role-list", []),
]


def check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, f"{path}: {violations}"


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES, ids=[n for n, _ in PUBLIC_PAGES])
def test_public_pages_have_no_serious_accessibility_violations(page, language, name, args):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    check(page, reverse(name, args=args))


@pytest.mark.parametrize(("name", "args"), EDITOR_PAGES, ids=[n for n, _ in EDITOR_PAGES])
def test_editor_pages_have_no_serious_accessibility_violations(page, name, args):
    sign_in(page, "gwangju-editor")
    check(page, reverse(name, args=args))


@pytest.mark.parametrize(("name", "args"), ADMIN_PAGES, ids=[n for n, _ in ADMIN_PAGES])
def test_admin_pages_have_no_serious_accessibility_violations(page, name, args):
    sign_in(page, "admin", "hrcities-admin")
    check(page, reverse(name, args=args))


def test_the_not_found_page_is_accessible(page):
    response = page.goto("/network/cities/no-such-city/")
    assert response.status == 404
    assert not axe_violations(page)
