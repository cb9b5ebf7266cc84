"""From the Forum's words to a city's action: upload, review, confirm, act, see progress."""

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

DECLARATIONS = Path(__file__).resolve().parents[2] / "hrcities" / "commitments" / "data"
DECLARATION_2020 = DECLARATIONS / "2020-whrcf-final-declaration.txt"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def test_a_declaration_goes_from_upload_to_a_citys_action_and_its_progress(page):
    sign_in(page, "admin", "hrcities-admin")
    page.goto(reverse("commitments:declaration-list"))
    page.get_by_role("link", name="Add a declaration").click()
    assert_accessible(page)

    page.get_by_label("Declaration file").set_input_files(str(DECLARATION_2020))
    page.get_by_role("button", name="Read the declaration").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Review the declaration")
    expect(page.locator("#preamble-clauses > li")).to_have_count(17)
    expect(page.locator("#promises > li")).to_have_count(5)
    expect(page.get_by_label("Title")).to_have_value(
        "Final Declaration of the 2020 World Human Rights Cities Forum"
    )
    expect(page.get_by_label("First day")).to_have_value("2020-10-07")
    expect(page.get_by_text("Scroll to Top", exact=True)).to_be_hidden()  # debris stays folded away
    assert_accessible(page)

    page.get_by_role("button", name="Confirm and save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Final Declaration of the 2020 World Human Rights Cities Forum"
    )
    expect(page.get_by_role("status")).to_contain_text("17 preamble clauses and 5 promises")
    declaration_url = page.url
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    sign_in(page, "gwangju-editor")
    page.goto(declaration_url)
    page.get_by_role("link", name=re.compile(r"^Promise 5:")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Promise 5")
    page.get_by_role("link", name="Add an action").click()
    assert_accessible(page)

    page.get_by_label("City or organisation").select_option(label="Gwangju")
    page.get_by_label("Title").fill("Share the May 18 testimonies with partner cities")
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Progress (%)").fill("40")
    page.get_by_role("button", name="Add the action").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Share the May 18 testimonies with partner cities"
    )
    expect(page.get_by_role("status")).to_contain_text("The action was added.")
    assert_accessible(page)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Promise 5").click()
    progress = page.locator("dl.facts .progress-value")
    expect(progress).to_have_text("40 %")
    expect(page.locator("table.action-tree")).to_contain_text("Gwangju")
    assert_accessible(page)

    page.goto(declaration_url)
    expect(page.locator("dl.facts .progress-value")).to_have_text("8 %")  # (40+0+0+0+0) / 5
    promise_5 = page.locator("#promise-5")
    expect(promise_5.locator(".progress-value")).to_have_text("40 %")
    expect(page.locator("#promise-1 .progress-value")).to_have_text("0 %")

    promise_5.get_by_role("link", name="Gwangju").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions of Gwangju")
    expect(page.get_by_role("link", name="Share the May 18 testimonies with partner cities"))
    assert_accessible(page)
