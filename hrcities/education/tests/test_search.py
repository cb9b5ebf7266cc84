"""Programmes and their sessions in the one search: found by those who may read them,
with their own facets, and kept in step with publication and edits."""

from datetime import date

import pytest

from hrcities.access.tiers import Access, Publication
from hrcities.education import services
from hrcities.education.loaders import load_wphre
from hrcities.education.models import Audience

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth(db):
    load_wphre()
    return Audience.objects.get(slug="youth")


def found(client, q, **params):
    body = client.get("/api/search", {"q": q, "semantic": "false", **params}).json()
    return sorted(hit["title"] for hit in body["results"]), body


def facet(body, name):
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_a_published_programme_is_found_with_its_audience_format_and_languages(
    client, gwangju, youth
):
    make_programme(
        gwangju,
        titles={"en": "Youth rights camp", "ko": "청소년 인권 캠프"},
        audiences=[youth],
        format="blended",
        languages=["ko", "en"],
    )
    make_programme(gwangju, titles={"en": "Rights camp for officials"}, format="online")

    titles, body = found(client, "camp")

    assert titles == ["Rights camp for officials", "Youth rights camp"]
    assert facet(body, "audience") == {"youth": 1}
    assert body["facets"]["audience"][0]["label"] == "Youth"
    assert facet(body, "format") == {"blended": 1, "online": 1}
    assert facet(body, "kind") == {"programme": 2}
    assert facet(body, "lang")["ko"] == 1
    assert found(client, "camp", audience="youth")[0] == ["Youth rights camp"]
    assert found(client, "camp", format="online")[0] == ["Rights camp for officials"]
    # The Korean title finds it too, and the search page offers the new facets.
    assert found(client, "청소년 캠프")[0] == ["Youth rights camp"]
    page = client.get("/search/", {"q": "camp"}).content.decode()
    assert "Sector or audience" in page and "Blended" in page


def test_a_draft_is_found_only_by_its_keepers_until_it_is_published(
    client, gwangju, gwangju_editor, busan_editor
):
    draft = services.create_programme(
        by=gwangju_editor, city=gwangju, titles={"en": "Lantern workshop"}
    )
    make_session(draft, starts_on=date(2024, 5, 18))

    assert found(client, "lantern")[1]["count"] == 0
    client.force_login(busan_editor)
    assert found(client, "lantern")[1]["count"] == 0
    client.force_login(gwangju_editor)
    assert found(client, "lantern")[1]["count"] == 2  # the programme and its session

    services.publish_programme(draft, by=gwangju_editor)
    client.logout()
    titles, body = found(client, "lantern")
    assert titles == ["Lantern workshop", "Lantern workshop (2024-05-18)"]
    assert facet(body, "kind") == {"programme": 1, "session": 1}


def test_an_edit_and_a_narrower_access_reach_the_programme_and_its_sessions(
    client, gwangju, gwangju_editor, reader
):
    programme = make_programme(gwangju, titles={"en": "Harbour stories"})
    make_session(programme)

    services.update_programme(
        programme, {"titles": {"en": "Dockside stories"}}, by=gwangju_editor, based_on_version=None
    )
    assert found(client, "harbour")[1]["count"] == 0
    assert len(found(client, "dockside")[0]) == 2

    programme.refresh_from_db()
    services.update_programme(
        programme,
        {"access": Access.RESTRICTED, "allowed_users": [reader]},
        by=gwangju_editor,
        based_on_version=None,
    )
    assert found(client, "dockside")[1]["count"] == 0
    client.force_login(reader)
    assert len(found(client, "dockside")[0]) == 2


def test_taking_a_programme_back_to_draft_takes_its_sessions_out_of_search(
    client, gwangju, gwangju_editor
):
    programme = make_programme(gwangju, titles={"en": "Tide of memory"})
    make_session(programme)
    assert found(client, "tide")[1]["count"] == 2

    programme.publication = Publication.DRAFT
    programme.save(update_fields=["publication"])

    assert found(client, "tide")[1]["count"] == 0


def test_programmes_and_sessions_carry_the_sector_audience_format_and_language_facets(
    client, gwangju, youth
):
    officials = Audience.objects.get(slug="civil-servants")
    camp = make_programme(
        gwangju,
        titles={"en": "Harbour rights camp"},
        audiences=[youth],
        format="in-person",
        original_language="ko",
        languages=["ko"],
    )
    make_session(camp, starts_on=date(2024, 8, 1))
    make_programme(
        gwangju,
        titles={"en": "Harbour rights course for officials"},
        audiences=[officials],
        format="online",
        languages=["en"],
    )

    titles, body = found(client, "harbour")

    assert len(titles) == 3
    assert facet(body, "sector") == {"4": 2, "2": 1}  # youth (phase 4), officials (phase 2)
    labels = {v["value"]: v["label"] for v in body["facets"]["sector"]}
    assert labels["2"].startswith("Phase 2: Human rights education in higher education")
    assert facet(body, "audience") == {"youth": 2, "civil-servants": 1}
    assert facet(body, "format") == {"in-person": 2, "online": 1}
    assert facet(body, "lang") == {"ko": 2, "en": 1}
    # Each facet narrows the results, the session with its programme.
    assert found(client, "harbour", sector="2")[0] == ["Harbour rights course for officials"]
    assert found(client, "harbour", sector="4")[0] == [
        "Harbour rights camp",
        "Harbour rights camp (2024-08-01)",
    ]
    assert found(client, "harbour", lang="ko", kind="session")[0] == [
        "Harbour rights camp (2024-08-01)"
    ]
    assert found(client, "harbour", audience="youth", format="online")[0] == []
    page = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "Sector (World Programme phase)" in page and "Phase 4: Youth" in page
    korean = client.get("/search/", {"q": "harbour"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Sector (World Programme phase)" not in korean and "4단계" in korean


def test_a_change_of_languages_reaches_the_sessions(client, gwangju, gwangju_editor, youth):
    programme = make_programme(gwangju, titles={"en": "Lighthouse talks"}, languages=["en"])
    make_session(programme)

    services.update_programme(
        programme, {"languages": ["ja"]}, by=gwangju_editor, based_on_version=None
    )

    assert found(client, "lighthouse", lang="ja", kind="session")[1]["count"] == 1
