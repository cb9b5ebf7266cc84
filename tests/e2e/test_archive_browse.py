"""The archive timeline, map and printable page in Chromium: accessible in English and
Korean, and the timeline can be zoomed with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .conftest import axe_violations

ITEM_LINK = re.compile(r"^/archive/items/(\d+)/$")


def in_language(page, language: str) -> None:
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_timeline_has_no_serious_accessibility_violations(page, language):
    in_language(page, language)

    response = page.goto(reverse("archive:timeline"))

    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1
    assert not axe_violations(page)


def test_the_map_has_no_serious_accessibility_violations(page):
    response = page.goto(reverse("archive:map"))

    assert response is not None and response.status == 200
    page.wait_for_function("document.querySelector('#archive-map .leaflet-pane') !== null")
    page.wait_for_load_state("networkidle")
    assert page.locator("#map-places").is_visible()
    assert not axe_violations(page)


def test_the_map_marks_every_listed_place_and_opens_it_by_keyboard(page):
    page.goto(reverse("archive:map"))
    page.wait_for_selector("#archive-map .leaflet-marker-icon")

    markers = page.locator("#archive-map .leaflet-marker-icon")
    assert markers.count() == page.locator("#map-places tbody tr").count() > 0
    assert page.locator("#archive-map path.country-shape").count() > 100
    markers.first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content a").wait_for()
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")


def first_public_item(page) -> str | None:
    """Return the address of a public demo item listed on the timeline, if any."""
    page.goto(reverse("archive:timeline"))
    for href in page.locator(".timeline-entry a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    ):
        if ITEM_LINK.match(href or ""):
            return href
    return None


def test_the_print_page_of_a_public_item_is_accessible(page):
    item = first_public_item(page)
    # The demo data holds dated public items; none on the timeline means the demo or the
    # timeline broke, which this test must report rather than pass over.
    assert item is not None, "The timeline lists no dated public item of the demo data."

    response = page.goto(item + "print/")

    assert response is not None and response.status == 200
    assert page.get_by_text("How to cite this record").is_visible()
    assert not axe_violations(page)
    # On paper the site's navigation is left out.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()


def test_the_timeline_zooms_in_and_out_by_keyboard(page):
    page.goto(reverse("archive:timeline"))
    zoom = page.locator("a.timeline-zoom").first
    assert zoom.count() == 1, "The timeline offers no period to zoom into: no dated record."
    period = zoom.inner_text().strip()

    zoom.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"period="))

    assert page.locator(".timeline-breadcrumb [aria-current='page']").inner_text() == period
    page.locator(".timeline-breadcrumb a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "period=" not in url)
    assert page.locator("a.timeline-zoom").first.inner_text().strip() == period
