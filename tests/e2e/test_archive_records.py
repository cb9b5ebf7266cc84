"""The memory archive in Chromium: an editor adds a testimony whose narrator's real name
is restricted, records the consent, publishes it, and the public sees the testimony but
never the name. Every archive page passes axe-core."""

from __future__ import annotations

import re
import time

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

REAL_NAME = "Kim Realname-E2E"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def add_testimony(page, title: str) -> str:
    """Fill the item form as the Gwangju editor; return the new item's address."""
    page.goto(reverse("archive:item-create"))
    assert_accessible(page)
    page.get_by_label("City or organisation that keeps it").select_option("city:gwangju")
    page.get_by_label(re.compile(r"^Kind")).select_option("testimony")
    page.get_by_label("Title in English").fill(title)
    page.get_by_label("Description in English").fill(
        "A survivor remembers the night of 26 May at the Provincial Office."
    )
    page.get_by_label(re.compile(r"^Original language")).fill("ko")
    page.get_by_label("Date as written").fill("1980-05-26")
    page.get_by_label("New narrator: pseudonym").fill("Witness of Geumnam-ro")
    page.get_by_label("New narrator: real name").fill(REAL_NAME)
    expect(page.get_by_label("Narrator's real name")).to_be_checked()
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def test_an_editor_publishes_a_testimony_and_the_public_never_sees_the_real_name(page):
    title = f"Testimony of the last night {int(time.time())}"
    sign_in(page, "gwangju-editor")
    url = add_testimony(page, title)
    assert REAL_NAME in page.content()  # the editor keeps the record and sees the name
    assert_accessible(page)

    page.get_by_role("link", name="Consent", exact=True).click()
    assert_accessible(page)
    page.get_by_label("publish", exact=True).check()
    page.get_by_label("keep in the archive").check()
    page.get_by_label("Given on").fill("2024-05-18")
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("The consent was recorded.")).to_be_visible()
    assert_accessible(page)

    page.goto(url)
    page.get_by_role("link", name="Redactions").click()
    assert_accessible(page)
    page.goto(url)
    page.get_by_role("link", name="Add media").click()
    assert_accessible(page)

    page.goto(url)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("is published"))).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    response = page.goto(url)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("A survivor remembers the night of 26 May")).to_be_visible()
    assert REAL_NAME not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Witness of Geumnam-ro").first.click()
    page.wait_for_load_state()
    assert REAL_NAME not in page.content()
    assert_accessible(page)


def test_the_archive_lists_and_an_event_page_are_accessible(page):
    for name in ("archive:item-list", "archive:collection-list", "archive:event-list"):
        response = page.goto(reverse(name))
        assert response is not None and response.status == 200
        assert_accessible(page)

    sign_in(page, "gwangju-editor")
    page.goto(reverse("archive:event-create"))
    assert_accessible(page)
    page.get_by_label("City or organisation that keeps it").select_option("city:gwangju")
    page.get_by_label("Title in English").fill(f"Citizens' assembly {int(time.time())}")
    page.get_by_label("Date as written").fill("1980-05-22/1980-05-26")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto(reverse("archive:item-list"))
    assert_accessible(page)  # with the keepers' access filter and status column
