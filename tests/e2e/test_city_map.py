"""A city's map at city zoom, on a phone: sharper land and coast, rivers, and the names of
the towns round the city, under the markers, readable and accessible in English and Korean."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import axe_violations

MAP = "#city-sites-map"


def open_city_map(phone, language: str, slug: str):
    page = phone(language)
    response = page.goto(reverse("network:city-detail", args=[slug]))
    assert response is not None and response.status == 200
    page.wait_for_selector(f"{MAP} .leaflet-marker-icon.city-marker")
    page.wait_for_selector(f"{MAP} path.map-land", state="attached")
    return page


def town_labels(page) -> list[dict]:
    return page.locator(f"{MAP} .map-town span").evaluate_all(
        """spans => spans.map(span => {
            const box = span.getBoundingClientRect();
            return {name: span.textContent, left: box.left, right: box.right,
                    top: box.top, bottom: box.bottom};
        })"""
    )


@pytest.mark.parametrize(
    ("language", "neighbours"),
    [("en", {"Naju", "Hwasun", "Jangseong", "Damyang"}), ("ko", {"나주", "화순", "장성", "담양"})],
)
def test_gwangju_at_city_zoom_names_its_neighbouring_towns_without_overlaps(
    phone, language, neighbours
):
    page = open_city_map(phone, language, "gwangju")
    page.wait_for_selector(f"{MAP} .map-town span")

    labels = town_labels(page)
    names = {label["name"] for label in labels}
    assert len(names & neighbours) >= 2, names
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    # The sharper base replaces the coarse one round the city, under the markers.
    assert page.locator(f"{MAP} path.map-area").count() >= 1
    marker_layer = page.locator(f"{MAP} .leaflet-marker-pane").evaluate(
        "pane => Number(getComputedStyle(pane).zIndex)"
    )
    towns_layer = page.locator(f"{MAP} .leaflet-towns-pane").evaluate(
        "pane => Number(getComputedStyle(pane).zIndex)"
    )
    assert towns_layer < marker_layer
    attribution = page.locator(f"{MAP} .leaflet-control-attribution").inner_text()
    for source in ("Natural Earth", "GSHHG", "GeoNames"):
        assert source in attribution
    assert not axe_violations(page)


def test_seoul_at_city_zoom_draws_the_han_river(phone):
    page = open_city_map(phone, "en", "seoul")
    page.wait_for_selector(f"{MAP} path.map-river", state="attached")

    visible = page.locator(f"{MAP} path.map-river").evaluate_all(
        """(paths, selector) => {
            const map = document.querySelector(selector).getBoundingClientRect();
            return paths.filter(path => {
                const box = path.getBoundingClientRect();
                return box.width + box.height > 20 && box.right > map.left
                    && box.left < map.right && box.bottom > map.top && box.top < map.bottom;
            }).length;
        }""",
        MAP,
    )
    assert visible >= 1
    stroke = page.locator(f"{MAP} path.map-river").first.evaluate(
        "path => getComputedStyle(path).stroke"
    )
    assert stroke == "rgb(59, 127, 196)"  # rivers are blue
