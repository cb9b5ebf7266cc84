"""The archive's daily keeping in Chromium, without the Django admin: the Gwangju editor adds
a place by typing its coordinates and a person, then links both to a testimony, in English
and in Korean, with every page axe-clean."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, path_for, sign_in

SAVE = "form.record-form button[type=submit]:not(.visually-hidden):not([name=find])"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def speak(page, language: str) -> None:
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_editor_adds_a_place_and_a_person_and_links_them_to_a_testimony(page, ids, language):
    stamp = f"{language}-{int(time.time() * 1000)}"
    # Saving the testimony re-indexes it and its tags: slower than a page on a busy machine.
    page.set_default_timeout(30_000)
    sign_in(page, "gwangju-editor")
    speak(page, language)

    # A place, its coordinates typed (the map only fills the same two fields).
    page.goto(reverse("archive:place-create"))
    assert_accessible(page)
    page.locator("select[name=owner]").select_option("city:gwangju")
    page.locator("input[name=title_en]").fill(f"Provincial Office fountain {stamp}")
    page.locator("input[name=latitude]").fill("95")
    page.locator("input[name=longitude]").fill("126.9198")
    page.locator(SAVE).click()
    page.wait_for_load_state()
    expect(page.locator("#id_latitude_error, .errorlist").first).to_be_visible()
    assert_accessible(page)  # the refusal names the field
    page.locator("input[name=latitude]").fill("35.1468")
    page.locator(SAVE).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"fountain {stamp}")
    expect(page.get_by_text("35.1468, 126.9198")).to_be_visible()
    place_url = page.url
    assert_accessible(page)

    # A person, shown by a pseudonym.
    page.goto(reverse("archive:person-create"))
    assert_accessible(page)
    page.locator("select[name=owner]").select_option("city:gwangju")
    page.locator("input[name=pseudonym]").fill(f"Witness {stamp}")
    page.locator(SAVE).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Witness {stamp}")
    assert_accessible(page)

    # The testimony names the place (its edit form) ...
    item_url = path_for("archive:item-detail", ["{archive_item}"], ids)
    page.goto(reverse("archive:item-edit", args=[ids["archive_item"]]))
    page.locator("select[name=place]").select_option(place_url.rstrip("/").rsplit("/", 1)[1])
    page.locator(SAVE).click()
    page.wait_for_load_state()
    assert page.url.endswith(item_url)
    expect(page.get_by_role("link", name=f"Provincial Office fountain {stamp}")).to_be_visible()
    item_title = page.get_by_role("heading", level=1).inner_text().strip()

    # ... and the person's role in it, found by words of its title without any script.
    page.goto(reverse("archive:person-list") + f"?q={stamp}")
    assert_accessible(page)
    page.get_by_role("link", name=f"Witness {stamp}").click()
    page.wait_for_load_state()
    page.locator("a[href$='/roles/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("select[name=role]").select_option("witness")
    page.locator("#id_q").fill(item_title.split()[0])
    page.locator("button[name=find]").click()
    page.wait_for_load_state()
    page.locator(f"input[name=target][value='item:{ids['archive_item']}']").check()
    assert_accessible(page)
    page.locator("button[name=save]").click()
    page.wait_for_load_state()
    expect(page.locator(f"table a[href='{item_url}']")).to_be_visible()
    assert_accessible(page)

    page.goto(item_url)
    expect(page.get_by_role("link", name=f"Witness {stamp}")).to_be_visible()
    assert_accessible(page)


def test_picking_on_the_map_fills_in_the_coordinates(page):
    sign_in(page, "gwangju-editor")
    page.goto(reverse("archive:place-create"))
    picker = page.locator("#place-picker")
    expect(picker).to_be_visible()
    picker.click(position={"x": 200, "y": 120})
    assert page.locator("input[name=latitude]").input_value() != ""
    assert page.locator("input[name=longitude]").input_value() != ""
    assert_accessible(page)


def test_typed_coordinates_show_the_place_at_city_zoom_with_its_neighbouring_towns(page):
    sign_in(page, "gwangju-editor")
    page.goto(reverse("archive:place-create"))
    page.locator("input[name=latitude]").fill("35.1466")
    page.locator("input[name=longitude]").fill("126.9197")
    page.locator("input[name=longitude]").press("Tab")

    page.wait_for_selector("#place-picker .map-town span")
    names = set(page.locator("#place-picker .map-town span").all_inner_texts())
    assert names & {"Naju", "Hwasun", "Jangseong", "Damyang", "Masan"}, names
    assert page.locator("#place-picker path.map-land").count() >= 1
    assert "GSHHG" in page.locator("#place-picker .leaflet-control-attribution").inner_text()
    assert_accessible(page)
