"""The watch dashboard's figures, counted from what the reader may see."""

from datetime import date

from django.contrib.auth.models import AnonymousUser

from hrcities.access.tiers import Publication
from hrcities.emergency.models import Issue
from hrcities.emergency.queries import watch

from .factories import make_measure, make_review

TODAY = date(2025, 1, 1)


def titles(measures):
    return sorted(m.titles["en"] for m in measures)


def test_the_dashboard_finds_each_kind_of_alert(gwangju, reference):
    assembly = Issue.objects.get(slug="assembly")
    late = make_measure(
        gwangju, titles={"en": "Late"}, sunset_on=date(2024, 6, 30), issues=[assembly]
    )
    make_review(late, outcome="incompatible", next_review_on=date(2024, 12, 1))
    fine = make_measure(gwangju, titles={"en": "Fine"}, sunset_on=date(2025, 6, 30))
    make_review(fine, outcome="compatible", next_review_on=date(2025, 6, 1))
    make_measure(gwangju, titles={"en": "Unreviewed"}, issues=[assembly])
    lifted = make_measure(gwangju, titles={"en": "Lifted"}, lifted_on=date(2021, 1, 1))
    make_review(lifted, outcome="concerns")

    figures = watch(AnonymousUser(), city=gwangju, today=TODAY)

    assert titles(figures.past_sunset) == ["Late"]
    assert titles(figures.never_reviewed) == ["Unreviewed"]
    assert titles(figures.review_overdue) == ["Late"]
    assert titles(figures.worrying) == ["Late"]
    assert (figures.total, figures.in_force) == (4, 3)
    assert [(i.slug, every, current) for i, every, current in figures.by_issue] == [
        ("assembly", 2, 2)
    ]


def test_a_newer_review_replaces_the_older_outcome(gwangju, reference):
    measure = make_measure(gwangju, titles={"en": "Reviewed twice"})
    make_review(measure, outcome="incompatible", reviewed_on=date(2020, 6, 1))
    make_review(measure, outcome="compatible", reviewed_on=date(2021, 6, 1))

    assert watch(AnonymousUser(), today=TODAY).worrying == []


def test_hidden_measures_and_draft_reviews_count_for_no_one_else(
    gwangju, reference, reader, gwangju_editor
):
    hidden = make_measure(gwangju, titles={"en": "Hidden"}, publication=Publication.DRAFT)
    shown = make_measure(gwangju, titles={"en": "Shown"})
    make_review(shown, outcome="incompatible", publication=Publication.DRAFT)

    public = watch(reader, today=TODAY)
    assert public.total == 1 and public.worrying == []
    assert titles(public.never_reviewed) == ["Shown"]
    keeper = watch(gwangju_editor, today=TODAY)
    assert keeper.total == 2 and hidden in keeper.never_reviewed
    # A draft review is no review yet, even for those who keep it.
    assert keeper.worrying == []


def test_the_dashboard_counts_the_groups_measures_target_in_force_and_in_all(
    client, gwangju, reference
):
    from hrcities.taxonomy.models import AffectedGroup

    migrants, _ = AffectedGroup.objects.get_or_create(
        slug="migrants", defaults={"name": "Migrants"}
    )
    make_measure(gwangju, titles={"en": "Testing of migrant workers"}, target_groups=[migrants])
    make_measure(
        gwangju,
        titles={"en": "Lifted dormitory curfew"},
        target_groups=[migrants],
        lifted_on=date(2021, 1, 1),
    )
    make_measure(
        gwangju,
        titles={"en": "Hidden"},
        target_groups=[migrants],
        publication=Publication.DRAFT,
    )

    figures = watch(AnonymousUser(), city=gwangju, today=TODAY)

    assert [(g.slug, every, current) for g, every, current in figures.by_group] == [
        ("migrants", 2, 1)
    ]
    page = client.get("/emergency/watch/", {"city": "gwangju"}).content.decode()
    assert (
        "Measures by group" in page and '<th scope="row">Migrants</th><td>2</td><td>1</td>' in page
    )
