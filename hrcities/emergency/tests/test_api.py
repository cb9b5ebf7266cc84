"""The emergency measures API: reading what one may see, writing through the services,
and clear errors for another city's records, bad dates and stale versions."""

from datetime import date

import pytest

from hrcities.access.tiers import Publication
from hrcities.emergency import services
from hrcities.emergency.checklist import CRITERIA
from hrcities.emergency.models import Measure, Review

from .factories import all_answers, make_measure, make_review

pytestmark = pytest.mark.django_db

BASE = "/api/emergency"


def measure_body(**overrides):
    body = {
        "city": "gwangju",
        "titles": {"en": "Gatherings of more than ten banned", "ko": "10인 이상 집회 금지"},
        "kind": "order",
        "emergency": "covid-19",
        "issues": ["assembly", "movement"],
        "policy_code": "C4",
        "policy_level": 3,
        "introduced_on": "2020-02-21",
        "in_force_from": "2020-02-22",
        "sunset_on": "2020-03-31",
    }
    body.update(overrides)
    return body


def review_body(**overrides):
    body = {
        "city": "gwangju",
        "reviewed_on": "2020-03-10",
        "next_review_on": "2020-04-10",
        "outcome": "concerns",
        "summaries": {"en": "Blanket ban without exceptions"},
        "answers": all_answers("partly"),
    }
    body.update(overrides)
    return body


