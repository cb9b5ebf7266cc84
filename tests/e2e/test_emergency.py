"""The emergency measures review in Chromium: a Gwangju reviewer records a measure, reviews
it question by question with evidence, publishes both, and finds the measure on the watch
dashboard, the timeline and the city page, in English and Korean. Every page passes
axe-core and fits a phone."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

CRITERIA = (
    "legality",
    "necessity",
    "proportionality",
    "non-discrimination",
    "time-bound",
    "derogation-notified",
    "non-derogable-rights",
    "social-rights",
    "participation",
    "remedy",
)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def assert_fits(page) -> None:
    wide, room = page.evaluate(
        "(() => { const m = document.querySelector('main');"
        " return [m.scrollWidth, m.clientWidth]; })()"
    )
    assert wide <= room, f"{page.url}: the content is {wide} px wide in {room} px"


def in_korean(page) -> None:
    """Switch the site to Korean as a reader does, with the header's language button."""
    page.get_by_role("button", name="한국어").click()
    page.wait_for_load_state()


def test_a_reviewer_records_reviews_and_watches_a_measure(page):
    title = f"Night gatherings banned {int(time.time()) % 100000}"
    sign_in(page, "gwangju-reviewer")

    # The reviewer records the measure and publishes it.
    page.goto(reverse("emergency:measure-list"))
    page.get_by_role("link", name="Record a measure").click()
    assert_accessible(page)
    page.get_by_label("Title in English").fill(title)
    page.get_by_label("Title in Korean").fill("야간 집회 금지")
    page.get_by_label("Kind").select_option("order")
    page.get_by_role("combobox", name=re.compile(r"^Emergency")).select_option(
        label="COVID-19 pandemic"
    )
    page.get_by_label("Peaceful assembly").check()
    page.get_by_label("Introduced on").fill("2024-03-01")
    page.get_by_label("In force from").fill("2024-03-02")
    page.get_by_label("Sunset").fill("2024-02-01")
    page.get_by_role("button", name="Save as a draft").click()
    # A sunset before the start is refused, beside the field, and nothing is saved.
    expect(
        page.get_by_text("The sunset is before the day the measure came into force.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Sunset").fill("2099-12-31")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(re.compile("is published"))).to_be_visible()
    measure = page.url

    # The review: every question answered, with its evidence.
    page.get_by_role("link", name="Review this measure").click()
    assert_accessible(page)
    page.get_by_label("Raises concerns").check()
    page.get_by_label("Summary in English").fill("The ban is broader than the risk.")
    for number, slug in enumerate(CRITERIA):
        question = page.locator(f"#question-{slug}")
        question.get_by_label("Partly" if number % 3 == 0 else "Yes").check()
        question.get_by_label("Evidence").fill(f"Order text, article {number + 1}")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("The review was saved as a draft.")).to_be_visible()
    expect(page.get_by_text("Order text, article 10")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the review").click()
    expect(page.get_by_text("The review is published.", exact=False)).to_be_visible()
    page.goto(measure)
    expect(page.locator("#reviews").locator("xpath=following-sibling::table[1]")).to_contain_text(
        "Raises concerns"
    )

    # The dashboard lists it as in force despite concerns; the timeline and city page show it.
    page.goto(reverse("emergency:dashboard") + "?city=gwangju")
    worrying = page.locator("section", has=page.locator("#worrying-heading"))
    expect(worrying.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
    page.goto(reverse("emergency:city-timeline", args=["gwangju"]))
    expect(page.locator("svg text", has_text=title)).to_have_count(1)
    assert_accessible(page)
    page.goto(reverse("network:city-detail", args=["gwangju"]))
    expect(page.get_by_role("link", name=title)).to_be_visible()

    # The same in Korean.
    in_korean(page)
    page.goto(reverse("emergency:dashboard") + "?city=gwangju")
    expect(page.get_by_role("heading", name="우려에도 여전히 시행 중인 조치")).to_be_visible()
    expect(page.get_by_role("link", name="야간 집회 금지")).to_be_visible()
    assert_accessible(page)
    page.goto(measure)
    expect(page.get_by_text("우려 있음").first).to_be_visible()
    page.goto(reverse("emergency:city-timeline", args=["gwangju"]))
    expect(page.locator("svg text", has_text="야간 집회 금지")).to_have_count(1)
    page.goto(reverse("network:city-detail", args=["gwangju"]))
    expect(page.get_by_role("link", name="야간 집회 금지")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_emergency_pages_pass_axe_in_both_languages(page, language):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    for path in (
        reverse("emergency:measure-list"),
        reverse("emergency:measure-list") + "?outcome=none&sort=sunset",
        reverse("emergency:measure-list") + "?issue=elections",
        reverse("emergency:dashboard"),
        reverse("emergency:dashboard") + "?city=seoul",
        reverse("emergency:city-timeline", args=["gwangju"]),
        reverse("network:city-detail", args=["graz"]),
        reverse("reports:report-detail", args=["gwangju", 2020]),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    page.goto(reverse("emergency:measure-list"))
    page.locator("table a").first.click()
    assert_accessible(page)
    page.locator("#reviews ~ table a").first.click()
    assert_accessible(page)


def test_the_timeline_lays_an_indicator_over_the_measures(page):
    page.goto(reverse("emergency:city-timeline", args=["gwangju"]))
    page.get_by_label("Lay over an indicator").select_option(index=1)
    page.get_by_role("button", name="Show").click()
    expect(page.locator("figure.chart figcaption")).to_contain_text("Laid over")
    assert_accessible(page)


def test_the_demo_draft_review_is_seen_by_gwangjus_keepers_only(page):
    sign_in(page, "seoul-editor")
    page.goto(reverse("emergency:measure-list") + "?city=gwangju")
    page.get_by_role("link", name="QR-code entry logs at multi-use facilities").click()
    expect(page.get_by_text("This measure has not been reviewed yet.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "gwangju-editor")
    page.goto(reverse("emergency:measure-list") + "?city=gwangju")
    page.get_by_role("link", name="QR-code entry logs at multi-use facilities").click()
    expect(page.locator("#reviews ~ table")).to_contain_text("Draft")
    page.locator("#reviews ~ table a").first.click()
    assert_accessible(page)
    page.goto(page.url + "delete/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete")
    assert_accessible(page)


def test_the_pages_fit_a_phone_and_work_by_keyboard(browser, server):
    context = browser.new_context(
        base_url=server, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(reverse("emergency:measure-list"))
    assert_fits(page)
    page.get_by_label("Latest review").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show")).to_be_focused()
    page.get_by_label("Latest review").select_option("incompatible")
    page.get_by_role("button", name="Show").press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Compulsory testing of foreign workers")).to_be_visible()
    page.get_by_role("link", name="Compulsory testing of foreign workers").click()
    assert_fits(page)
    measure = page.url
    for path in (
        reverse("emergency:dashboard"),
        reverse("emergency:city-timeline", args=["seoul"]),
        reverse("network:city-detail", args=["seoul"]),
    ):
        page.goto(path)
        assert_fits(page)
    sign_in(page, "seoul-editor")
    pk = measure.rstrip("/").rsplit("/", 1)[1]
    for path in (
        reverse("emergency:measure-create"),
        reverse("emergency:measure-edit", args=[pk]),
        reverse("emergency:change-add", args=[pk]),
        reverse("emergency:source-add", args=[pk]),
        reverse("emergency:review-create", args=[pk]),
    ):
        page.goto(path)
        assert_fits(page)
    context.close()
