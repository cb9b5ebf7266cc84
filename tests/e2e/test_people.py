"""A new Gwangju staff member, in Chromium: the city's editor invites them, they open the
link from the email, choose a password, sign in with the role given, sign out, reset a
forgotten password through the emailed link and sign in again. In English and in Korean,
every page clean under axe-core."""

from __future__ import annotations

import email
import re
import time
from email import policy

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in
from .test_work import submit_for_review

ROLE_ON_PROFILE = {"en": "Reviewer — Gwangju", "ko": "검토자 — 광주"}
PEOPLE = {"en": "People", "ko": "구성원"}
SUBJECT = {"en": "invited", "ko": "초대"}
FIRST_PASSWORD = "a long walk by the Yeongsan river"
SECOND_PASSWORD = "evening light over Mudeungsan"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def speak(page, language: str) -> None:
    page.goto("/")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
    page.reload()


def submit(page) -> None:
    """Press the one button of the page's own form (the header has forms of its own)."""
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.locator("form[action$='/sign-out/'] button").click()
    page.wait_for_load_state()


def link_in_last_email(mail_dir, address: str, *, containing: str) -> tuple[str, str]:
    """Return the subject and the path of the link of the newest email to `address` whose
    link contains `containing`, as the development server wrote it to its mail folder."""
    found = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=policy.default)
            if address not in str(message["To"]):
                continue
            body = message.get_body(preferencelist=("plain",)).get_content()
            match = re.search(r"https?://[^/\s]+(/\S*" + re.escape(containing) + r"\S*)", body)
            if match:
                found.append((str(message["Subject"]), match.group(1)))
    assert found, f"no email to {address} with a {containing} link in {mail_dir}"
    return found[-1]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_new_staff_member_is_invited_signs_in_and_resets_a_forgotten_password(
    page, browser, server, server_data_dir, language
):
    address = f"new.staff.{language}@gwangju.example"
    username = f"new-staff-{language}"
    mail_dir = server_data_dir / "mail"

    # The Gwangju editor invites the new colleague from the People page.
    sign_in(page, "gwangju-editor")
    speak(page, language)
    page.get_by_role("navigation").get_by_role("link", name=PEOPLE[language]).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator(f"a[href='{reverse('accounts:invitation-create')}']").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("#id_email").fill(address)
    page.locator("#id_role").select_option("reviewer")
    assert page.locator("#id_city option:checked").inner_text() in ("Gwangju", "광주")
    page.locator("#id_language").select_option(language)
    submit(page)
    assert page.url.endswith(reverse("accounts:people"))
    assert address in page.locator("main").inner_text()
    assert_accessible(page)
    sign_out(page)

    # The invitee opens the link from the email, in the language the editor chose.
    subject, path = link_in_last_email(mail_dir, address, containing="/invitations/accept/")
    assert SUBJECT[language] in subject
    invitee = browser.new_context(base_url=server, locale="en-GB").new_page()
    speak(invitee, language)
    invitee.goto(path)
    assert_accessible(invitee)
    invitee.locator("#id_username").fill(username)
    invitee.locator("#id_display_name").fill(f"New staff ({language})")
    invitee.locator("#id_preferred_language").select_option(language)
    invitee.locator("#id_password1").fill(FIRST_PASSWORD)
    invitee.locator("#id_password2").fill(FIRST_PASSWORD)
    submit(invitee)
    assert invitee.url.endswith(reverse("accounts:login"))
    assert username in invitee.locator(".messages").inner_text()
    assert_accessible(invitee)

    # The link works once.
    assert invitee.goto(path).status == 410
    assert_accessible(invitee)

    # They sign in with the role given, then sign out.
    invitee.goto(reverse("accounts:login"))
    invitee.locator("#id_username").fill(username)
    invitee.locator("#id_password").fill(FIRST_PASSWORD)
    submit(invitee)
    invitee.goto(reverse("accounts:profile"))
    assert ROLE_ON_PROFILE[language] in invitee.locator("main").inner_text()
    assert invitee.get_by_role("navigation").get_by_role("link", name=PEOPLE[language]).count() == 0
    sign_out(invitee)

    # Later they have forgotten the password and reset it from the sign-in page.
    invitee.goto(reverse("accounts:login"))
    invitee.locator(f"main a[href='{reverse('accounts:password-reset')}']").click()
    invitee.wait_for_load_state()
    assert_accessible(invitee)
    invitee.locator("#id_email").fill(address)
    submit(invitee)
    assert invitee.url.endswith(reverse("accounts:password-reset-done"))
    assert_accessible(invitee)
    subject, path = link_in_last_email(mail_dir, address, containing="/password-reset/")
    assert ("비밀번호" in subject) == (language == "ko")
    invitee.goto(path)
    assert_accessible(invitee)
    invitee.locator("#id_new_password1").fill(SECOND_PASSWORD)
    invitee.locator("#id_new_password2").fill(SECOND_PASSWORD)
    submit(invitee)
    assert invitee.url.endswith(reverse("accounts:password-reset-complete"))
    assert_accessible(invitee)

    invitee.goto(reverse("accounts:login"))
    invitee.locator("#id_username").fill(username)
    invitee.locator("#id_password").fill(SECOND_PASSWORD)
    submit(invitee)
    assert invitee.locator(".header-user").inner_text() == f"New staff ({language})"

    # The reminders that concern them: a Gwangju contributor submits a record; it waits on
    # their "My work" page, and an email in their language tells them so without naming it.
    title = f"Minutes kept for {username}"
    page.context.clear_cookies()
    submit_for_review(page, title)
    invitee.goto(reverse("work:work"))
    waiting = invitee.locator("main section", has=invitee.get_by_role("link", name=title))
    expect(waiting.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(invitee)
    deadline = time.monotonic() + 20
    while True:
        try:
            subject, path = link_in_last_email(mail_dir, address, containing="/work/")
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    assert title not in subject and ("기다" in subject) == (language == "ko")
    invitee.context.close()
