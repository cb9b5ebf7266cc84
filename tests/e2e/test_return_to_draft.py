"""Return to draft in Chromium: a contributor submits a record, the demo reviewer opens
"Return to draft" on its page, reads what it does in English and in Korean with axe-core
clean, sends it back with a note, and the contributor reads the note on "My work"."""

from __future__ import annotations

import re
import time

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in
from .test_work import submit_for_review

NOTE = "Please add the date of the second letter."


def test_a_reviewer_returns_a_submission_to_its_contributor_with_a_note(page):
    title = f"Letters to the district office {int(time.time())}"
    submit_for_review(page, title)

    sign_in(page, "gwangju-reviewer")
    page.goto(reverse("work:kind", args=["review"]))
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Return to draft").click()
    for language, heading in (("ko", "초안으로 돌려보낼까요?"), ("en", "to draft?")):
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": page.url}]
        )
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        violations = axe_violations(page)
        assert not violations, f"{language}: {violations}"

    page.get_by_label("A note to the submitter (optional)").fill(NOTE)
    page.get_by_label("I understand what this does").check()
    page.get_by_role("button", name="Return to draft").click()
    expect(page.get_by_text("is back in draft")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, "contributor")
    page.goto(reverse("work:kind", args=["decided"]))
    entry = page.locator("li", has=page.get_by_role("link", name=title))
    expect(entry).to_contain_text(re.compile("sent back to draft"))
    expect(entry).to_contain_text(NOTE)
