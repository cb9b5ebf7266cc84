"""Programmes for our city: ranked as a city's people would expect, with the reasons
shown, and never moved by a record the reader may not see."""

import pytest

from hrcities.archive.tests.factories import make_item
from hrcities.education import services
from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience
from hrcities.education.recommend import programmes_for_city
from hrcities.indicators.tests.factories import make_indicator, observe
from hrcities.taxonomy.models import AffectedGroup, HumanRightsTheme
from hrcities.taxonomy.tags import set_accepted_tags

from .factories import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary(db):
    load_wphre()
    for slug, name in (
        ("right-to-education", "Right to education"),
        ("women-rights", "Women's rights"),
        ("freedom-of-expression", "Freedom of expression"),
    ):
        HumanRightsTheme.objects.create(slug=slug, name=name)
    AffectedGroup.objects.create(slug="migrants", name="Migrants")


@pytest.fixture
def seoul_works_on_education_and_women(seoul, vocabulary):
    """Seoul's own records: an archive item tagged with two themes and migrants."""
    item = make_item(seoul, titles={"ko": "이주여성 교육 기록"}, original_language="ko")
    set_accepted_tags(
        item, ["theme:right-to-education", "theme:women-rights", "group:migrants"], by=None
    )
    return item


def titles(recommendations):
    return [r.programme.title for r in recommendations]


def test_a_programme_sharing_two_themes_ranks_above_one_sharing_one_and_none_is_left_out(
    gwangju, seoul, seoul_works_on_education_and_women
):
    two = make_programme(gwangju, titles={"en": "Two shared"}, languages=["en"])
    one = make_programme(gwangju, titles={"en": "One shared"}, languages=["en"])
    none = make_programme(gwangju, titles={"en": "Nothing shared"}, languages=["en"])
    set_accepted_tags(two, ["theme:right-to-education", "theme:women-rights"], by=None)
    set_accepted_tags(one, ["theme:women-rights"], by=None)
    set_accepted_tags(none, ["theme:freedom-of-expression"], by=None)

    ranked = programmes_for_city(seoul, None)

    assert titles(ranked) == ["Two shared", "One shared"]
    assert ranked[0].reasons[0].text == (
        "Shares human rights themes with Seoul’s records: Right to education, Women's rights."
    )


def test_language_groups_and_audience_each_add_a_reason(
    gwangju, seoul, seoul_editor, seoul_works_on_education_and_women
):
    youth = Audience.objects.get(slug="youth")
    make_programme(seoul, titles={"ko": "서울 청소년 인권"}, languages=["ko"], audiences=[youth])
    korean = make_programme(
        gwangju, titles={"en": "For migrants"}, languages=["ko"], audiences=[youth]
    )
    korean.target_groups.set(AffectedGroup.objects.filter(slug="migrants"))
    make_programme(gwangju, titles={"en": "English only"}, languages=["en"])

    ranked = programmes_for_city(seoul, None)

    # Seoul's own programme is not offered to Seoul; English shares nothing with Seoul.
    assert titles(ranked) == ["For migrants"]
    assert [r.kind for r in ranked[0].reasons] == ["group", "language", "audience"]
    assert ranked[0].reasons[1].text == "Taught in Korean."
    assert ranked[0].reasons[2].text == "For an audience Seoul already teaches: Youth."


def test_a_worsened_indicator_lifts_the_programmes_that_address_it(gwangju, seoul, vocabulary):
    indicator = make_indicator(seoul, names={"en": "Women on city committees"})
    set_accepted_tags(indicator, ["theme:women-rights"], by=None)
    observe(indicator, 2022, 40)
    observe(indicator, 2023, 35)
    addresses = make_programme(gwangju, titles={"en": "Women in office"}, languages=["en"])
    set_accepted_tags(addresses, ["theme:women-rights"], by=None)
    other = make_programme(gwangju, titles={"en": "About expression"}, languages=["en"])
    set_accepted_tags(other, ["theme:freedom-of-expression"], by=None)

    ranked = programmes_for_city(seoul, None)

    assert titles(ranked) == ["Women in office"]
    reasons = [r.text for r in ranked[0].reasons]
    assert "Addresses “Women on city committees”, which worsened in 2023 (40 → 35)." in reasons
    assert ranked[0].score == 3 + 4


def test_a_draft_is_never_offered_and_a_hidden_record_moves_no_score(
    gwangju, seoul, gwangju_editor, seoul_editor, vocabulary
):
    hidden = make_item(seoul, access="restricted", titles={"en": "Sealed"})
    set_accepted_tags(hidden, ["theme:women-rights"], by=None)
    shared = make_programme(gwangju, titles={"en": "Women in office"}, languages=["en"])
    set_accepted_tags(shared, ["theme:women-rights"], by=None)
    draft = services.create_programme(by=gwangju_editor, city=gwangju, titles={"ko": "초안"})
    draft.languages = ["ko"]
    draft.save(update_fields=["languages"])

    public = programmes_for_city(seoul, None)
    keeper = programmes_for_city(seoul, seoul_editor)

    # The public sees neither the draft nor the sealed item's theme; Seoul's editors read
    # their own sealed item, and so find the shared theme.
    assert titles(public) == []
    assert titles(keeper) == ["Women in office"]


def test_the_page_and_the_api_show_the_ranking_with_its_reasons(
    client, gwangju, seoul, seoul_works_on_education_and_women
):
    programme = make_programme(gwangju, titles={"en": "Two shared", "ko": "공유"}, languages=["en"])
    set_accepted_tags(programme, ["theme:right-to-education"], by=None)

    page = client.get("/education/for/seoul/")
    korean = client.get("/education/for/seoul/", HTTP_ACCEPT_LANGUAGE="ko")
    api = client.get("/api/education/for/seoul").json()

    assert page.status_code == 200
    assert "Two shared" in page.content.decode()
    assert (
        "Shares human rights themes with Seoul’s records: Right to education."
        in page.content.decode()
    )
    assert "서울에 맞는 프로그램" in korean.content.decode()
    assert "서울의 기록과 인권 주제가 같습니다" in korean.content.decode()
    assert api[0]["programme"]["title"] == "Two shared"
    assert api[0]["reasons"][0] == {
        "kind": "theme",
        "points": 3,
        "text": "Shares human rights themes with Seoul’s records: Right to education.",
    }
    assert client.get("/education/for/", {"city": "seoul"}).url == "/education/for/seoul/"
    assert client.get("/education/for/atlantis/").status_code == 404
