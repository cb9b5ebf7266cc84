"""What people do first: sign in, switch language, look at the map, and get refused."""

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import sign_in


def test_signing_in_and_out(page):
    sign_in(page, "gwangju-editor")

    assert page.get_by_role("link", name="Demo: editor for Gwangju").is_visible()
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("link", name="Sign in").is_visible()


def test_a_wrong_password_is_explained_and_keeps_the_user_name(page):
    sign_in(page, "gwangju-editor", "not the password")

    alert = page.get_by_role("alert")
    assert "correct username and password" in alert.inner_text()
    assert page.get_by_label("User name").input_value() == "gwangju-editor"


def test_switching_to_korean_and_back(page):
    page.goto(reverse("network:city-list"))

    page.get_by_role("button", name="한국어").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("link", name="본문 바로가기").count() == 1
    assert "광주" in page.locator("main").inner_text()
    assert page.url.endswith(reverse("network:city-list"))

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_cached_page_switches_language_and_shows_an_edit_at_once(page, browser, server):
    city = reverse("network:city-detail", args=["gwangju"])
    page.goto(city)
    assert page.goto(city).headers.get("x-page-cache") == "hit"

    # The language form of a cached page carries this visitor's own CSRF token.
    page.get_by_role("button", name="한국어").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"

    editor = browser.new_context(base_url=server, locale="en-GB").new_page()
    sign_in(editor, "gwangju-editor")
    editor.goto(reverse("network:city-edit", args=["gwangju"]))
    editor.get_by_label("Website").fill("https://rights.gwangju.example/")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for_load_state()
    editor.context.close()

    response = page.goto(city)
    assert response.headers.get("x-page-cache") == "miss"
    assert "https://rights.gwangju.example/" in page.locator("main").inner_text()


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_map_shows_every_city_offline_with_a_list_beside_it(page):
    page.goto(reverse("network:map"))

    page.wait_for_selector(".leaflet-marker-icon.city-marker")
    listed = page.locator("#map-cities tbody tr").count()
    assert listed >= 16
    markers = page.locator(".leaflet-marker-icon.city-marker").count()
    assert markers == listed
    # The base layer is the Natural Earth country shapes, drawn without any tile server.
    assert page.locator("path.country-shape").count() > 100
    assert page.locator(".leaflet-tile").count() == 0


def test_a_city_marker_is_reached_by_tab_and_opens_with_enter(page):
    page.goto(reverse("network:map"))
    page.wait_for_selector(".leaflet-marker-icon.city-marker")

    page.locator(".leaflet-marker-icon.city-marker").first.focus()
    page.keyboard.press("Enter")

    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    assert link.get_attribute("href").startswith("/network/cities/")


def test_the_map_can_be_moved_by_keyboard(page):
    page.goto(reverse("network:map"))
    page.wait_for_selector(".leaflet-marker-icon.city-marker")
    container = page.locator(".leaflet-container")

    container.focus()
    before = page.evaluate("document.querySelector('.leaflet-map-pane').style.transform")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    after = page.evaluate("document.querySelector('.leaflet-map-pane').style.transform")
    assert before != after


def test_an_editor_is_refused_another_citys_edit_page(page):
    sign_in(page, "gwangju-editor")

    response = page.goto(reverse("network:city-edit", args=["seoul"]))

    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Not allowed"
    assert "Seoul" in page.locator("main").inner_text()


def test_an_editor_changes_their_own_city_and_the_history_shows_it(page):
    sign_in(page, "gwangju-editor")
    page.goto(reverse("network:city-edit", args=["gwangju"]))

    page.get_by_label("Website").fill("https://www.gwangju.go.kr/")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    assert page.url.endswith(reverse("network:city-detail", args=["gwangju"]))
    page.get_by_role("link", name="History of this record").click()
    assert "https://www.gwangju.go.kr/" in page.locator("main").inner_text()


def test_filtering_cities_updates_the_list_in_place_and_the_address(page):
    page.goto(reverse("network:city-list"))
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Country").select_option(label="Austria")
    expect(page.locator("#city-results")).not_to_contain_text("Gwangju")

    assert page.evaluate("window.notReloaded") is True
    assert "Graz" in page.locator("#city-results").inner_text()
    assert "country=AT" in page.url
