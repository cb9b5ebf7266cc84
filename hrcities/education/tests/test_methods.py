"""A city's own teaching methods: the page that keeps them, and where they are offered."""

import pytest
from django.urls import reverse

from hrcities.core.models import AuditEntry
from hrcities.education.models import Method

from .factories import make_method, make_programme

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def add(browser, city, **names):
    data = {"name_en": names.get("en", ""), "name_ko": names.get("ko", "")}
    return browser.post(reverse("education:method-create", args=[city.slug]), data)


def test_an_editor_adds_a_method_offered_in_the_citys_programme_form_only(
    signed_in, gwangju, seoul, gwangju_editor, seoul_editor
):
    browser = signed_in(gwangju_editor)
    assert add(browser, gwangju, en="Memorial walk", ko="추모 걷기").status_code == 302
    method = Method.objects.get(city=gwangju)
    assert method.names == {"en": "Memorial walk", "ko": "추모 걷기"}
    assert AuditEntry.objects.filter(target_id=str(method.pk), action="record-created").exists()
    ours = make_programme(gwangju)
    assert "Memorial walk" in text(
        browser.get(reverse("education:programme-edit", args=[ours.slug]))
    )
    theirs = make_programme(seoul)
    page = signed_in(seoul_editor).get(reverse("education:programme-edit", args=[theirs.slug]))
    assert page.status_code == 200 and "Memorial walk" not in text(page)


def test_another_citys_editor_cannot_see_or_change_the_list(
    signed_in, gwangju, gwangju_editor, seoul_editor
):
    method = make_method("memorial-walk", city=gwangju, names={"en": "Memorial walk"})
    browser = signed_in(seoul_editor)
    assert browser.get(reverse("education:method-list", args=[gwangju.slug])).status_code == 403
    assert add(browser, gwangju, en="Intrusion").status_code == 403
    edit = reverse("education:method-edit", args=[gwangju.slug, method.pk])
    assert browser.post(edit, {"name_en": "Renamed"}).status_code == 403
    delete = reverse("education:method-delete", args=[gwangju.slug, method.pk])
    assert browser.post(delete, {"confirm": "on"}).status_code == 403
    method.refresh_from_db()
    assert method.names == {"en": "Memorial walk"}
    assert list(Method.objects.filter(city=gwangju)) == [method]


def test_a_city_editor_cannot_change_a_shared_method(signed_in, gwangju, gwangju_editor):
    shared = make_method("participatory", names={"en": "Participatory"})
    browser = signed_in(gwangju_editor)
    page = text(browser.get(reverse("education:method-list", args=[gwangju.slug])))
    assert "Participatory" in page and "shared by every city" in page
    edit = reverse("education:method-edit", args=[gwangju.slug, shared.pk])
    assert browser.post(edit, {"name_en": "Mine now"}).status_code == 403
    shared.refresh_from_db()
    assert shared.names == {"en": "Participatory"}


def test_a_method_in_use_is_not_deleted_and_the_page_says_by_how_many(
    signed_in, gwangju, gwangju_editor
):
    method = make_method("memorial-walk", city=gwangju, names={"en": "Memorial walk"})
    make_programme(gwangju).methods.add(method)
    browser = signed_in(gwangju_editor)
    delete = reverse("education:method-delete", args=[gwangju.slug, method.pk])
    assert "1 programme uses this method." in text(browser.get(delete))
    assert browser.post(delete, {"confirm": "on"}).status_code == 409
    assert Method.objects.filter(pk=method.pk).exists()


def test_an_unused_method_is_deleted(signed_in, gwangju, gwangju_editor):
    method = make_method("memorial-walk", city=gwangju, names={"en": "Memorial walk"})
    delete = reverse("education:method-delete", args=[gwangju.slug, method.pk])
    assert signed_in(gwangju_editor).post(delete, {"confirm": "on"}).status_code == 302
    assert not Method.objects.filter(pk=method.pk).exists()


def test_a_name_already_in_the_list_is_refused_beside_its_field(signed_in, gwangju, gwangju_editor):
    make_method("participatory", names={"en": "Participatory", "ko": "참여형"})
    make_method("walk", city=gwangju, names={"en": "Memorial walk"})
    browser = signed_in(gwangju_editor)
    shared_clash = add(browser, gwangju, en="participatory")
    assert shared_clash.status_code == 400
    assert shared_clash.context["form"].errors["name_en"]
    own_clash = add(browser, gwangju, en="Something else", ko="참여형")
    assert own_clash.context["form"].errors["name_ko"]
    assert add(browser, gwangju, en="Memorial Walk").status_code == 400
    assert Method.objects.filter(city=gwangju).count() == 1


def test_the_page_reads_in_korean(signed_in, gwangju, gwangju_editor):
    make_method("walk", city=gwangju, names={"en": "Memorial walk", "ko": "추모 걷기"})
    page = signed_in(gwangju_editor).get(
        reverse("education:method-list", args=[gwangju.slug]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert "프로그램은 이 목록에서 교육 방법을 고릅니다." in text(page)
    assert "추모 걷기" in text(page)


def test_the_api_lists_adds_and_refuses_like_the_pages(
    client, signed_in, gwangju, seoul, gwangju_editor, seoul_editor
):
    make_method("participatory", names={"en": "Participatory"})
    url = "/api/education/cities/gwangju/methods"
    browser = signed_in(gwangju_editor)
    made = browser.post(url, {"names": {"en": "Memorial walk"}}, content_type="application/json")
    assert made.status_code == 201 and made.json()["is_shared"] is False
    clash = browser.post(url, {"names": {"en": "PARTICIPATORY"}}, content_type="application/json")
    assert clash.status_code == 422 and "name_en" in clash.content.decode()
    method = Method.objects.get(city=gwangju)
    make_programme(gwangju).methods.add(method)
    refused = browser.delete(f"{url}/{method.pk}")
    assert (
        refused.status_code == 422 and "1 programme uses this method." in refused.content.decode()
    )
    outsider = signed_in(seoul_editor)
    assert (
        outsider.post(url, {"names": {"en": "Mine"}}, content_type="application/json").status_code
        == 403
    )
    assert (
        outsider.put(
            f"{url}/{method.pk}", {"names": {"en": "Mine"}}, content_type="application/json"
        ).status_code
        == 403
    )
    client.logout()
    names = [entry["name"] for entry in client.get(url).json()]
    assert names == ["Memorial walk", "Participatory"]
    seouls = client.get("/api/education/cities/seoul/methods")
    assert [entry["name"] for entry in seouls.json()] == ["Participatory"]
