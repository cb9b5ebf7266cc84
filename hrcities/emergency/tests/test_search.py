"""Measures in the one search: found by those who may read them, with the emergency, issue,
outcome and in-force facets, and kept in step with publication and edits of their reviews."""

from datetime import date

import pytest

from hrcities.access.tiers import Access, Publication
from hrcities.emergency import services
from hrcities.emergency.models import Issue

from .factories import all_answers, make_measure, make_review

pytestmark = pytest.mark.django_db


def found(client, q, **params):
    body = client.get("/api/search", {"q": q, "semantic": "false", **params}).json()
    return sorted(hit["title"] for hit in body["results"]), body


def facet(body, name):
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_a_published_measure_is_found_with_its_emergency_issue_outcome_and_in_force_facets(
    client, gwangju, covid
):
    assembly = Issue.objects.get(slug="assembly")
    ban = make_measure(
        gwangju,
        titles={"en": "Rally ban in the city centre", "ko": "도심 집회 금지"},
        emergency=covid,
        issues=[assembly],
    )
    make_review(ban, outcome="concerns", summaries={"en": "Blanket rally ban"})
    make_measure(
        gwangju,
        titles={"en": "Rally venue closed", "ko": "집회 장소 폐쇄"},
        emergency=covid,
        lifted_on=date(2020, 5, 1),
    )

    titles, body = found(client, "rally")

    assert titles == ["Rally ban in the city centre", "Rally venue closed"]
    assert facet(body, "kind") == {"measure": 2}
    assert facet(body, "emergency") == {"covid-19": 2}
    assert body["facets"]["emergency"][0]["label"] == "COVID-19 pandemic"
    assert facet(body, "issue") == {"assembly": 1}
    assert facet(body, "outcome") == {"concerns": 1, "unreviewed": 1}
    assert facet(body, "in_force") == {"yes": 1, "no": 1}
    assert facet(body, "city") == {"gwangju": 2}
    assert found(client, "rally", outcome="concerns")[0] == ["Rally ban in the city centre"]
    assert found(client, "rally", in_force="no")[0] == ["Rally venue closed"]
    # The published review's words find its measure; the Korean title finds it too.
    assert found(client, "blanket")[0] == ["Rally ban in the city centre"]
    assert found(client, "도심 집회")[0] == ["Rally ban in the city centre"]
    page = client.get("/search/", {"q": "rally"}).content.decode()
    assert "Outcome of the latest review" in page and "Raises concerns" in page


def test_a_draft_review_changes_neither_the_outcome_nor_the_text_until_it_is_published(
    client, gwangju, gwangju_editor, covid
):
    measure = make_measure(gwangju, titles={"en": "Curfew for bars"}, emergency=covid)
    make_review(measure, outcome="compatible", reviewed_on=date(2020, 5, 1))
    draft = services.create_review(
        measure,
        by=gwangju_editor,
        city=gwangju,
        reviewed_on=date(2020, 9, 1),
        outcome="incompatible",
        summaries={"en": "Zebrafish clause discriminates"},
        answers=all_answers("no"),
    )

    for user in (None, gwangju_editor):
        if user:
            client.force_login(user)
        body = found(client, "curfew")[1]
        assert facet(body, "outcome") == {"compatible": 1}
        assert found(client, "zebrafish")[1]["count"] == 0
        assert found(client, "", kind="measure", outcome="incompatible")[1]["count"] == 0
    client.logout()

    services.publish_review(draft, by=gwangju_editor)

    assert facet(found(client, "curfew")[1], "outcome") == {"incompatible": 1}
    assert found(client, "zebrafish")[0] == ["Curfew for bars"]

    # Taken back to draft (as a restore or an edit by its keepers would), it leaves again.
    draft.publication = Publication.DRAFT
    draft.save(update_fields=["publication"])
    assert facet(found(client, "curfew")[1], "outcome") == {"compatible": 1}
    assert found(client, "zebrafish")[1]["count"] == 0

    draft.delete()
    measure.reviews.all().delete()
    assert facet(found(client, "curfew")[1], "outcome") == {"unreviewed": 1}


def test_a_review_open_to_members_only_is_told_to_members_not_to_the_public(
    client, gwangju, reader, covid
):
    measure = make_measure(gwangju, titles={"en": "Mask mandate"}, emergency=covid)
    make_review(measure, outcome="incompatible", access=Access.NETWORK)

    assert facet(found(client, "mask")[1], "outcome") == {"unreviewed": 1}
    client.force_login(reader)
    assert facet(found(client, "mask")[1], "outcome") == {"incompatible": 1}


def test_a_draft_measure_is_found_only_by_its_keepers(
    client, gwangju, gwangju_editor, busan_editor, covid
):
    measure = services.create_measure(
        by=gwangju_editor,
        city=gwangju,
        applies_in=gwangju,
        titles={"en": "Lantern festival cancelled"},
        kind="order",
        emergency=covid,
        introduced_on=date(2020, 4, 1),
        in_force_from=date(2020, 4, 1),
    )

    assert found(client, "lantern")[1]["count"] == 0
    assert facet(found(client, "", emergency="covid-19")[1], "emergency") == {"covid-19": 0}
    client.force_login(busan_editor)
    assert found(client, "lantern")[1]["count"] == 0
    client.force_login(gwangju_editor)
    assert found(client, "lantern")[0] == ["Lantern festival cancelled"]

    services.update_measure(
        measure,
        {"titles": {"en": "Lantern parade cancelled"}},
        by=gwangju_editor,
        based_on_version=measure.version,
    )
    services.publish_measure(measure, by=gwangju_editor)
    client.logout()
    assert found(client, "lantern")[0] == ["Lantern parade cancelled"]


def test_a_measure_lifted_without_an_edit_leaves_the_in_force_facet_after_the_daily_refresh(
    client, gwangju, covid
):
    from django.core.management import call_command

    from hrcities.emergency.models import Measure

    measure = make_measure(gwangju, titles={"en": "Night curfew"})
    assert facet(found(client, "curfew")[1], "in_force") == {"yes": 1}
    # The day it was to be lifted has come: no save tells the index.
    Measure.objects.filter(pk=measure.pk).update(lifted_on=date(2021, 1, 1))
    assert facet(found(client, "curfew")[1], "in_force") == {"yes": 1}

    call_command("refresh_in_force")

    assert facet(found(client, "curfew")[1], "in_force") == {"no": 1}
    assert found(client, "curfew", in_force="yes")[1]["count"] == 0
