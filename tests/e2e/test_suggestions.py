"""Suggested tags: computed in the background after a save, shown with scores apart from
accepted tags, accepted or rejected with one click or one key press."""

import re
import time

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

WATER = (
    "Connect every household in the informal settlements to safe drinking water and "
    "sanitation, and keep the water free for families living in poverty."
)


def wait_for_suggestions(page, seconds: float = 60) -> None:
    """Reload until the background worker has stored the record's suggestions."""
    deadline = time.monotonic() + seconds
    while not page.get_by_role("heading", name="Suggested tags").count():
        assert time.monotonic() < deadline, "no suggestions appeared after the save"
        time.sleep(1)
        page.reload()


def test_an_editor_saves_an_action_and_decides_its_suggested_tags(page):
    sign_in(page, "gwangju-editor")
    page.goto(reverse("commitments:action-create", args=["2020-whrcf-final-declaration", 3]))
    page.get_by_label("City or organisation").select_option(label="Gwangju")
    page.get_by_label("Title").fill("Safe water for informal settlements")
    page.get_by_label("Description").fill(WATER)
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status")).to_contain_text("The action was added.")

    wait_for_suggestions(page)
    suggested = page.get_by_role("list", name="Suggested tags")
    water = suggested.get_by_role("listitem").filter(has_text=re.compile(r"^\s*6\. "))
    expect(water).to_contain_text(re.compile(r"score 0\.\d\d"))
    expect(page.get_by_role("list", name="Accepted tags")).to_have_count(0)
    violations = axe_violations(page)
    assert not violations, violations

    # Accept by keyboard: the button names its tag, Enter presses it.
    accept = water.get_by_role("button", name=re.compile(r"^Accept 6\. "))
    accept.focus()
    page.keyboard.press("Enter")
    accepted = page.get_by_role("list", name="Accepted tags")
    expect(accepted).to_contain_text("6. ")
    expect(page.get_by_role("status").last).to_contain_text("was accepted")

    # Reject with a click: the tag leaves the suggestions and is nowhere accepted.
    other = page.get_by_role("list", name="Suggested tags").get_by_role("listitem").first
    name = other.get_by_role("link").inner_text()
    other.get_by_role("button", name=re.compile(r"^Reject ")).click()
    expect(page.get_by_role("status").last).to_contain_text("was rejected")
    expect(page.get_by_role("list", name="Accepted tags")).not_to_contain_text(name)
    suggestions = page.get_by_role("list", name="Suggested tags")
    if suggestions.count():
        expect(suggestions).not_to_contain_text(name)
    assert not axe_violations(page)

    # Without JavaScript's swap the page reloads and shows the same decisions.
    page.reload()
    expect(page.get_by_role("list", name="Accepted tags")).to_contain_text("6. ")


def test_a_reader_sees_suggestions_but_no_decision_buttons(page):
    sign_in(page, "reader")
    page.goto(reverse("commitments:commitment-detail", args=["2020-whrcf-final-declaration", 3]))
    wait_for_suggestions(page, seconds=30)
    expect(page.get_by_role("list", name="Suggested tags")).to_contain_text("score")
    expect(page.get_by_role("button", name=re.compile(r"^(Accept|Reject) "))).to_have_count(0)


def test_the_tag_page_with_its_suggestions_is_accessible_in_both_languages(page):
    sign_in(page, "admin", "hrcities-admin")
    page.goto(reverse("commitments:declaration-detail", args=["2020-whrcf-final-declaration"]))
    page.get_by_role("link", name="Tag clause 1", exact=True).click()
    wait_for_suggestions(page, seconds=30)
    for language in ("en", "ko"):
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": page.url}]
        )
        page.reload()
        expect(page.locator("#tags .badge-suggested").first).to_be_visible()
        violations = axe_violations(page)
        assert not violations, f"{language}: {violations}"


HOUSING = (
    "Build affordable public rental homes for families in substandard housing, and upgrade "
    "the basement flats of the old city centre so that no one lives without safe shelter."
)


