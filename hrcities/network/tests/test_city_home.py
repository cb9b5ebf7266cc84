"""The city page as the city's home: every part of the platform in a section with its count,
its first entries and a link to all of them, counted and listed as the reader may see them.

Drafts and restricted records are neither listed nor counted for the public or another
city's editor; the city's own keepers see them, marked with their status, as on every
other list they keep."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from hrcities.access.tiers import Publication
from hrcities.archive.models import Place
from hrcities.archive.tests.factories import make_item
from hrcities.commitments.models import Milestone
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.education.tests.factories import make_programme, make_session
from hrcities.emergency.tests.factories import make_measure, make_review
from hrcities.indicators.tests.factories import make_indicator, observe
from hrcities.reports.tests.factories import make_report_city

pytestmark = pytest.mark.django_db

SECTIONS = [
    "city-actions-heading",
    "city-indicators-heading",
    "city-archive-heading",
    "city-education-heading",
    "city-emergency-heading",
    "city-organisations-heading",
    "city-networks-heading",
    "partnerships",
]


def missing(page: str, texts: list[str]) -> list[str]:
    """Return the texts the page does not show (an empty list is the good answer)."""
    return [text for text in texts if text not in page]


def city_page(client, slug: str = "gwangju", **headers) -> str:
    response = client.get(reverse("network:city-detail", args=[slug]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def make_site(city, title: str, **overrides):
    place = Place(city=city, titles={"en": f"Place of {title}"}, latitude=35.1, longitude=126.9)
    place.full_clean()
    place.save()
    return make_item(city, kind="site", titles={"en": title}, place=place, **overrides)


@pytest.fixture
def gwangju_home(gwangju):
    """Gwangju with an action and its sub-action, indicators with values up to 2023, a
    record, a site of memory, an education programme and an emergency measure."""
    report = make_report_city(gwangju)
    Milestone.objects.create(
        action=report.action, date=date(2023, 3, 1), text="Office opened", done_on=date(2023, 3, 1)
    )
    Milestone.objects.create(action=report.action, date=date(2030, 1, 1), text="Staff trained")
    make_item(gwangju, titles={"en": "Letters from May"})
    make_site(gwangju, "Old Provincial Office")
    make_programme(gwangju, titles={"en": "Memory walk for civil servants"})
    make_measure(gwangju, titles={"en": "Night curfew in the city centre"})
    return report


def test_the_city_page_shows_every_part_with_its_count_first_entries_and_a_link_to_all(
    client, gwangju_home
):
    page = city_page(client)

    # Actions: the count, each with its status, its progress rolled up from its
    # sub-action (20 %, not the 60 % entered on it) and its milestones.
    assert "2 actions on the network's commitments" in page
    assert "Open the human rights office" in page and "Hire two investigators" in page
    assert "20 %" in page and "60 %" not in page
    assert "1 of 2 done" in page
    assert reverse("commitments:city-actions", args=["gwangju"]) in page
    # Indicators: how many of each status, the first of them, and the latest report.
    assert "3 indicators, by their status as of the latest values" in page
    assert "Women on city committees" in page
    assert '<span class="status status-deterioration">Deterioration</span>' in page
    assert "See all 3 indicators of Gwangju" in page
    assert reverse("indicators:city-indicators", args=["gwangju"]) in page
    assert reverse("reports:report-detail", args=["gwangju", 2023]) in page
    assert "Annual human rights report of Gwangju, 2023" in page
    # The memory archive: records, and sites of memory on a map of this city's sites.
    assert "2 records in the memory archive, 1 of them a site of memory" in page
    assert "Letters from May" in page and "Old Provincial Office" in page
    assert 'id="city-sites-map"' in page
    assert reverse("archive:map-data") + "?city=gwangju&amp;kind=site" in page
    assert reverse("archive:item-list") + "?city=gwangju&amp;sort=newest" in page
    # Education and emergency measures are kept.
    assert "Memory walk for civil servants" in page
    assert "Night curfew in the city centre" in page
    # The page's contents lead to every section.
    for anchor in SECTIONS:
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page


def test_a_city_with_nothing_yet_says_so_in_each_section(client, busan):
    page = city_page(client, "busan")

    assert (
        missing(
            page,
            [
                "Busan has no actions recorded yet.",
                "Busan publishes no indicators yet.",
                "Busan shares no record in the memory archive yet.",
                "This city shares no education programme yet.",
                "No emergency measure is recorded for this city.",
            ],
        )
        == []
    )
    assert reverse("reports:report-index") + "busan/" not in page
    assert "city-sites-map" not in page


def test_a_city_with_records_but_no_site_says_it_has_no_site_and_draws_no_map(client, gwangju):
    make_item(gwangju, titles={"en": "Letters from May"})

    page = city_page(client)

    assert missing(page, ["1 record in the memory archive.", "No site of memory of Gwangju"]) == []
    assert "city-sites-map" not in page and "leaflet.js" not in page


def test_indicators_without_values_have_no_report_yet(client, gwangju):
    make_indicator(gwangju, names={"en": "Youth council seats"})

    page = city_page(client)

    assert "1 indicator, by its status as of the latest values" in page
    assert "Gwangju has no annual report yet: none of its indicators has a value." in page


# --- what each reader may see ------------------------------------------------------------

SECRETS = [
    "Sealed letter",
    "Draft letter",
    "Draft site of memory",
    "Secret draft indicator",
    "Draft memory walk",
    "Draft curfew",
]


@pytest.fixture
def guarded(gwangju):
    """Gwangju with one open record of each kind and a draft or restricted one beside it.

    The draft indicator alone has a value for 2024: a reader who may not see it has
    Gwangju's 2023 report as the latest."""
    open_indicator = make_indicator(gwangju, names={"en": "Open indicator"})
    observe(open_indicator, 2023, 10)
    hidden = make_indicator(gwangju, names={"en": "Secret draft indicator"}, is_published=False)
    observe(hidden, 2024, 5)
    make_item(gwangju, titles={"en": "Open letter"})
    make_item(gwangju, titles={"en": "Sealed letter"}, access="restricted")
    make_item(gwangju, titles={"en": "Draft letter"}, publication=Publication.DRAFT)
    make_site(gwangju, "Open site of memory")
    make_site(gwangju, "Draft site of memory", publication=Publication.DRAFT)
    make_programme(gwangju, titles={"en": "Open memory walk"})
    make_programme(gwangju, titles={"en": "Draft memory walk"}, publication=Publication.DRAFT)
    make_measure(gwangju, titles={"en": "Open curfew"})
    make_measure(gwangju, titles={"en": "Draft curfew"}, publication=Publication.DRAFT)


