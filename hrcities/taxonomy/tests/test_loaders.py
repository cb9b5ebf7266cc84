from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import translation

from hrcities.taxonomy.loaders import LEGACY_THEMES, load_taxonomy, unmapped_legacy_themes
from hrcities.taxonomy.models import (
    AffectedGroup,
    HumanRightsTheme,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    UprRecommendation,
)

pytestmark = pytest.mark.django_db


def test_all_17_goals_169_targets_and_252_indicator_codes_are_loaded():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgIndicator.objects.count() == 252
    assert list(SdgGoal.objects.values_list("number", flat=True)) == list(range(1, 18))


def test_targets_keep_the_official_order_with_letters_after_numbers():
    codes = list(SdgTarget.objects.filter(goal__number=17).values_list("code", flat=True))
    assert codes[:3] == ["17.1", "17.2", "17.3"]
    assert codes.index("17.10") == 9


def test_an_indicator_under_three_targets_is_one_indicator_that_knows_its_other_codes():
    first = SdgIndicator.objects.get(code="1.5.1")
    cities = SdgIndicator.objects.get(code="11.5.1")
    climate = SdgIndicator.objects.get(code="13.1.1")
    assert first.canonical is None
    assert cities.canonical == first and climate.canonical == first
    assert cities.titles["en"] == first.titles["en"] == climate.titles["en"]
    assert sorted(first.also_under) == ["11.5.1", "13.1.1"]
    assert sorted(cities.also_under) == ["1.5.1", "13.1.1"]
    assert SdgIndicator.objects.get(code="1.1.1").also_under == []


def test_252_codes_are_235_distinct_indicators():
    assert SdgIndicator.objects.filter(canonical__isnull=True).count() == 235


def test_goal_1_has_its_korean_and_french_titles():
    goal = SdgGoal.objects.get(number=1)
    assert goal.titles["ko"] == "모든 곳에서 모든 형태의 빈곤 퇴치"
    assert goal.short_titles["ko"] == "빈곤퇴치"
    assert goal.titles["fr"].startswith("Éliminer la pauvreté")
    with translation.override("ko"):
        assert goal.title == "모든 곳에서 모든 형태의 빈곤 퇴치"
    with translation.override("en"):
        assert goal.short_title == "No poverty"


def test_languages_are_bcp47_tags_and_found_whatever_the_case():
    goal = SdgGoal.objects.get(number=1)
    assert "zh-Hans" in goal.titles and "nb-NO" in goal.titles
    with translation.override("zh-hans"):
        assert goal.title == goal.titles["zh-Hans"]


def test_budget_and_resources_spelled_two_ways_is_one_theme():
    theme = HumanRightsTheme.objects.get(
        name="Budget & resources (for human rights implementation)"
    )
    assert "Budget &resources (for human rights implementation)" in theme.aliases
    assert not HumanRightsTheme.objects.filter(name__startswith="Budget &resources").exists()
    # 23 recommendations of cycle 4 and 1 of cycle 3 carry it.
    assert theme.recommendations.count() == 24
    assert set(theme.recommendations.values_list("cycle", flat=True)) == {3, 4}


def test_a_theme_renamed_between_cycles_is_one_theme_with_its_old_name_as_alias():
    theme = HumanRightsTheme.objects.get(slug="human-trafficking-contemporary-forms-of-slavery")
    assert "Prohibition of slavery, trafficking" in theme.aliases
    assert theme.legacy_codes == ["D27"]
    assert set(theme.recommendations.values_list("cycle", flat=True)) == {2, 3, 4}


def test_legacy_codes_map_to_the_theme_whose_name_corresponds():
    education = HumanRightsTheme.objects.get(
        name="Human rights education, trainings & awareness raising"
    )
    assert education.legacy_codes == ["A5", "A51", "A54"]
    assert HumanRightsTheme.objects.get(name="Equality & non-discrimination").legacy_codes == [
        "B31"
    ]


def test_legacy_themes_without_a_current_theme_stay_on_the_recommendation():
    unmapped = unmapped_legacy_themes()
    assert {theme.split()[0] for theme in unmapped} == {
        code for code, target in LEGACY_THEMES.items() if target is None
    }
    assert unmapped["A42 Institutions & policies - General"] == 24
    second_cycle = UprRecommendation.objects.filter(cycle=2).prefetch_related("themes")
    assert all(rec.themes.all() or rec.legacy_themes for rec in second_cycle)


