"""A city's own emergencies: the page that keeps them, and where measures may choose them."""

import pytest
from django.urls import reverse

from hrcities.core.models import AuditEntry
from hrcities.emergency.models import Emergency

from .factories import make_emergency, make_measure

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def add(browser, city, **names):
    data = {"name_en": names.get("en", ""), "name_ko": names.get("ko", "")}
    return browser.post(reverse("emergency:emergency-create", args=[city.slug]), data)


def own(city, name="Typhoon season"):
    return Emergency.objects.create(city=city, slug="typhoon", names={"en": name})


def test_an_editor_adds_an_emergency_offered_in_the_citys_measure_form_only(
    signed_in, gwangju, gwangju_editor, busan_editor
):
    browser = signed_in(gwangju_editor)
    assert add(browser, gwangju, en="Typhoon season", ko="태풍 철").status_code == 302
    emergency = Emergency.objects.get(city=gwangju)
    assert emergency.names == {"en": "Typhoon season", "ko": "태풍 철"}
    assert AuditEntry.objects.filter(target_id=str(emergency.pk), action="record-created").exists()
    assert "Typhoon season" in text(browser.get(reverse("emergency:measure-create")))
    page = signed_in(busan_editor).get(reverse("emergency:measure-create"))
    assert page.status_code == 200 and "Typhoon season" not in text(page)


def test_another_citys_editor_cannot_see_or_change_the_list(signed_in, gwangju, busan_editor):
    emergency = own(gwangju)
    browser = signed_in(busan_editor)
    assert browser.get(reverse("emergency:emergency-list", args=[gwangju.slug])).status_code == 403
    assert add(browser, gwangju, en="Intrusion").status_code == 403
    edit = reverse("emergency:emergency-edit", args=[gwangju.slug, emergency.pk])
    assert browser.post(edit, {"name_en": "Renamed"}).status_code == 403
    delete = reverse("emergency:emergency-delete", args=[gwangju.slug, emergency.pk])
    assert browser.post(delete, {"confirm": "on"}).status_code == 403
    emergency.refresh_from_db()
    assert emergency.names == {"en": "Typhoon season"}
    assert list(Emergency.objects.filter(city=gwangju)) == [emergency]


def test_an_emergency_a_measure_answers_is_not_deleted(signed_in, gwangju, gwangju_editor):
    emergency = own(gwangju)
    make_measure(gwangju, emergency=emergency)
    make_measure(gwangju, emergency=emergency)
    browser = signed_in(gwangju_editor)
    delete = reverse("emergency:emergency-delete", args=[gwangju.slug, emergency.pk])
    assert "2 measures answer this emergency." in text(browser.get(delete))
    assert browser.post(delete, {"confirm": "on"}).status_code == 409
    assert Emergency.objects.filter(pk=emergency.pk).exists()


def test_an_editor_renames_and_deletes_an_unused_emergency(signed_in, gwangju, gwangju_editor):
    emergency = own(gwangju)
    browser = signed_in(gwangju_editor)
    edit = reverse("emergency:emergency-edit", args=[gwangju.slug, emergency.pk])
    assert browser.post(edit, {"name_en": "Typhoons", "name_ko": "태풍"}).status_code == 302
    emergency.refresh_from_db()
    assert emergency.names == {"en": "Typhoons", "ko": "태풍"}
    delete = reverse("emergency:emergency-delete", args=[gwangju.slug, emergency.pk])
    assert browser.post(delete, {"confirm": "on"}).status_code == 302
    assert not Emergency.objects.filter(pk=emergency.pk).exists()


def test_a_name_already_in_the_list_is_refused_beside_its_field(signed_in, gwangju, gwangju_editor):
    make_emergency("covid-19")  # shared, named "covid-19" in both languages
    own(gwangju)
    browser = signed_in(gwangju_editor)
    shared_clash = add(browser, gwangju, en="COVID-19")
    assert shared_clash.status_code == 400
    assert shared_clash.context["form"].errors["name_en"]
    assert add(browser, gwangju, en="typhoon SEASON").context["form"].errors["name_en"]
    assert Emergency.objects.filter(city=gwangju).count() == 1


def test_the_page_reads_in_korean(signed_in, gwangju, gwangju_editor):
    Emergency.objects.create(city=gwangju, slug="typhoon", names={"en": "Typhoon", "ko": "태풍"})
    page = signed_in(gwangju_editor).get(
        reverse("emergency:emergency-list", args=[gwangju.slug]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert "비상 상황 목록" in text(page) and "태풍" in text(page)


def test_the_api_adds_renames_and_refuses_another_citys_editor(
    signed_in, gwangju, gwangju_editor, busan_editor
):
    url = "/api/emergency/cities/gwangju/emergencies"
    browser = signed_in(gwangju_editor)
    made = browser.post(url, {"names": {"en": "Typhoon"}}, content_type="application/json")
    assert made.status_code == 201
    entry = made.json()["id"]
    renamed = browser.put(
        f"{url}/{entry}",
        {"names": {"en": "Typhoons", "ko": "태풍"}},
        content_type="application/json",
    )
    assert renamed.json()["names"] == {"en": "Typhoons", "ko": "태풍"}
    outsider = signed_in(busan_editor)
    assert outsider.delete(f"{url}/{entry}").status_code == 403
    assert Emergency.objects.filter(pk=entry).exists()
    assert signed_in(gwangju_editor).delete(f"{url}/{entry}").status_code == 204
    assert not Emergency.objects.filter(pk=entry).exists()