def test_drafts_and_restricted_records_are_neither_listed_nor_counted_for_others(outsider, guarded):
    page = city_page(outsider)

    assert [secret for secret in SECRETS if secret in page] == []
    assert "Open letter" in page and "Open memory walk" in page and "Open curfew" in page
    assert "2 records in the memory archive, 1 of them a site of memory" in page
    assert "1 indicator, by its status as of the latest values" in page
    assert "Annual human rights report of Gwangju, 2023" in page
    assert reverse("reports:report-detail", args=["gwangju", 2024]) not in page


def test_the_citys_keeper_sees_its_drafts_counted_and_marked(client, guarded, gwangju_editor):
    client.force_login(gwangju_editor)

    page = city_page(client)

    assert missing(page, SECRETS) == []
    assert (
        missing(
            page,
            [
                "5 records in the memory archive, 2 of them sites of memory",
                "2 indicators, by their status as of the latest values",
                '<span class="badge">unpublished</span>',
                '<span class="badge badge-draft">Draft</span>',
                "Annual human rights report of Gwangju, 2024",
            ],
        )
        == []
    )


def test_the_city_page_speaks_korean(client, gwangju_home):
    page = city_page(client, HTTP_ACCEPT_LANGUAGE="ko")

    korean = [
        '<html lang="ko">',
        "이 페이지의 내용",
        "이행 약속의 실행 과제",
        "네트워크 이행 약속에 대한 실행 과제 2건",
        "2건 중 1건 완료",
        "최근 값 기준 상태별 인권지표 3개",
        "광주 인권지표 3개 모두 보기",
        "기억 아카이브 기록 2건, 그중 기억의 장소 1곳.",
        "광주 기억의 장소 1곳 모두 보기",
    ]
    assert missing(page, korean) == []


# --- a fixed number of queries -------------------------------------------------------------


def add_records(city, n: int) -> None:
    """Give the city n more of everything its page shows."""
    declaration = make_declaration(promises=1)
    commitment = declaration.commitments.get()
    for i in range(n):
        action = make_action(commitment, city, title=f"Action {i}", progress=10 * (i % 10))
        make_action(commitment, city, title=f"Step {i}", parent=action, progress=50)
        Milestone.objects.create(action=action, date=date(2024, 1, 1), text="Started")
        indicator = make_indicator(city, baseline_year=2020, baseline_value=Decimal("1"))
        observe(indicator, 2022, i)
        observe(indicator, 2023, i + 1, disaggregation={"sex": "Female"})
        make_item(city, titles={"en": f"Record {i}"})
        make_site(city, f"Site {i}")
        programme = make_programme(city, titles={"en": f"Walk {i}"})
        make_session(programme)
        make_review(make_measure(city, titles={"en": f"Measure {i}"}))


def queries_of_city_page(client, django_assert_max_num_queries, most: int) -> int:
    with django_assert_max_num_queries(most) as captured:
        city_page(client)
    return len(captured.captured_queries)


# A signed-in reader's page asks more (who they are, what they keep), never per record.
MOST_QUERIES = {"anonymous": 30, "keeper": 130}


@pytest.mark.parametrize("reader", ["anonymous", "keeper"])
def test_the_city_page_runs_the_same_few_queries_however_much_the_city_has(
    client, gwangju, gwangju_editor, reader, django_assert_max_num_queries
):
    if reader == "keeper":
        client.force_login(gwangju_editor)
    add_records(gwangju, 2)
    city_page(client)  # once first, so that no cache being filled is counted
    few = queries_of_city_page(client, django_assert_max_num_queries, MOST_QUERIES[reader])

    add_records(gwangju, 12)
    many = queries_of_city_page(client, django_assert_max_num_queries, MOST_QUERIES[reader])

    assert many == few
