"""My work in Chromium: a contributor submits a testimony for review, and the demo
reviewer finds it waiting on "My work", in English and in Korean, with axe-core clean;
the reviewer then chooses how each kind of work is emailed."""

from __future__ import annotations

import re
import time

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def submit_for_review(page, title: str) -> None:
    sign_in(page, "contributor")
    page.goto(reverse("archive:item-create"))
    page.get_by_label("City or organisation that keeps it").select_option("city:gwangju")
    page.get_by_label(re.compile(r"^Kind")).select_option("document")
    page.get_by_label("Title in English").fill(title)
    page.get_by_label(re.compile(r"^Original language")).fill("en")
    page.get_by_role("button", name="Save and submit for review").click()
    page.wait_for_load_state()
    expect(page.get_by_text("was sent to the reviewers of")).to_be_visible()
    page.context.clear_cookies()


def test_a_reviewer_finds_a_submitted_record_waiting_on_my_work(page):
    title = f"Minutes of the citizens' council {int(time.time())}"
    submit_for_review(page, title)

    sign_in(page, "gwangju-reviewer")
    header_link = page.locator(".header-work")
    expect(header_link).to_contain_text(re.compile(r"My work \d+"))
    header_link.click()
    for language, heading, kind in (
        ("en", "My work", "Waiting for your review"),
        ("ko", "내 할 일", "검토를 기다리는 기록"),
    ):
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": page.url}]
        )
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        kind_heading = page.get_by_role("heading", name=re.compile(f"^{kind}"))
        section = page.locator("section", has=kind_heading)
        expect(section.get_by_role("link", name=title)).to_be_visible()
        assert_accessible(page)

    section.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_reviewer_chooses_how_work_is_emailed(page):
    sign_in(page, "gwangju-reviewer")
    page.goto(reverse("work:work"))
    page.get_by_role("link", name="Choose which of these you get by email, and when").click()
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("^Consents to renew")).get_by_label(
        "Never email me; I look on the page"
    ).check()
    page.get_by_role("button", name="Save my choices").click()

    expect(page.get_by_text("Your email choices were saved.")).to_be_visible()
    expect(
        page.get_by_role("group", name=re.compile("^Consents to renew")).get_by_label(
            "Never email me; I look on the page"
        )
    ).to_be_checked()
    assert_accessible(page)