def test_a_keeper_records_a_measure_extends_it_reviews_and_publishes_over_the_api(
    client, gwangju, gwangju_editor, covid
):
    client.force_login(gwangju_editor)

    made = client.post(f"{BASE}/measures", measure_body(), content_type="application/json")
    assert made.status_code == 201, made.content
    measure = made.json()
    assert measure["publication"] == "draft"
    assert measure["applies_in"] == "gwangju"
    assert measure["issues"] == ["assembly", "movement"]
    assert measure["policy_code"] == "C4"
    assert [c["kind"] for c in measure["changes"]] == ["introduced"]
    url = f"{BASE}/measures/{measure['id']}"

    extended = client.post(
        f"{url}/changes",
        {"kind": "extended", "on": "2020-03-30", "new_sunset": "2020-04-30"},
        content_type="application/json",
    )
    assert extended.status_code == 201, extended.content
    assert extended.json()["sunset_on"] == "2020-04-30"
    assert [c["kind"] for c in client.get(f"{url}/changes").json()] == ["introduced", "extended"]

    assert client.post(f"{url}/publish").json()["publication"] == "published"
    review = client.post(f"{url}/reviews", review_body(), content_type="application/json")
    assert review.status_code == 201, review.content
    review_url = f"{url}/reviews/{review.json()['id']}"
    assert review.json()["answers"]["legality"]["answer"] == "partly"
    assert review.json()["unanswered"] == []
    published = client.post(f"{review_url}/publish")
    assert published.json()["publication"] == "published"

    client.logout()
    listed = client.get(f"{BASE}/measures", {"city": "gwangju"}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["latest_review"]["outcome"] == "concerns"
    detail = client.get(review_url).json()
    assert detail["answers"]["remedy"]["evidence"] == {"en": "Read the remedy text."}


def test_the_list_filters_by_emergency_issue_in_force_and_outcome(client, gwangju, covid):
    from hrcities.emergency.models import Issue

    heat = make_measure(gwangju, titles={"en": "Cooling centres"}, emergency=None)
    heat.emergency = covid.__class__.objects.get(slug="heat-wave", city=None)
    heat.save()
    ban = make_measure(
        gwangju, titles={"en": "Rally ban"}, issues=[Issue.objects.get(slug="assembly")]
    )
    make_review(ban, outcome="incompatible")
    make_measure(gwangju, titles={"en": "Lifted curfew"}, lifted_on=date(2020, 6, 1))

    def titles(**params):
        return sorted(m["title"] for m in client.get(f"{BASE}/measures", params).json()["items"])

    assert titles(emergency="heat-wave") == ["Cooling centres"]
    assert titles(issue="assembly") == ["Rally ban"]
    assert titles(in_force="false") == ["Lifted curfew"]
    assert titles(outcome="incompatible") == ["Rally ban"]
    assert titles(outcome="unreviewed") == ["Cooling centres", "Lifted curfew"]


def test_the_checklist_is_served_with_its_sources_in_the_readers_language(client):
    body = client.get(f"{BASE}/checklist").json()

    assert [c["slug"] for c in body["criteria"]] == [c.slug for c in CRITERIA]
    assert "Siracusa" in body["criteria"][0]["sources"]
    assert body["answers"] == ["yes", "partly", "no", "unclear"]
    korean = client.get(f"{BASE}/checklist", HTTP_ACCEPT_LANGUAGE="ko").json()
    assert korean["criteria"][0]["question"] != body["criteria"][0]["question"]


def test_the_watch_figures_count_only_what_the_caller_may_see(
    client, gwangju, gwangju_editor, covid
):
    past = make_measure(gwangju, titles={"en": "Old order"}, sunset_on=date(2020, 4, 1))
    make_review(past, outcome="concerns")
    hidden = make_measure(gwangju, titles={"en": "Draft order"}, publication=Publication.DRAFT)

    public = client.get(f"{BASE}/watch", {"city": "gwangju"}).json()
    assert public["total"] == 1
    assert [m["title"] for m in public["past_sunset"]] == ["Old order"]
    assert [m["title"] for m in public["worrying"]] == ["Old order"]
    assert public["never_reviewed"] == []

    client.force_login(gwangju_editor)
    keeper = client.get(f"{BASE}/watch", {"city": "gwangju"}).json()
    assert keeper["total"] == 2
    assert [m["id"] for m in keeper["never_reviewed"]] == [hidden.pk]
    assert client.get(f"{BASE}/watch", {"city": "atlantis"}).status_code == 404


def test_another_citys_records_answer_with_a_clear_error(
    client, gwangju, busan, busan_editor, gwangju_editor, covid
):
    measure = make_measure(gwangju)
    draft = make_measure(gwangju, publication=Publication.DRAFT)
    client.force_login(busan_editor)

    # A published measure of Gwangju: readable, not changeable.
    refused = client.patch(
        f"{BASE}/measures/{measure.pk}",
        {"version": measure.version, "titles": {"en": "Taken over"}},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert "Gwangju" in refused.json()["detail"]
    # A draft of Gwangju does not exist for Busan.
    missing = client.get(f"{BASE}/measures/{draft.pk}")
    assert missing.status_code == 404
    assert f"No emergency measure you may see has the id {draft.pk}" in missing.json()["detail"]
    assert client.get(f"{BASE}/measures/{draft.pk}/reviews").status_code == 404
    # Recording a measure or a review for Gwangju from Busan.
    assert (
        client.post(f"{BASE}/measures", measure_body(), content_type="application/json").status_code
        == 403
    )
    review = client.post(
        f"{BASE}/measures/{measure.pk}/reviews", review_body(), content_type="application/json"
    )
    assert review.status_code == 403 and "Gwangju" in review.json()["detail"]
    # Gwangju may not link an archive record or indicator it may not see.
    client.force_login(gwangju_editor)
    linked = client.post(
        f"{BASE}/measures", measure_body(items=[999999]), content_type="application/json"
    )
    assert linked.status_code == 422
    assert linked.json()["errors"][0]["field"] == "items"
    assert Measure.objects.count() == 2


def test_a_sunset_before_the_start_is_refused_naming_the_field(client, gwangju_editor, covid):
    client.force_login(gwangju_editor)

    answer = client.post(
        f"{BASE}/measures", measure_body(sunset_on="2020-01-01"), content_type="application/json"
    )

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {
            "field": "sunset_on",
            "detail": "The sunset is before the day the measure came into force.",
        }
    ]
    assert not Measure.objects.exists()


def test_bad_answers_and_stale_versions_change_nothing(client, gwangju, gwangju_editor, covid):
    measure = make_measure(gwangju)
    client.force_login(gwangju_editor)
    url = f"{BASE}/measures/{measure.pk}/reviews"

    bad = client.post(
        url,
        review_body(answers={"legality": {"answer": "maybe"}}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    unknown = client.post(
        url,
        review_body(answers={"astrology": {"answer": "yes"}}),
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "astrology" in unknown.json()["detail"]
    assert not Review.objects.exists()

    review = services.create_review(
        measure, by=gwangju_editor, city=gwangju, reviewed_on=date(2020, 5, 1), outcome="concerns"
    )
    stale = client.patch(
        f"{url}/{review.pk}",
        {"version": review.version - 1 or 99, "outcome": "compatible"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    incomplete = client.post(f"{url}/{review.pk}/submit")
    assert incomplete.status_code == 422 and "unanswered" in incomplete.json()["detail"]
    review.refresh_from_db()
    assert review.outcome == "concerns" and review.publication == "draft"


def test_odd_unicode_in_a_title_is_refused_and_nothing_written(client, gwangju_editor, covid):
    client.force_login(gwangju_editor)

    answer = client.post(
        f"{BASE}/measures",
        measure_body(titles={"en": "Curfew\x00\ufffe"}),
        content_type="application/json",
    )

    assert answer.status_code == 422
    assert not Measure.objects.exists()


def test_an_id_past_any_integer_the_database_holds_answers_not_found(client, gwangju, covid):
    measure = make_measure(gwangju)
    review = make_review(measure)
    huge = 10**40

    past_measure = client.get(f"/api/emergency/measures/{huge}/reviews/{review.pk}")
    past_review = client.get(f"/api/emergency/measures/{measure.pk}/reviews/{-huge}")

    assert (past_measure.status_code, past_review.status_code) == (404, 404)
    assert past_measure["Content-Type"] == "application/problem+json"


def test_each_question_cites_the_paragraphs_that_ask_it(client):
    sources = {c["slug"]: c["sources"] for c in client.get(f"{BASE}/checklist").json()["criteria"]}

    assert "Siracusa paras. 5, 15-18" in sources["legality"]
    assert "Siracusa para. 8" in sources["remedy"] and "ICCPR art. 2(3)" in sources["remedy"]
    assert "Siracusa paras. 58-60" in sources["non-derogable-rights"]
    assert (
        "ICCPR art. 4(2) (arts. 6, 7, 8(1)-(2), 11, 15, 16, 18)" in sources["non-derogable-rights"]
    )


def test_a_measure_links_actions_indicators_and_archive_records_each_reader_may_see(
    client, gwangju, gwangju_editor, covid
):
    from hrcities.access.tiers import Publication
    from hrcities.archive.tests.factories import make_item
    from hrcities.commitments.tests.builders import action, declaration_with
    from hrcities.indicators.tests.factories import make_indicator

    answered_by = action(declaration_with(1).commitments.get(), gwangju, title="Rights check")
    effect = make_indicator(gwangju, names={"en": "Assemblies held", "ko": "집회 수"})
    report = make_item(gwangju, titles={"en": "Press photo of the closed square"})
    kept = make_item(gwangju, titles={"en": "Internal memo"}, publication=Publication.DRAFT)
    client.force_login(gwangju_editor)

    made = client.post(
        f"{BASE}/measures",
        measure_body(actions=[answered_by.pk], indicators=[effect.pk], items=[report.pk, kept.pk]),
        content_type="application/json",
    )

    assert made.status_code == 201, made.json()
    measure = Measure.objects.get(pk=made.json()["id"])
    Measure.objects.filter(pk=measure.pk).update(publication=Publication.PUBLISHED)
    keeper_page = client.get(measure.get_absolute_url()).content.decode()
    client.logout()
    public_page = client.get(measure.get_absolute_url()).content.decode()
    for page in (keeper_page, public_page):
        assert "Rights check" in page and "Assemblies held" in page
        assert "Press photo of the closed square" in page
        assert f"?indicator={effect.pk}" in page
    assert "Internal memo" in keeper_page and "Internal memo" not in public_page


def test_a_national_measure_is_kept_by_the_city_where_it_applies_and_shown_as_national(
    client, gwangju, gwangju_editor, covid
):
    client.force_login(gwangju_editor)

    made = client.post(
        f"{BASE}/measures",
        measure_body(
            level="national",
            authority={"en": "Ministry of Health and Welfare", "ko": "보건복지부"},
        ),
        content_type="application/json",
    )

    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["applies_in"], body["level"], body["city"]) == ("gwangju", "national", "gwangju")
    measure = Measure.objects.get(pk=body["id"])
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Gwangju</a> (National)" in page and "Ministry of Health and Welfare" in page
    korean = client.get(measure.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "보건복지부" in korean
