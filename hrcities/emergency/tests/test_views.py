import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.emergency.checklist import CRITERIA
from hrcities.emergency.models import Measure, Review

from .factories import make_measure, make_review


@pytest.fixture
def measures(gwangju, seoul, covid):
    """A published Gwangju measure with a published review, a Gwangju draft with a draft
    review, and a Seoul measure past its sunset, never reviewed."""
    today = timezone.localdate()
    shown = make_measure(gwangju, titles={"en": "Rallies banned downtown", "ko": "도심 집회 금지"})
    make_review(shown, outcome="concerns", summaries={"en": "Too broad a ban."})
    draft = make_measure(
        gwangju, titles={"en": "Draft curfew", "ko": "통행금지 초안"}, publication=Publication.DRAFT
    )
    make_review(draft, outcome="incompatible", publication=Publication.DRAFT)
    late = make_measure(
        seoul,
        titles={"en": "Church services limited", "ko": "종교 행사 제한"},
        sunset_on=today - timedelta(days=30),
    )
    return shown, draft, late


def test_the_list_shows_what_the_reader_may_see_in_both_languages(client, measures):
    page = client.get(reverse("emergency:measure-list")).content.decode()
    assert "Rallies banned downtown" in page and "Church services limited" in page
    assert "Draft curfew" not in page
    korean = client.get(reverse("emergency:measure-list"), HTTP_ACCEPT_LANGUAGE="ko")
    text = korean.content.decode()
    assert "도심 집회 금지" in text and "비상 조치" in text and "통행금지 초안" not in text


def test_the_citys_editor_sees_its_draft_in_the_list(signed_in, gwangju_editor, measures):
    page = signed_in(gwangju_editor).get(reverse("emergency:measure-list")).content.decode()
    assert "Draft curfew" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("city=seoul", "Church services limited", "Rallies banned downtown"),
        ("outcome=concerns", "Rallies banned downtown", "Church services limited"),
        ("outcome=none", "Church services limited", "Rallies banned downtown"),
        ("state=not-in-force", None, "Rallies banned downtown"),
    ],
)
def test_the_list_filters(client, measures, query, shown, hidden):
    page = client.get(reverse("emergency:measure-list") + "?" + query).content.decode()
    if shown:
        assert shown in page
    else:
        assert "No measure matches these filters." in page
    assert hidden not in page


def test_a_filter_by_outcome_ignores_a_draft_review(signed_in, gwangju_editor, measures):
    url = reverse("emergency:measure-list") + "?outcome=incompatible"
    page = signed_in(gwangju_editor).get(url).content.decode()
    assert "Draft curfew" not in page and "No measure matches these filters." in page


def test_a_draft_measure_and_its_review_are_not_found_by_readers(
    client, signed_in, reader, busan_editor, measures
):
    _shown, draft, _late = measures
    review = draft.reviews.get()
    for user in (None, reader, busan_editor):
        browser = signed_in(user) if user else client
        assert browser.get(draft.get_absolute_url()).status_code == 404
        assert browser.get(review.get_absolute_url()).status_code == 404


def test_the_measure_page_shows_its_changes_sources_and_reviews(client, measures):
    shown, _draft, _late = measures
    shown.sources.create(titles={"en": "Mayor's order"}, url="https://example.org/order")
    page = client.get(shown.get_absolute_url()).content.decode()
    assert "Introduced" in page and "Mayor&#x27;s order" in page
    assert "Raises concerns" in page
    assert "Edit" not in page and "Keep this measure" not in page


