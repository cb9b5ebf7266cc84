"""Linking a programme to archive records in Chromium, without JavaScript: the editor
finds a record by its title (Enter in the finder finds), ticks it and saves with Enter from
a text field (which saves, rather than pressing a finder); the programme's page then lists
the record."""

from __future__ import annotations

import json
import urllib.request

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, open_page, path_for, sign_in


def test_an_editor_finds_and_links_an_archive_record_without_javascript(browser, server, ids):
    with urllib.request.urlopen(server + "/api/archive/items?city=gwangju&limit=20") as answer:
        items = json.load(answer)["items"]
    record = next(i for i in items if i["title"].isascii() and len(i["title"].split()) > 1)
    # Earlier journeys add records that share words with it; its whole title narrows the
    # finder to it, as the finder's note tells an editor to do.
    word = record["title"]
    context = browser.new_context(base_url=server, locale="en-GB", java_script_enabled=False)
    outside: list[str] = []
    page = open_page(context, server, outside)
    try:
        sign_in(page, "gwangju-editor")
        page.goto(path_for("education:programme-edit", ["{programme}"], ids))
        before = page.get_by_label("Title in English").input_value()

        # Enter in the finder's box finds; its button does the same.
        page.get_by_label("Find archive records by title or id").fill(word)
        page.get_by_label("Find archive records by title or id").press("Enter")
        expect(page.locator(f"input[name=items][value='{record['id']}']")).to_be_visible()
        page.get_by_label("Find archive records by title or id").fill(word)
        page.locator("button[name=find][value=items]").click()

        box = page.locator(f"input[name=items][value='{record['id']}']")
        expect(box).to_be_visible()
        box.check()
        page.get_by_label("Title in English").press("Enter")

        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.url.endswith(path_for("education:programme-detail", ["{programme}"], ids))
        expect(page.get_by_role("link", name=record["title"]).first).to_be_visible()
        page.goto(path_for("education:programme-edit", ["{programme}"], ids))
        assert page.get_by_label("Title in English").input_value() == before
        expect(page.locator(f"input[name=items][value='{record['id']}']")).to_be_checked()
    finally:
        context.close()
    assert not outside


def test_the_found_records_and_the_restricted_tier_are_accessible(page):
    # (axe needs JavaScript: this half runs with it.)
    sign_in(page, "gwangju-editor")
    page.goto(reverse("education:programme-create"))
    page.get_by_label("Find archive records by title or id").fill("gwangju")
    page.get_by_label("Find archive records by title or id").press("Enter")
    expect(page.locator(".picker-finder [role=status]").first).to_be_visible()
    assert not axe_violations(page)

    expect(page.get_by_label("Restricted to named people or organisations")).to_be_visible()
    expect(page.get_by_label("Named people (user names)")).to_be_visible()
