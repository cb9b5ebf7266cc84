"""A declaration in another language: an admin adds its Korean text (a mismatched one is
refused), a Korean reader reads it in Korean, and it reads beside its original on a phone."""

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, open_page, sign_in

FIXTURES = Path(__file__).resolve().parents[2] / "hrcities" / "commitments" / "tests" / "fixtures"
RIVER_EN = (FIXTURES / "river-declaration-en.txt").read_text(encoding="utf-8")
RIVER_KO = (FIXTURES / "river-declaration-ko.txt").read_text(encoding="utf-8")
TITLE_EN = "Riverside Declaration on Clean Water"
TITLE_KO = "깨끗한 물에 관한 리버사이드 선언"
PROMISE_KO = "도시는 매달 먹는 물의 수질을 공개한다."
PHONE = {"width": 390, "height": 844}


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


def add_the_declaration(page) -> str:
    """Upload the made-up English declaration as an admin; return its address."""
    page.goto(reverse("commitments:declaration-upload"))
    page.get_by_label("Or paste the text").fill(RIVER_EN)
    page.get_by_role("button", name="Read the declaration").click()
    page.get_by_role("button", name="Confirm and save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    return page.url


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_an_admin_adds_a_korean_translation_that_a_korean_reader_reads(page, browser, server):
    sign_in(page, "admin", "hrcities-admin")
    declaration_url = add_the_declaration(page)
    page.get_by_role("link", name="Add a translation").click()
    assert_accessible(page)

    page.get_by_label("Language of the translation (BCP 47)").fill("ko")
    page.get_by_label("Kind of translation").select_option(label="unofficial (a city's own)")
    page.get_by_label("Translated by").fill("Riverside City Hall")
    page.get_by_label("Or paste the text").fill(RIVER_KO + "2. 도시는 수도 요금을 공개한다.\n")
    page.get_by_role("button", name="Read and save the translation").click()

    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("The translation was not saved:")
    expect(refusal).to_contain_text("The Korean text has 2 promises; the declaration has 1.")
    assert_accessible(page)

    page.get_by_label("Or paste the text").fill(RIVER_KO)
    page.get_by_role("button", name="Read and save the translation").click()

    expect(page.get_by_role("status")).to_contain_text(
        "The Korean translation was saved: 1 preamble clause and 1 promise aligned."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_KO)
    expect(page.locator(".reading-note")).to_contain_text(
        "Korean translation: unofficial (a city's own), by Riverside City Hall"
    )
    expect(page.locator("#promises")).to_contain_text(PROMISE_KO)
    assert_accessible(page)
    original = page.get_by_role("link", name="Read the original (English)")
    original.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)

    context = browser.new_context(base_url=server, locale="ko-KR")
    outside: list[str] = []
    korean = open_page(context, server, outside)
    korean.goto(declaration_url)
    expect(korean.get_by_role("heading", level=1)).to_have_text(TITLE_KO)
    expect(korean.locator(".reading-note")).to_contain_text(
        "한국어 번역: 비공식 (도시 자체 번역), 번역: Riverside City Hall"
    )
    assert_accessible(korean)
    korean.get_by_role("link", name=re.compile(r"^약속 1: ")).click()
    expect(korean.get_by_role("heading", level=1)).to_have_text(f"약속 1: {PROMISE_KO}")
    expect(korean.locator(".promise-text")).to_have_text(PROMISE_KO)
    assert_accessible(korean)
    korean.get_by_role("link", name="원문과 번역 나란히 보기").click()
    expect(korean.locator("#promise-1 p[lang=ko]")).to_have_text(PROMISE_KO)
    assert_accessible(korean)
    context.close()
    assert not outside


def test_the_side_by_side_view_stacks_on_a_phone_and_pairs_on_a_wide_screen(page, browser, server):
    sign_in(page, "admin", "hrcities-admin")
    declaration_url = add_the_declaration(page)
    page.get_by_role("link", name="Add a translation").click()
    page.get_by_label("Language of the translation (BCP 47)").fill("ko")
    page.get_by_label("Kind of translation").select_option(label="official")
    page.get_by_label("Or paste the text").fill(RIVER_KO)
    page.get_by_role("button", name="Read and save the translation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_KO)

    for language in ("en", "ko"):
        context = browser.new_context(base_url=server, locale="en-GB", viewport=PHONE)
        outside: list[str] = []
        phone = open_page(context, server, outside)
        phone.goto("/")
        context.add_cookies([{"name": "hrcities_language", "value": language, "url": phone.url}])
        phone.goto(declaration_url.split("?")[0] + "side-by-side/?language=ko")

        original = phone.locator("#promise-1 p[lang=en]").bounding_box()
        translated = phone.locator("#promise-1 p[lang=ko]").bounding_box()
        assert translated["y"] >= original["y"] + original["height"], language
        assert fits_the_screen(phone), language
        assert_accessible(phone)

        phone.set_viewport_size({"width": 1200, "height": 900})
        original = phone.locator("#promise-1 p[lang=en]").bounding_box()
        translated = phone.locator("#promise-1 p[lang=ko]").bounding_box()
        assert translated["x"] > original["x"] + original["width"] and (
            translated["y"] == original["y"]
        ), language
        context.close()
        assert not outside

    page.goto(declaration_url.split("?")[0] + "side-by-side/?language=ko")
    page.get_by_role("link", name="Correct the Korean text of promise 1").click()
    assert_accessible(page)
    page.get_by_label("Text").fill("도시는 매주 먹는 물의 수질을 공개한다.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The translated clause was corrected")
    expect(page.locator("#promises")).to_contain_text("도시는 매주 먹는 물의 수질을 공개한다.")
