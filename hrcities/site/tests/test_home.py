"""The home page shows every part of the platform with live numbers, and the newest
published records across the parts, as the reader may see them; the main menu reaches
every part."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.archive.models import Item
from hrcities.archive.tests.factories import make_item
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.education.tests.factories import make_programme
from hrcities.emergency.tests.factories import make_measure
from hrcities.indicators.tests.factories import make_indicator, observe

pytestmark = pytest.mark.django_db


def home(client, **headers) -> str:
    response = client.get(reverse("core:home"), **headers)
    assert response.status_code == 200
    return response.content.decode()


def recent_part(page: str) -> str:
    """Return the page's list of newest additions."""
    return page.split('id="recent-heading"', 1)[1]


@pytest.fixture
def platform(gwangju, busan):
    """Two cities, a declaration with actions, and of every part with access rules an
    open record beside a draft or restricted one (the draft indicator alone has a value
    for 2024, so it makes a second report for those who may see it)."""
    declaration = make_declaration(promises=3)
    make_action(declaration.commitments.get(number=1), gwangju, title="Open a rights office")
    make_action(declaration.commitments.get(number=2), busan, title="Train the police")
    observe(make_indicator(gwangju, names={"en": "Open indicator"}), 2023, 10)
    hidden = make_indicator(gwangju, names={"en": "Secret draft indicator"}, is_published=False)
    observe(hidden, 2024, 5)
    make_item(gwangju, titles={"en": "Open letter"})
    make_item(gwangju, titles={"en": "Sealed letter"}, access="restricted")
    make_item(gwangju, titles={"en": "Draft letter"}, publication=Publication.DRAFT)
    make_programme(gwangju, titles={"en": "Open memory walk"})
    make_programme(gwangju, titles={"en": "Draft memory walk"}, publication=Publication.DRAFT)
    make_measure(gwangju, titles={"en": "Open curfew"})
    make_measure(gwangju, titles={"en": "Draft curfew"}, publication=Publication.DRAFT)


SECRETS = ["Sealed letter", "Draft letter", "Secret draft indicator", "Draft memory walk"]
SECRETS += ["Draft curfew"]
PUBLIC_COUNTS = [
    "2 cities in the registry",
    "1 declaration of the Forum",
    "3 promises to keep",
    "2 actions on the network's commitments",
    "1 indicator measured by the cities",
    "1 annual human rights report",
    "cities with a report: 1",
    "1 record in the memory archive",
    "1 human rights education programme",
    "1 emergency measure under review",
]


def test_the_home_page_shows_every_part_with_its_count_and_a_link(client, platform):
    page = home(client)

    assert [count for count in PUBLIC_COUNTS if count not in page] == []
    for name in [
        "network:city-list",
        "commitments:declaration-list",
        "indicators:city-list",
        "reports:report-index",
        "archive:item-list",
        "education:programme-list",
        "emergency:measure-list",
        "network:organisation-list",
        "network:map",
        "taxonomy:index",
    ]:
        assert f'<h2><a href="{reverse(name)}">' in page, name


def test_drafts_and_restricted_records_are_neither_counted_nor_listed_for_others(
    outsider, platform
):
    page = home(outsider)

    assert [count for count in PUBLIC_COUNTS if count not in page] == []
    assert [secret for secret in SECRETS if secret in page] == []
    listed = recent_part(page)
    for title in ["Open letter", "Open memory walk", "Open curfew", "Open indicator"]:
        assert title in listed


def test_the_keeper_counts_the_citys_drafts_and_recent_activity_lists_only_published_ones(
    client, platform, gwangju_editor
):
    client.force_login(gwangju_editor)

    page = home(client)

    counted = ["2 indicators measured by the cities", "2 annual human rights reports"]
    counted += ["3 records in the memory archive", "2 human rights education programmes"]
    counted += ["2 emergency measures under review"]
    assert [count for count in counted if count not in page] == []
    # Recent activity is what was published: a keeper's drafts stay on their own pages;
    # a published record restricted to others is theirs to read.
    drafts = ["Draft letter", "Secret draft indicator", "Draft memory walk", "Draft curfew"]
    assert [draft for draft in drafts if draft in page] == []
    assert "Sealed letter" in recent_part(page)


def test_recent_activity_lists_the_newest_records_first_with_kind_city_and_day(client, gwangju):
    now = timezone.now()
    for days, title in [(3, "Oldest letter"), (2, "Older letter"), (1, "Newest letter")]:
        item = make_item(gwangju, titles={"en": title})
        Item.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=days))
    make_programme(gwangju, titles={"en": "Walk added today"})

    listed = recent_part(home(client))

    # Two at the most of one part, so a busy part does not fill the list.
    assert "Oldest letter" not in listed
    assert listed.index("Walk added today") < listed.index("Newest letter")
    assert listed.index("Newest letter") < listed.index("Older letter")
    assert "· Document · Gwangju · " in listed
    assert "· Education programme · Gwangju · " in listed
    day = timezone.localdate(now - timedelta(days=1))
    assert f'<time datetime="{day:%Y-%m-%d}">added {day.day} {day:%B %Y}</time>' in listed


def test_an_empty_platform_says_so(client, db):
    page = home(client)

    assert "Nothing is shared here yet." in page
    assert "Nothing is published yet." in page


def test_the_home_page_speaks_korean(client, platform):
    page = home(client, HTTP_ACCEPT_LANGUAGE="ko")

    korean = ['<html lang="ko">', "등록된 도시 2곳", "포럼 선언문 1건", "기억 아카이브 기록 1건"]
    korean += ["연례 인권보고서 1건", "최근 추가된 기록", "교육 프로그램 · 광주"]
    assert [text for text in korean if text not in page] == []


def test_the_main_menu_reaches_every_part(client, db):
    menu = home(client).split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]

    for name in [
        "network:city-list",
        "commitments:declaration-list",
        "archive:item-list",
        "education:programme-list",
        "indicators:city-list",
        "emergency:measure-list",
        "reports:report-index",
        "taxonomy:index",
        "core:api-home",
    ]:
        assert f'href="{reverse(name)}"' in menu, name


def test_the_home_page_runs_the_same_queries_however_much_there_is(
    client, platform, gwangju, django_assert_max_num_queries
):
    home(client)  # once first, so that no cache being filled is counted
    with django_assert_max_num_queries(30) as few:
        home(client)
    declaration = make_declaration(promises=1)
    for i in range(6):
        make_action(declaration.commitments.get(), gwangju, title=f"Action {i}")
        observe(make_indicator(gwangju), 2020 + i, i)
        make_item(gwangju, titles={"en": f"Record {i}"})
        make_programme(gwangju, titles={"en": f"Walk {i}"})
        make_measure(gwangju, titles={"en": f"Measure {i}"})
    with django_assert_max_num_queries(30) as many:
        home(client)

    assert len(many.captured_queries) == len(few.captured_queries)
