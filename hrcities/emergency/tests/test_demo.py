"""The demo measures: three cities, COVID-19 and a heat wave, reviews of every outcome, a
sunset passed while in force, a measure extended twice, a draft review only its keepers see."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.emergency.demo import load_demo_emergency
from hrcities.emergency.models import Measure, Review
from hrcities.emergency.queries import watch
from hrcities.network.tests.factories import make_city


@pytest.fixture
def demo_cities(gwangju):
    return {slug: make_city(slug=slug) for slug in ("seoul", "graz")} | {"gwangju": gwangju}


def test_the_demo_loads_once_across_three_cities(demo_cities):
    created = load_demo_emergency()
    assert created["emergency measures"] >= 12
    assert not Measure.objects.filter(is_demo=False).exists()
    assert Measure.objects.values("applies_in").distinct().count() == 3
    assert {m.emergency.slug for m in Measure.objects.all()} == {"covid-19", "heat-wave"}
    assert set(Review.objects.values_list("outcome", flat=True)) == {
        "compatible",
        "concerns",
        "incompatible",
    }
    assert any(m.changes.filter(kind="extended").count() == 2 for m in Measure.objects.all())
    assert load_demo_emergency() == {"emergency measures": 0, "measure reviews": 0}


def test_the_demo_shows_every_alert_on_the_dashboard(demo_cities):
    load_demo_emergency()
    figures = watch(AnonymousUser(), today=date(2025, 1, 1))
    assert figures.past_sunset and figures.never_reviewed
    assert figures.review_overdue and figures.worrying


def test_the_demo_draft_review_is_seen_only_by_gwangjus_keepers(demo_cities):
    load_demo_emergency()
    draft = Review.objects.get(publication="draft")
    assert not Review.objects.visible_to(AnonymousUser()).filter(pk=draft.pk).exists()
    seoul_editor = make_user()
    give_role(seoul_editor, "editor", city=demo_cities["seoul"])
    assert not Review.objects.visible_to(seoul_editor).filter(pk=draft.pk).exists()
    gwangju_editor = make_user()
    give_role(gwangju_editor, "editor", city=demo_cities["gwangju"])
    assert Review.objects.visible_to(gwangju_editor).filter(pk=draft.pk).exists()
