"""A network admin keeps the registry without the Django admin: adds a network, puts
Gwangju in it, names a focal point and deletes it after confirming, in English and in
Korean, with every page passing axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

WORDS = {
    "en": {
        "add_network": "Add a network",
        "name_en": "Name in English",
        "name_ko": "Name in Korean",
        "add_the_network": "Add the network",
        "add_to_network": "Add to a network",
        "network": "Network",
        "role": "Role",
        "year_joined": "Year joined",
        "add_the_membership": "Add the membership",
        "add_focal_point": "Add a focal point",
        "name": "Name",
        "job_title": "Job title",
        "add_the_focal_point": "Add the focal point",
        "delete": "Delete {name}",
        "understand": "I understand what this does",
        "delete_focal_point": "Delete the focal point",
        "deleted": "was deleted",
        "founding": "Founding member",
    },
    "ko": {
        "add_network": "네트워크 추가",
        "name_en": "영어 이름",
        "name_ko": "한국어 이름",
        "add_the_network": "네트워크 추가하기",
        "add_to_network": "네트워크에 추가",
        "network": "네트워크",
        "role": "역할",
        "year_joined": "가입 연도",
        "add_the_membership": "회원 등록",
        "add_focal_point": "담당자 추가",
        "name": "이름",
        "job_title": "직책",
        "add_the_focal_point": "담당자 추가하기",
        "delete": "{name} 삭제",
        "understand": "어떤 일이 일어나는지 이해했습니다",
        "delete_focal_point": "담당자 삭제",
        "deleted": "삭제했습니다",
        "founding": "창립 회원",
    },
}


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_admin_adds_a_network_a_membership_and_a_focal_point_then_deletes_it(page, language):
    words = WORDS[language]
    network_name = f"Rights Cities Alliance {language.upper()}"
    person = f"Kim Ji-won {language.upper()}"
    sign_in(page, "admin", "hrcities-admin")
    page.context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])

    page.goto(reverse("network:network-list"))
    page.get_by_role("link", name=words["add_network"], exact=True).click()
    assert_accessible(page)
    page.get_by_label(words["name_en"]).fill(network_name)
    page.get_by_label(words["name_ko"]).fill("인권도시 연대")
    page.get_by_role("button", name=words["add_the_network"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "인권도시 연대" if language == "ko" else network_name
    )
    assert_accessible(page)

    page.goto(reverse("network:city-detail", args=["gwangju"]))
    page.get_by_role("link", name=words["add_to_network"]).click()
    assert_accessible(page)
    page.get_by_role("combobox", name=words["network"]).select_option(
        label="인권도시 연대" if language == "ko" else network_name
    )
    page.get_by_role("combobox", name=words["role"]).select_option(label=words["founding"])
    page.get_by_label(words["year_joined"]).fill("2024")
    page.get_by_role("button", name=words["add_the_membership"]).click()
    expect(page.locator(".message-success")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=words["add_focal_point"]).click()
    assert_accessible(page)
    page.get_by_label(re.compile(rf"^{words['name']}:?$")).fill(person)
    page.get_by_label(words["job_title"]).fill("Human rights officer")
    page.get_by_role("button", name=words["add_the_focal_point"]).click()
    expect(page.locator("main")).to_contain_text(person)

    page.get_by_role("link", name=words["delete"].format(name=person)).click()
    assert_accessible(page)
    # Sent without the box ticked, nothing happens and the page says why.
    page.get_by_role("button", name=words["delete_focal_point"]).click()
    expect(page.locator(".message-error").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(words["understand"]).check()
    page.get_by_role("button", name=words["delete_focal_point"]).click()
    expect(page.locator(".message-success")).to_contain_text(re.compile(words["deleted"]))
    expect(page.get_by_role("link", name=words["delete"].format(name=person))).to_have_count(0)
    assert_accessible(page)

    page.goto(reverse("network:city-detail", args=["gwangju"]))
    expect(page.locator("main")).to_contain_text(words["founding"])
