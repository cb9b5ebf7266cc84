"""The education network in Chromium: a Gwangju editor publishes a programme, a Seoul
editor adapts it, publishes the adaptation and records a session with counts and an
evaluation; both show on the city pages and in the annual report. Every page passes
axe-core in English and Korean."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_programme_travels_from_gwangju_to_seoul_and_into_the_report(page, tmp_path):
    stamp = int(time.time())
    title = f"Rights at the city hall {stamp}"
    adapted = f"Rights at Seoul city hall {stamp}"

    # A Gwangju editor adds the programme and publishes it.
    sign_in(page, "gwangju-editor")
    page.goto(reverse("education:programme-list"))
    page.get_by_role("link", name="Add a programme").click()
    assert_accessible(page)
    page.get_by_label("Title in English").fill(title)
    page.get_by_label("Summary in English").fill("Civil servants learn the city's ordinance.")
    page.get_by_label("Languages taught in").fill("ko")
    page.get_by_label("Civil servants").check()
    page.get_by_label("Workshop").check()
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("is published"))).to_be_visible()
    source = page.url
    sign_out(page)

    # A Seoul editor adapts it for Seoul: the adaptation is Seoul's, the source stays.
    sign_in(page, "seoul-editor")
    page.goto(source)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    page.get_by_role("link", name="Adapt for your city").click()
    assert_accessible(page)
    expect(page.get_by_label("Title in English")).to_have_value(title)
    page.get_by_label("Title in English").fill(adapted)
    page.get_by_label("Local history used").check()
    page.get_by_label("How it was adapted, in English").fill("Uses Seoul's own site of memory.")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(adapted)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("is published"))).to_be_visible()
    adaptation = page.url

    # It runs a session with counts by sex and an evaluation, and adds its evaluation file.
    page.get_by_role("link", name="Record a session").click()
    assert_accessible(page)
    page.get_by_label("First day").fill("2023-06-15")
    page.locator("#id_participants").fill("30")
    page.get_by_label("Female").fill("18")
    page.get_by_label("Male", exact=True).fill("12")
    page.get_by_label("Evaluation method").fill("Pre- and post-session survey")
    page.get_by_label("Findings in English").fill("Knowledge of the ordinance rose.")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("The session was recorded.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add an evaluation file").click()
    assert_accessible(page)
    report_file = tmp_path / "survey.pdf"
    report_file.write_bytes(PDF)
    page.get_by_label("Title in English").fill("Survey results")
    page.get_by_label("File").set_input_files(str(report_file))
    page.get_by_label("Licence", exact=True).select_option("CC-BY-4.0")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("link", name="Survey results")).to_be_visible()
    sign_out(page)

    # The public sees both on the city pages, the lineage both ways, and the report.
    page.goto(reverse("network:city-detail", args=["gwangju"]))
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.goto(reverse("network:city-detail", args=["seoul"]))
    expect(page.get_by_role("link", name=adapted)).to_be_visible()
    assert_accessible(page)
    page.goto(source)
    expect(page.get_by_role("link", name=adapted)).to_be_visible()
    page.goto(adaptation)
    expect(page.get_by_text("1 session, 30 participants in all.")).to_be_visible()
    page.goto(reverse("reports:report-detail", args=["seoul", 2023]))
    section = page.locator("#education")
    expect(section.get_by_role("link", name=adapted)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_education_pages_pass_axe_in_both_languages(page, language):
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    walk = "demo-may-18-memory-walk"
    session = reverse("education:programme-detail", args=["demo-namyeong-dong-memory-walk"])
    for path in (
        reverse("education:programme-list"),
        reverse("education:programme-list") + "?audience=youth&sort=sessions",
        reverse("education:programme-list") + "?language=xx",
        reverse("education:programme-detail", args=[walk]),
        session,
        reverse("education:programme-travels", args=[walk]),
        reverse("education:totals"),
        reverse("network:city-detail", args=["gwangju"]),
        reverse("reports:report-detail", args=["gwangju", 2023]),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    page.goto(session)
    page.locator("table a").first.click()
    assert_accessible(page)


def test_the_demo_draft_is_seen_by_seouls_editor_only(page):
    draft = reverse("education:programme-detail", args=["demo-seoul-draft-workshop"])
    assert page.goto(draft).status == 404
    sign_in(page, "gwangju-editor")
    assert page.goto(draft).status == 404
    sign_out(page)
    sign_in(page, "seoul-editor")
    assert page.goto(draft).status == 200
    assert_accessible(page)
    page.goto(reverse("education:programme-edit", args=["demo-seoul-draft-workshop"]))
    assert_accessible(page)
    page.goto(reverse("education:programme-delete", args=["demo-seoul-draft-workshop"]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete")
    assert_accessible(page)


def test_the_programme_list_fits_a_phone_and_works_by_keyboard(browser, server):
    context = browser.new_context(
        base_url=server, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(reverse("education:programme-list"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    page.get_by_label("Audience").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show")).to_be_focused()
    page.get_by_label("Audience").select_option("youth")
    page.get_by_role("button", name="Show").press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Human rights city walk for young people")).to_be_visible()
    page.goto(reverse("education:programme-detail", args=["demo-may-18-memory-walk"]))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the programme page is {width} px wide"
    context.close()
