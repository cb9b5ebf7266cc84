"""The demo programmes: three cities and more, an adaptation chain, sessions over several
years with counts and an evaluation, a draft the public never sees; all marked demo."""

import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.education.demo import load_demo_education
from hrcities.education.models import Programme, Session
from hrcities.network.tests.factories import make_city


@pytest.fixture
def demo_cities(gwangju):
    return {slug: make_city(slug=slug) for slug in ("seoul", "graz", "rosario")} | {
        "gwangju": gwangju
    }


def test_the_demo_loads_once_across_cities_with_a_chain_of_adaptations(demo_cities):
    created = load_demo_education()
    assert created["education programmes"] >= 5
    assert not Programme.objects.filter(is_demo=False).exists()
    assert not Session.objects.filter(is_demo=False).exists()
    assert Programme.objects.values("city").distinct().count() >= 3
    last = Programme.objects.get(slug="demo-rosario-memory-walk")
    assert [p.city.slug for p in last.lineage()] == ["graz", "seoul", "gwangju"]
    years = {s.starts_on.year for s in Session.objects.all()}
    assert len(years) >= 4
    assert Session.objects.exclude(findings={}).exists()
    assert Session.objects.filter(counts__isnull=False).exists()
    assert load_demo_education() == {"education programmes": 0, "education sessions": 0}


def test_the_demo_draft_is_seen_only_by_its_keepers(demo_cities):
    load_demo_education()
    draft = Programme.objects.get(slug="demo-seoul-draft-workshop")
    assert not Programme.objects.visible_to(AnonymousUser()).filter(pk=draft.pk).exists()
    gwangju_editor = make_user()
    give_role(gwangju_editor, "editor", city=demo_cities["gwangju"])
    assert not Programme.objects.visible_to(gwangju_editor).filter(pk=draft.pk).exists()
    seoul_editor = make_user()
    give_role(seoul_editor, "editor", city=demo_cities["seoul"])
    assert Programme.objects.visible_to(seoul_editor).filter(pk=draft.pk).exists()
