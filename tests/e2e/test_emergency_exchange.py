"""The emergency CSV page and the search's emergency facets in Chromium: by keyboard, at
phone width, axe-core clean in English and Korean."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_csv_page_and_the_emergency_facets_pass_axe_in_both_languages(page, language):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    for path in (reverse("emergency:import"), "/search/?kind=measure&in_force=yes"):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    # The facets of the demo measures: emergency, issue, outcome, in force.
    page.goto("/search/?kind=measure")
    for name in ("emergency", "issue", "outcome", "in_force"):
        expect(page.locator(f"input[name={name}]").first).to_be_attached()
    # The sign-in form is read in English; the signed-in import form in both languages.
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": "en", "url": page.url}])
    sign_in(page, "gwangju-editor")
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    page.goto(reverse("emergency:import"))
    expect(page.locator("input[type=file]")).to_be_visible()
    assert_accessible(page)


def test_the_csv_page_fits_a_phone_and_downloads_by_keyboard(browser, server):
    context = browser.new_context(
        base_url=server, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(reverse("emergency:import"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    link = page.get_by_role("link", name="Measures (CSV)")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "emergency-measures.csv"
    context.close()