def test_case_variants_of_groups_are_one_group():
    children = AffectedGroup.objects.get(slug="children")
    assert children.name == "Children"
    assert children.aliases == ["children"]
    assert children.recommendations.count() == 105
    lgbti = AffectedGroup.objects.filter(name__icontains="LGBTI")
    assert lgbti.count() == 1
    assert len(lgbti.get().aliases) == 2
    assert not AffectedGroup.objects.filter(name="children").exists()


def test_632_recommendations_with_their_positions_and_cycles():
    assert UprRecommendation.objects.count() == 632
    positions = Counter(UprRecommendation.objects.values_list("position", flat=True))
    assert positions == {"Supported": 541, "Noted": 91}
    cycles = Counter(UprRecommendation.objects.values_list("cycle", flat=True))
    assert cycles == {2: 163, 3: 215, 4: 254}


def test_sdg_tags_become_goals():
    rec = UprRecommendation.objects.filter(sdg_goals__number=16).first()
    assert rec is not None
    assert UprRecommendation.objects.filter(sdg_goals__isnull=False).distinct().count() == 456
    assert not UprRecommendation.objects.filter(cycle=2, sdg_goals__isnull=False).exists()


def test_loading_twice_creates_nothing_new():
    counts = load_taxonomy()
    for kind, numbers in counts.items():
        assert numbers["created"] == 0, kind
        assert numbers["updated"] == 0, kind
    assert counts["recommendations"]["unchanged"] == 632
    assert counts["indicators"]["unchanged"] == 252


def test_a_first_load_creates_everything():
    UprRecommendation.objects.all().delete()
    HumanRightsTheme.objects.all().delete()
    AffectedGroup.objects.all().delete()
    SdgGoal.objects.all().delete()
    counts = load_taxonomy()
    assert counts["goals"] == {"created": 17, "updated": 0, "unchanged": 0}
    assert counts["indicators"]["created"] == 252
    assert counts["recommendations"]["created"] == 632
    assert SdgIndicator.objects.get(code="13.1.1").canonical.code == "1.5.1"


def test_a_changed_record_is_reported_updated_and_restored():
    rec = UprRecommendation.objects.get(cycle=3, paragraph="121.1")
    rec.text = "changed"
    rec.save()
    rec.themes.clear()
    goal = SdgGoal.objects.get(number=5)
    goal.titles = {"en": "x"}
    goal.save()
    counts = load_taxonomy()
    assert counts["recommendations"]["updated"] == 1
    assert counts["goals"]["updated"] == 1
    rec.refresh_from_db()
    assert rec.text != "changed" and rec.themes.exists()


def test_aliases_and_names_added_by_admins_survive_a_reload():
    theme = HumanRightsTheme.objects.get(slug="right-to-health")
    theme.aliases = ["Health rights"]
    theme.names = {"ko": "건강에 대한 권리", "fr": "Droit à la santé"}
    theme.save()
    load_taxonomy()
    theme.refresh_from_db()
    assert "Health rights" in theme.aliases
    assert theme.names == {"ko": "건강에 대한 권리", "fr": "Droit à la santé"}


def test_the_command_prints_what_it_did(capsys):
    call_command("load_taxonomy")
    out = capsys.readouterr().out
    assert "recommendations: 0 created, 0 updated, 632 unchanged" in out
    assert "G2 Lesbian, gay, bisexual and transgender and intersex persons (LGBTI) (3)" in out


def test_every_theme_and_group_has_a_korean_name():
    for model in (HumanRightsTheme, AffectedGroup):
        missing = [row.name for row in model.objects.all() if not (row.names or {}).get("ko")]
        assert missing == [], model.__name__
    assert AffectedGroup.objects.count() == 33
    with translation.override("ko"):
        assert AffectedGroup.objects.get(slug="persons-with-disabilities").display_name == "장애인"
        assert HumanRightsTheme.objects.get(slug="refugees-asylum-seekers").display_name == (
            "난민 및 난민신청자"
        )


def test_a_reload_fills_korean_names_on_rows_that_had_none():
    AffectedGroup.objects.update(names={})
    HumanRightsTheme.objects.filter(slug="right-to-health").update(names={"fr": "Droit à la santé"})
    counts = load_taxonomy()
    assert counts["groups"]["updated"] == 33
    assert AffectedGroup.objects.get(slug="women").names == {"ko": "여성"}
    theme = HumanRightsTheme.objects.get(slug="right-to-health")
    assert theme.names == {"ko": "건강권", "fr": "Droit à la santé"}
