from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hrcities.taxonomy.models import HumanRightsTheme, UprRecommendation

pytestmark = pytest.mark.django_db


def test_overview_shows_the_counts_and_links(client):
    response = client.get(reverse("taxonomy:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert reverse("taxonomy:goal-list") in html
    assert ">632<" in html and ">169<" in html


def test_goal_list_has_all_17_goals(client):
    response = client.get(reverse("taxonomy:goal-list"))
    assert response.status_code == 200
    for number in (1, 11, 17):
        assert reverse("taxonomy:goal-detail", args=[number]) in response.content.decode()


def test_goal_list_counts_each_goals_targets_indicators_and_recommendations(client):
    from hrcities.taxonomy.models import SdgIndicator, SdgTarget

    html = client.get(reverse("taxonomy:goal-list")).content.decode()
    for number in (1, 5, 16, 17):
        row = re.search(rf'goals/{number}/".*?</tr>', html, re.S).group(0)
        cells = re.findall(r"<td>(?:<a [^>]*>)?(\d+)(?:</a>)?</td>", row)
        assert cells == [
            str(SdgTarget.objects.filter(goal__number=number).count()),
            str(SdgIndicator.objects.filter(goal__number=number).count()),
            str(UprRecommendation.objects.filter(sdg_goals__number=number).count()),
        ]


def test_goal_page_shows_targets_and_indicators_in_english(client):
    response = client.get(reverse("taxonomy:goal-detail", args=[11]))
    html = response.content.decode()
    assert "Sustainable cities and communities" in html
    assert "Target 11.5" in html and "11.5.1" in html
    # 11.5.1 is the same indicator as 1.5.1 and 13.1.1, and the page says so.
    assert "also listed as 1.5.1, 13.1.1" in html


def test_goal_page_in_korean_shows_the_korean_title(client):
    response = client.get(reverse("taxonomy:goal-detail", args=[1]), HTTP_ACCEPT_LANGUAGE="ko")
    html = response.content.decode()
    assert "모든 곳에서 모든 형태의 빈곤 퇴치" in html
    assert 'lang="ko"' in html


def test_language_cookie_picks_the_korean_title(client):
    client.cookies["hrcities_language"] = "ko"
    response = client.get(reverse("taxonomy:goal-detail", args=[1]))
    assert "빈곤퇴치" in response.content.decode()


def test_unknown_goal_is_not_found(client):
    assert client.get(reverse("taxonomy:goal-detail", args=[18])).status_code == 404


def test_theme_page_shows_aliases_legacy_codes_and_recommendations(client):
    theme = HumanRightsTheme.objects.get(slug="human-trafficking-contemporary-forms-of-slavery")
    response = client.get(theme.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Prohibition of slavery, trafficking" in html
    assert "D27" in html
    assert "59 recommendations" in html


def test_theme_list_shows_the_korean_name_when_there_is_one(client):
    response = client.get(reverse("taxonomy:theme-list"), HTTP_ACCEPT_LANGUAGE="ko")
    assert "교육권" in response.content.decode()


def test_group_pages_list_groups_and_their_recommendations(client):
    response = client.get(reverse("taxonomy:group-list"))
    assert "Persons with disabilities" in response.content.decode()
    response = client.get(reverse("taxonomy:group-detail", args=["children"]))
    assert "105 recommendations" in response.content.decode()


def test_recommendation_list_filters_by_text_cycle_and_position(client):
    url = reverse("taxonomy:recommendation-list")
    html = client.get(url, {"q": "Roma", "cycle": 4, "position": "Noted"}).content.decode()
    expected = UprRecommendation.objects.filter(
        text__icontains="Roma", cycle=4, position="Noted"
    ).count()
    assert expected > 0
    assert f"{expected} recommendation" in html


def test_recommendation_list_filters_by_theme_goal_and_group(client):
    url = reverse("taxonomy:recommendation-list")
    html = client.get(url, {"theme": "right-to-health", "goal": 3}).content.decode()
    expected = UprRecommendation.objects.filter(
        themes__slug="right-to-health", sdg_goals__number=3
    ).count()
    assert f"{expected} recommendation" in html
    html = client.get(url, {"group": "children"}).content.decode()
    assert "105 recommendations" in html


def test_recommendation_list_is_paginated_and_sorted(client):
    url = reverse("taxonomy:recommendation-list")
    html = client.get(url, {"sort": "cycle", "page": 2}).content.decode()
    assert "632 recommendations" in html
    assert "Page 2 of 26" in html
    first = client.get(url, {"sort": "cycle"}).context["page"].object_list[0]
    assert (first.cycle, first.paragraph) == (2, "115.1")


def test_recommendation_list_says_when_nothing_matches(client):
    response = client.get(reverse("taxonomy:recommendation-list"), {"q": "zzzz-nothing"})
    assert "No recommendation matches these filters" in response.content.decode()


def test_recommendation_list_ignores_a_bad_filter_value(client):
    response = client.get(reverse("taxonomy:recommendation-list"), {"cycle": "nine"})
    assert response.status_code == 200
    assert "632 recommendations" in response.content.decode()


def test_recommendation_list_labels_every_filter(client):
    html = client.get(reverse("taxonomy:recommendation-list")).content.decode()
    for name in ("q", "cycle", "position", "theme", "goal", "group", "sort"):
        assert f'for="id_{name}"' in html


def test_recommendation_page_shows_position_themes_and_goals(client):
    rec = UprRecommendation.objects.get(cycle=2, paragraph="115.1")
    html = client.get(rec.get_absolute_url()).content.decode()
    assert "Supported" in html
    assert "Ratification of &amp; accession to international instruments" in html
    assert html.count("<h1") == 1