def page_fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_an_editor_rejects_from_the_queue_undoes_it_and_picks_a_tag_by_search(browser, server):
    context = browser.new_context(
        base_url=server, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "gwangju-editor")
    page.goto(reverse("commitments:action-create", args=["2020-whrcf-final-declaration", 2]))
    page.get_by_label("City or organisation").select_option(label="Gwangju")
    page.get_by_label("Title").fill("Homes for everyone in the old centre")
    page.get_by_label("Description").fill(HOUSING)
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Add the action").click()
    wait_for_suggestions(page)
    action_url = page.url

    # My work links the queue; the queue lists this action's suggestions, newest first.
    page.goto(reverse("work:work"))
    page.get_by_role("link", name="Decide them one by one in the queue").click()
    page.get_by_label("Kind of record").select_option(label="Action")
    page.get_by_label("Sort by").select_option(label="Newest first")
    page.get_by_role("button", name="Show").click()
    queue = page.get_by_role("list", name="Suggestions waiting for a decision")
    line = queue.get_by_role("listitem").filter(has_text="Homes for everyone").first
    tag = line.locator(".badge").inner_text()
    assert ":" not in tag or tag.startswith(("Goal ", "Target ")), tag
    for language in ("en", "ko"):
        page.context.add_cookies(
            [{"name": "hrcities_language", "value": language, "url": f"{server}/"}]
        )
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert page_fits(page), f"{language}: the queue is wider than the phone"
        violations = axe_violations(page)
        assert not violations, f"{language}: {violations}"
    page.context.add_cookies([{"name": "hrcities_language", "value": "en", "url": f"{server}/"}])
    page.reload()

    # Reject by keyboard: the message names the tag, never its code, and offers Undo.
    line = page.get_by_role("listitem").filter(has_text="Homes for everyone").first
    reject = line.get_by_role("button", name=re.compile(r"^Reject "))
    reject.focus()
    page.keyboard.press("Enter")
    status = page.locator("#queue").get_by_role("status")
    expect(status).to_have_text(f"The tag “{tag}” was rejected.")
    assert not axe_violations(page)
    page.get_by_role("button", name=f"Undo the decision on “{tag}”").click()
    expect(page.locator("#queue").get_by_role("status")).to_contain_text("is suggested again")
    expect(page.locator("#queue")).to_contain_text(tag)

    # Pick a tag by search on the action's tags page: typing filters the vocabulary.
    page.goto(action_url)
    page.get_by_role("link", name="Edit tags").click()
    tags_url = page.url
    page.get_by_label("Find a tag").fill("주거")
    matches = page.locator("#tag-matches")
    expect(matches).to_contain_text("housing", ignore_case=True)
    matches.get_by_role("checkbox").first.check()
    page.get_by_label("Find a tag").fill("11.1")
    expect(matches).to_contain_text("Target 11.1")
    expect(matches.get_by_role("checkbox", checked=True)).to_have_count(1)  # kept ticked
    matches.get_by_role("checkbox", name=re.compile(r"^Target 11\.1")).check()
    assert page_fits(page)
    assert not axe_violations(page)
    page.get_by_role("button", name="Save tags").click()
    expect(page.get_by_role("status").first).to_contain_text("Tags saved (2 changed).")
    accepted = page.get_by_role("list", name="Accepted tags")
    expect(accepted).to_contain_text("11.1")

    # In Korean too, with its rejected tags and matches listed, at the phone's width.
    page.context.add_cookies([{"name": "hrcities_language", "value": "ko", "url": f"{server}/"}])
    page.goto(tags_url)
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.get_by_label("태그 찾기").fill("도시")
    expect(page.locator("#tag-matches")).to_contain_text("목표 11")
    assert page_fits(page)
    violations = axe_violations(page)
    assert not violations, violations
    context.close()


def test_an_editor_finds_a_tag_by_number_in_the_action_form_and_ticks_it(page):
    sign_in(page, "gwangju-editor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("commitments:action-create", args=["2020-whrcf-final-declaration", 3]))
    box = page.locator(".tag-choices")
    page.get_by_label("Find a tag by number or words").fill("11.1")
    target = box.get_by_role("checkbox", name=re.compile(r"^11\.1 "))
    expect(target).to_be_visible()
    expect(box.get_by_role("checkbox", name=re.compile(r"^16\.10 "))).to_be_hidden()
    target.check()
    page.get_by_label("Find a tag by number or words").fill("women")
    expect(target).to_be_visible()  # a ticked tag stays in view
    violations = axe_violations(page)
    assert not violations, violations
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("City or organisation").select_option(label="Gwangju")
    page.get_by_label("Title").fill("Housing for everyone")
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status")).to_contain_text("The action was added.")
    expect(page.get_by_role("list", name="Accepted tags")).to_contain_text("11.1")
