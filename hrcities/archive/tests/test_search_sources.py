"""An item's search document follows every record it shows: its narrator, the narrator's
other items and its redactions, whichever of them changes."""

import pytest

from hrcities.archive.services import update_archive_record
from hrcities.core.services import restore_revision, revisions_for
from hrcities.search.models import SearchDocument

from .factories import make_item, make_person

pytestmark = pytest.mark.django_db

REAL_NAME = "Moonhee Quillwort"


def titles_found(client, query):
    response = client.get("/api/search", {"q": query, "semantic": "false"})
    assert response.status_code == 200, response.content
    return [result["title"] for result in response.json()["results"]]


def indexed_text(item):
    return SearchDocument.objects.get(kind="item", object_id=item.pk).tokens


@pytest.fixture
def narrator(gwangju):
    return make_person(
        gwangju, pseudonym="Narrator Camellia", real_name=REAL_NAME, real_name_may_be_shown=True
    )


@pytest.fixture
def two_items(gwangju, narrator):
    """Two public testimonies of one narrator, both showing the real name."""
    return [
        make_item(
            gwangju,
            kind="testimony",
            titles={"en": title},
            narrator=narrator,
            restricted_fields=[],
        )
        for title in ("Testimony at the fountain", "Testimony at the station")
    ]


def test_hiding_the_name_on_one_item_takes_it_out_of_every_items_search_document(
    client, two_items, gwangju_editor, api_token
):
    """Issue 16, H3: the name hidden on item B was still found through item A."""
    item_a, item_b = two_items
    assert sorted(titles_found(client, "Quillwort")) == [
        "Testimony at the fountain",
        "Testimony at the station",
    ]

    changed = client.patch(
        f"/api/archive/items/{item_b.pk}",
        {"version": item_b.version, "hidden_fields": ["narrator_name"]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token(gwangju_editor)}"},
    )
    assert changed.status_code == 200, changed.content

    assert titles_found(client, "Quillwort") == []
    assert titles_found(client, "Moonhee") == []
    assert "Narrator Camellia" in client.get(item_a.get_absolute_url()).content.decode()
    assert sorted(titles_found(client, "Camellia")) == [
        "Testimony at the fountain",
        "Testimony at the station",
    ]


def test_a_change_to_the_narrators_name_rewrites_all_their_items(
    client, two_items, narrator, gwangju_editor
):
    update_archive_record(
        narrator,
        {"real_name_may_be_shown": False},
        by=gwangju_editor,
        based_on_version=narrator.version,
    )
    assert titles_found(client, "Quillwort") == []
    assert all("quillwort" not in indexed_text(item) for item in two_items)

    narrator.refresh_from_db()
    update_archive_record(
        narrator,
        {"real_name_may_be_shown": True, "real_name": "Moonhee Marigold"},
        by=gwangju_editor,
        based_on_version=narrator.version,
    )
    assert len(titles_found(client, "Marigold")) == 2
    assert titles_found(client, "Quillwort") == []


def test_restoring_the_narrators_earlier_revision_rewrites_their_items(
    client, two_items, narrator, gwangju_editor
):
    update_archive_record(
        narrator,
        {"real_name_may_be_shown": False},
        by=gwangju_editor,
        based_on_version=narrator.version,
    )
    hidden = revisions_for(narrator).first()
    narrator.refresh_from_db()
    update_archive_record(
        narrator,
        {"real_name_may_be_shown": True},
        by=gwangju_editor,
        based_on_version=narrator.version,
    )
    assert len(titles_found(client, "Quillwort")) == 2

    restore_revision(hidden, by=gwangju_editor)

    assert titles_found(client, "Quillwort") == []


def test_an_item_that_stops_hiding_the_name_gives_it_back_to_the_other_items(
    client, gwangju, two_items, gwangju_editor
):
    item_a, item_b = two_items
    update_archive_record(
        item_b,
        {"restricted_fields": ["narrator_name"]},
        by=gwangju_editor,
        based_on_version=item_b.version,
    )
    assert titles_found(client, "Quillwort") == []

    item_b.refresh_from_db()
    update_archive_record(
        item_b,
        {"narrator": make_person(gwangju)},
        by=gwangju_editor,
        based_on_version=item_b.version,
    )

    assert titles_found(client, "Quillwort") == ["Testimony at the fountain"]


def test_a_new_item_that_hides_the_name_takes_it_out_of_the_narrators_older_items(
    client, gwangju, two_items, narrator
):
    make_item(gwangju, kind="testimony", narrator=narrator, restricted_fields=["narrator_name"])

    assert titles_found(client, "Quillwort") == []


def test_deleting_the_narrator_takes_the_name_out_of_their_items(client, two_items, narrator):
    narrator.delete()

    assert titles_found(client, "Quillwort") == []
    assert all("quillwort" not in indexed_text(item) for item in two_items)


def test_a_link_that_hides_the_name_takes_it_out_of_every_items_search_document(
    client, two_items, narrator, gwangju, gwangju_editor
):
    """A link made without the real name hides it on every page, so on every document."""
    from hrcities.archive.services import link_person, show_real_name

    other = make_item(gwangju, titles={"en": "Letter from the station"})
    link = link_person(narrator, "subject", by=gwangju_editor, item=other)
    show_real_name(link, False, by=gwangju_editor)

    assert titles_found(client, "Quillwort") == []
    assert all(REAL_NAME.split()[1].lower() not in indexed_text(item) for item in two_items)

    show_real_name(link, True, by=gwangju_editor)

    assert sorted(titles_found(client, "Quillwort")) == [
        "Testimony at the fountain",
        "Testimony at the station",
    ]