def test_a_review_page_shows_every_question_in_korean(client, measures):
    shown, _draft, _late = measures
    review = shown.reviews.get()
    page = client.get(review.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert page.count("ICCPR") >= 5
    assert "우려" in page


def test_an_editor_records_a_measure_from_the_form(signed_in, gwangju_editor, gwangju, covid):
    browser = signed_in(gwangju_editor)
    assert browser.get(reverse("emergency:measure-create")).status_code == 200
    data = {
        "owner": "city:gwangju",
        "title_en": "Heat shelters open all night",
        "original_language": "en",
        "applies_in": gwangju.pk,
        "level": "city",
        "kind": "order",
        "emergency": covid.pk,
        "introduced_on": "2024-07-20",
        "in_force_from": "2024-07-21",
        "sunset_on": "2024-07-01",
        "access": "public",
        "after_embargo": "public",
    }
    refused = browser.post(reverse("emergency:measure-create"), data)
    assert refused.status_code == 400
    assert "The sunset is before the day the measure came into force." in refused.content.decode()
    assert not Measure.objects.exists()
    data["sunset_on"] = "2024-08-31"
    response = browser.post(reverse("emergency:measure-create"), data)
    measure = Measure.objects.get()
    assert response.status_code == 302 and response.url == measure.get_absolute_url()


def test_an_extension_from_its_form_moves_the_sunset(signed_in, gwangju_editor, measures):
    shown, _draft, _late = measures
    url = reverse("emergency:change-add", args=[shown.pk])
    response = signed_in(gwangju_editor).post(
        url,
        {
            "kind": "extended",
            "on": "2020-03-20",
            "new_sunset": "2020-05-31",
            "version": shown.version,
        },
    )
    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.sunset_on == date(2020, 5, 31)


def test_a_reader_may_not_open_the_forms(signed_in, reader, busan_editor, measures):
    shown, _draft, _late = measures
    for user in (reader, busan_editor):
        browser = signed_in(user)
        assert browser.get(reverse("emergency:measure-edit", args=[shown.pk])).status_code == 403
        assert browser.get(reverse("emergency:change-add", args=[shown.pk])).status_code == 403
        assert browser.get(reverse("emergency:measure-delete", args=[shown.pk])).status_code == 403


def test_a_review_form_saves_every_answer_with_its_evidence(signed_in, gwangju_editor, measures):
    shown, _draft, _late = measures
    url = reverse("emergency:review-create", args=[shown.pk])
    browser = signed_in(gwangju_editor)
    form_page = browser.get(url).content.decode()
    assert all(str(c.sources)[:20] in form_page for c in CRITERIA)
    data = {
        "owner": "city:gwangju",
        "reviewed_on": "2021-01-10",
        "outcome": "compatible",
        "text_language": "en",
        "access": "public",
        "after_embargo": "public",
    }
    for c in CRITERIA:
        data[f"answer_{c.slug}"] = "yes"
        data[f"evidence_{c.slug}"] = f"Section on {c.slug}"
    response = browser.post(url, data)
    review = Review.objects.get(reviewed_on=date(2021, 1, 10))
    assert response.status_code == 302
    assert review.answers.get(criterion="remedy").evidence == {"en": "Section on remedy"}


def test_a_delete_asks_first(signed_in, gwangju_editor, measures):
    shown, _draft, _late = measures
    url = reverse("emergency:measure-delete", args=[shown.pk])
    browser = signed_in(gwangju_editor)
    assert "What this does" in browser.get(url).content.decode()
    assert browser.post(url, {}).status_code == 400
    assert Measure.objects.filter(pk=shown.pk).exists()
    assert browser.post(url, {"confirm": "on"}).status_code == 302
    assert not Measure.objects.filter(pk=shown.pk).exists()


def test_the_dashboard_counts_only_what_the_reader_may_see(
    client, signed_in, gwangju_editor, measures
):
    page = client.get(reverse("emergency:dashboard")).content.decode()
    assert "Church services limited" in page  # past its sunset, never reviewed
    assert "Draft curfew" not in page
    editor_page = signed_in(gwangju_editor).get(reverse("emergency:dashboard") + "?city=gwangju")
    text = editor_page.content.decode()
    # The draft measure's draft review is no review yet: it is listed as never reviewed.
    assert "Draft curfew" in text and "Church services limited" not in text


def test_the_timeline_draws_the_citys_measures(client, measures):
    page = client.get(reverse("emergency:city-timeline", args=["gwangju"])).content.decode()
    assert "<svg" in page and "Rallies banned downtown" in page and "Draft curfew" not in page


def test_the_city_page_lists_its_measures(client, measures):
    page = client.get(reverse("network:city-detail", args=["gwangju"])).content.decode()
    assert "Emergency measures" in page and "Rallies banned downtown" in page
    assert "Draft curfew" not in page


@pytest.mark.parametrize(
    ("language", "manage", "draft_review"),
    [("en", "Keep this measure", "Draft"), ("ko", "이 조치 관리", "초안")],
)
def test_only_keepers_see_how_to_keep_a_measure_in_either_language(
    client, signed_in, reader, contributor, gwangju_editor, measures, language, manage, draft_review
):
    shown, draft, _late = measures
    for user, sees in (
        (None, False),
        (reader, False),
        (contributor, False),
        (gwangju_editor, True),
    ):
        browser = signed_in(user) if user else client
        page = browser.get(shown.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert (manage in page) is sees, user
    keeper_page = signed_in(gwangju_editor).get(
        draft.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language
    )
    assert draft_review in keeper_page.content.decode()


def test_a_review_restricted_to_named_readers_is_read_by_them_alone(
    signed_in, client, gwangju_editor, measures
):
    from hrcities.accounts.tests.factories import make_user
    from hrcities.emergency.services import publish_review

    shown, _draft, _late = measures
    named, other = make_user("named-reader"), make_user("other-reader")
    url = reverse("emergency:review-create", args=[shown.pk])
    data = {
        "owner": "city:gwangju",
        "reviewed_on": "2021-02-11",
        "outcome": "concerns",
        "text_language": "en",
        "summary_en": "Shared with one researcher first.",
        "access": "restricted",
        "after_embargo": "public",
    }
    for c in CRITERIA:
        data[f"answer_{c.slug}"] = "partly"
    browser = signed_in(gwangju_editor)
    refused = browser.post(url, data)
    assert refused.status_code == 400
    assert "Name at least one person or organisation who may see it." in refused.content.decode()
    assert not Review.objects.filter(reviewed_on=date(2021, 2, 11)).exists()

    assert browser.post(url, {**data, "allowed_users": "named-reader"}).status_code == 302
    review = Review.objects.get(reviewed_on=date(2021, 2, 11))
    assert list(review.allowed_users.all()) == [named]
    publish_review(review, by=gwangju_editor)
    edit_page = browser.get(reverse("emergency:review-edit", args=[shown.pk, review.pk]))
    assert 'value="named-reader"' in edit_page.content.decode()

    page = review.get_absolute_url()
    assert signed_in(named).get(page).status_code == 200
    assert signed_in(other).get(page).status_code == 404
    client.logout()
    assert client.get(page).status_code == 404


def test_the_timeline_lays_a_monthly_series_over_the_measures_at_its_months(client, measures):
    from hrcities.indicators.tests.factories import make_indicator, observe

    shown, _draft, _late = measures
    cases = make_indicator(
        shown.applies_in, names={"en": "COVID-19 cases", "ko": "코로나19 확진자"}, unit="persons"
    )
    observe(cases, 2020, 1200)
    for period, value in (("M03", 40), ("M04", 310), ("M05", 95)):
        observe(cases, 2020, value, period=period)
    observe(cases, 2020, 7, period="week 3")
    url = reverse("emergency:city-timeline", args=["gwangju"])

    page = client.get(url, {"indicator": cases.pk}).content.decode()

    rows = re.findall(r'<tr><th scope="row">(2020[^<]*)</th><td>([^<]*)</td>', page)
    assert rows == [
        ("2020 M03", "40 persons"),
        ("2020 M04", "310 persons"),
        ("2020 M05", "95 persons"),
    ]
    assert re.search(r"Laid over: \S+ COVID-19 cases, 2020 M03 to 2020 M05\.", page)
    assert len(re.findall(r"<circle [^>]*r=\"3\"", page)) == 3


def test_an_indicator_with_no_value_the_timeline_can_place_says_which_periods_it_reads(
    client, measures
):
    from hrcities.indicators.tests.factories import make_indicator, observe

    shown, _draft, _late = measures
    cases = make_indicator(shown.applies_in, names={"en": "Cases", "ko": "확진자"})
    observe(cases, 2020, 7, period="week 3")
    url = reverse("emergency:city-timeline", args=["gwangju"])

    english = client.get(url, {"indicator": cases.pk}).content.decode()
    korean = client.get(url, {"indicator": cases.pk}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "has no values for the whole city yet" in english and "M1-M12" in english
    assert "M1-M12" in korean and "has no values" not in korean


@pytest.mark.parametrize("what", ["source", "review"])
def test_deleting_a_source_or_a_review_asks_first(signed_in, gwangju_editor, measures, what):
    shown, _draft, _late = measures
    if what == "source":
        record = shown.sources.create(titles={"en": "Order"}, url="https://example.org/order")
        url = reverse("emergency:source-delete", args=[record.pk])
    else:
        record = shown.reviews.get()
        url = reverse("emergency:review-delete", args=[shown.pk, record.pk])
    editor = signed_in(gwangju_editor)

    assert "What this does" in editor.get(url).content.decode()
    assert editor.post(url, {}).status_code == 400
    assert type(record).objects.filter(pk=record.pk).exists()
    assert editor.post(url, {"confirm": "on"}).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
