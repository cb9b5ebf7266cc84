"""Programmes for a city, the education CSV page and the search's education facets in
Chromium: by keyboard, at phone width, axe-core clean in English and Korean."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_programmes_for_a_city_and_the_csv_page_pass_axe_in_both_languages(page, language):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    for path in (
        reverse("education:for-city-choose"),
        reverse("education:for-city", args=["seoul"]),
        reverse("education:import"),
        "/search/?q=memory&kind=programme",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    # The sign-in form is read in English; the signed-in import form in both languages.
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": "en", "url": page.url}])
    sign_in(page, "gwangju-editor")
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    page.goto(reverse("education:import"))
    expect(page.locator("input[type=file]")).to_be_visible()
    assert_accessible(page)


def test_a_city_is_chosen_by_keyboard_and_its_list_fits_a_phone(browser, server):
    context = browser.new_context(
        base_url=server, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(reverse("education:for-city-choose"))
    page.get_by_label("City", exact=True).focus()
    page.get_by_label("City", exact=True).select_option("seoul")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmes for Seoul")
    expect(page.get_by_role("list", name="Why it is listed").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    page.goto(reverse("education:import"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Programmes (CSV)").click()
    assert download.value.suggested_filename == "education-programmes.csv"
    context.close()
