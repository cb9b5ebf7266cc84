"""The "My work" pages: what waits, by kind, with counts in the header, paginated, in
Korean and English; and the page where a person chooses their emails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.archive.services import submit_for_review
from hrcities.archive.tests.factories import give_consent, make_item
from hrcities.work.models import Frequency, Preference
from hrcities.work.services import frequencies

from .factories import person

pytestmark = pytest.mark.django_db


def submitted(city, contributor, title):
    item = make_item(city, titles={"en": title}, publication=Publication.DRAFT)
    return submit_for_review(item, by=contributor)


def test_the_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/work/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_a_reviewer_sees_the_submitted_record_and_the_count_in_the_header(
    client, gwangju, contributor
):
    reviewer = person("reviewer", "reviewer", city=gwangju)
    item = submitted(gwangju, contributor, "Letters from the Provincial Office")
    client.force_login(reviewer)

    page = client.get("/work/").content.decode()

    assert "Letters from the Provincial Office" in page
    assert f'href="{item.get_absolute_url()}"' in page
    assert "1 thing waits for you." in page
    assert 'My work <span class="badge">1<span class="visually-hidden"> waiting' in page
    assert page.count("Nothing of this kind waits for you.") == 6


def test_another_citys_reviewer_sees_nothing_of_it(client, gwangju, busan, contributor):
    submitted(gwangju, contributor, "Letters from the Provincial Office")
    client.force_login(person("busan-reviewer", "reviewer", city=busan))

    page = client.get("/work/").content.decode()

    assert "Letters from the Provincial Office" not in page
    assert "Nothing waits for you." in page
    assert '<span class="badge">' not in page.split("</header>")[0]


def test_the_page_reads_in_korean(client, gwangju, contributor):
    reviewer = person("reviewer", "reviewer", city=gwangju, language="ko")
    submitted(gwangju, contributor, "Letters")
    client.force_login(reviewer)

    page = client.get("/work/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "내 할 일" in page and "검토를 기다리는 기록" in page
    assert "기다리는 일이 1건 있습니다." in page


def test_a_kind_lists_every_item_on_pages(client, gwangju):
    keeper = person("keeper", "editor", city=gwangju)
    due = timezone.localdate() + timedelta(days=5)
    for n in range(30):
        give_consent(
            make_item(gwangju, titles={"en": f"Consent {n:02d}"}), "archive", reconsent_due=due
        )
    client.force_login(keeper)

    overview = client.get("/work/").content.decode()
    first = client.get("/work/consents/").content.decode()
    second = client.get("/work/consents/", {"page": 2}).content.decode()

    assert "All 30: Consents to renew" in overview and "Consent 05" not in overview
    assert "30 wait for you." in first and "Page 1 of 2" in first
    assert "Consent 24" in first and "Consent 25" in second


def test_an_unknown_kind_is_not_found(client, reader):
    client.force_login(reader)

    assert client.get("/work/nothing-such/").status_code == 404


def test_a_person_chooses_how_each_kind_is_emailed(client, gwangju):
    keeper = person("keeper", "editor", city=gwangju)
    client.force_login(keeper)
    assert frequencies(keeper)["review"] == Frequency.AT_ONCE  # the defaults
    assert frequencies(keeper)["consents"] == Frequency.DAILY
    choices = {kind: Frequency.DAILY for kind in frequencies(keeper)}
    choices["review"] = Frequency.NEVER

    page = client.get("/work/email/").content.decode()
    response = client.post("/work/email/", choices, follow=True)

    assert "Email me a daily digest" in page
    assert "Your email choices were saved." in response.content.decode()
    assert frequencies(keeper)["review"] == Frequency.NEVER
    assert frequencies(keeper)["suggestions"] == Frequency.DAILY


def test_a_choice_that_is_not_offered_is_refused_and_nothing_is_kept(client, gwangju):
    keeper = person("keeper", "editor", city=gwangju)
    client.force_login(keeper)
    choices = {kind: Frequency.DAILY for kind in frequencies(keeper)}
    choices["review"] = "hourly"

    response = client.post("/work/email/", choices)

    assert response.status_code == 200
    assert "Select a valid choice. hourly is not one of the available choices." in (
        response.content.decode()
    )
    assert not Preference.objects.filter(user=keeper).exists()


def test_the_profile_links_to_the_work_and_its_emails(client, reader):
    client.force_login(reader)

    page = client.get("/accounts/me/").content.decode()

    assert 'href="/work/"' in page and 'href="/work/email/"' in page
