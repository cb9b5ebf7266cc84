"""A UPR recommendation shows OHCHR's tags and, apart, the network's suggested tags, which a
network admin accepts or rejects with one key press or one click."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in
from .test_suggestions import wait_for_suggestions


def test_a_network_admin_decides_the_suggested_tags_of_a_recommendation(page):
    sign_in(page, "admin", "hrcities-admin")
    # Slovenia's recommendation from Costa Rica: OHCHR gave SDGs 3 and 5, not 4.
    page.goto(reverse("taxonomy:recommendation-list") + "?q=sexual+consent")
    page.get_by_role("link", name="140.130", exact=True).click()
    # The reference loader queued the suggestions; they are there once it has finished.
    wait_for_suggestions(page, seconds=30)

    ohchr = page.get_by_role("region", name="Tags published by OHCHR")
    expect(ohchr).to_contain_text("5. Gender equality")
    suggested = page.get_by_role("list", name="Suggested tags")
    education = suggested.get_by_role("listitem").filter(has_text=re.compile(r"^\s*4\. "))
    expect(education).to_contain_text(re.compile(r"score [01]\.\d\d"))
    # OHCHR's own goal is not suggested again.
    expect(suggested.get_by_role("link", name=re.compile(r"^5\. "))).to_have_count(0)
    violations = axe_violations(page)
    assert not violations, violations

    # Accept by keyboard: the button names its tag, Enter presses it; the page comes back
    # at the tags.
    education.get_by_role("button", name=re.compile(r"^Accept 4\. ")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("was accepted")
    expect(page).to_have_url(re.compile(r"#tags$"))
    expect(page.get_by_role("list", name="Accepted tags")).to_contain_text("4. Quality education")
    expect(ohchr).not_to_contain_text("Quality education")

    # Reject with a click: the tag leaves the suggestions and is nowhere accepted.
    other = page.get_by_role("list", name="Suggested tags").get_by_role("listitem").first
    name = other.get_by_role("link").inner_text()
    other.get_by_role("button", name=re.compile(r"^Reject ")).click()
    expect(page.get_by_role("status")).to_contain_text("was rejected")
    expect(page.get_by_role("list", name="Accepted tags")).not_to_contain_text(name)
    suggestions = page.get_by_role("list", name="Suggested tags")
    if suggestions.count():
        expect(suggestions).not_to_contain_text(name)

    for language in ("en", "ko"):
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": page.url}]
        )
        page.reload()
        violations = axe_violations(page)
        assert not violations, f"{language}: {violations}"
