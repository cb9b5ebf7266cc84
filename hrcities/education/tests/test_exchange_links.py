"""A programme's links in its CSV file: archive records, commitments' actions and
indicators travel as ids and read back unchanged; an id the importer may not see is
refused as unknown, and links the importer may not see are neither written out nor lost."""

import pytest

from hrcities.access.tiers import Access, Publication
from hrcities.archive.tests.factories import make_item
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.core.csvfiles import ImportRefused
from hrcities.education.exchange import (
    export_programmes_csv,
    import_programmes_csv,
    import_sessions_csv,
)
from hrcities.education.models import Programme
from hrcities.indicators.tests.factories import make_indicator

from .factories import make_programme
from .test_exchange import edited, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(gwangju, busan):
    site = make_item(gwangju, kind="site", titles={"en": "Old provincial office"})
    hidden = make_item(busan, titles={"en": "Busan closed file"}, access=Access.RESTRICTED)
    action = make_action(make_declaration().commitments.first(), gwangju)
    indicator = make_indicator(gwangju)
    draft_indicator = make_indicator(busan)  # a draft: only Busan's people read it
    draft_indicator.is_published = False
    draft_indicator.save(update_fields=["is_published"])
    return site, hidden, action, indicator, draft_indicator


@pytest.fixture
def walk(gwangju, links):
    site, hidden, action, indicator, draft_indicator = links
    return make_programme(
        gwangju,
        slug="memory-walk",
        titles={"en": "Memory walk"},
        items=[site, hidden],
        indicators=[indicator, draft_indicator],
        actions=[action],
    )


def test_links_travel_as_ids_and_read_back_unchanged(walk, links, gwangju_editor):
    site, hidden, action, indicator, _draft = links

    text = export_programmes_csv(gwangju_editor)
    row = rows(text)[0]

    # What the exporter may not see is not named: Busan's closed file and draft indicator.
    assert (row["items"], row["actions"], row["indicators"]) == (
        str(site.pk),
        str(action.pk),
        str(indicator.pk),
    )
    report = import_programmes_csv(text.encode(), by=gwangju_editor)
    assert (report.updated, report.unchanged) == (0, 1)
    # Re-importing what one was shown keeps the links one was not shown.
    assert {i.pk for i in walk.items.all()} == {site.pk, hidden.pk}
    assert walk.indicators.count() == 2


def test_an_edited_link_cell_changes_the_links_and_keeps_the_hidden_ones(
    walk, links, gwangju, gwangju_editor
):
    site, hidden, action, indicator, _draft = links
    other = make_item(gwangju, titles={"en": "Testimony of a driver"})

    text = edited(export_programmes_csv(gwangju_editor), items=f"{other.pk}", actions="")
    report = import_programmes_csv(text.encode(), by=gwangju_editor)

    assert report.updated == 1
    assert {i.pk for i in walk.items.all()} == {other.pk, hidden.pk}
    assert walk.actions.count() == 0


@pytest.mark.parametrize("column", ["items", "indicators"])
def test_an_id_the_importer_may_not_see_is_refused_as_unknown(walk, links, gwangju_editor, column):
    _site, hidden, _action, _indicator, draft_indicator = links
    secret = hidden if column == "items" else draft_indicator

    for cell in (str(secret.pk), "999999"):
        text = edited(export_programmes_csv(gwangju_editor), **{column: cell})
        with pytest.raises(ImportRefused) as error:
            import_programmes_csv(text.encode(), by=gwangju_editor)
        assert [(e.row, e.column) for e in error.value.report.errors] == [(2, column)]
        assert "you may see has the id" in str(error.value)
    # The two refusals read alike: nothing tells a hidden record from a missing one.


def test_a_link_cell_that_is_not_ids_is_named(walk, gwangju_editor):
    text = edited(export_programmes_csv(gwangju_editor), actions="the big plan")

    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(text.encode(), by=gwangju_editor)

    assert [(e.row, e.column) for e in error.value.report.errors] == [(2, "actions")]
    assert "is not a record id" in str(error.value)


def test_a_new_row_may_adapt_a_programme_an_earlier_row_adds(walk, gwangju_editor, links):
    header = "slug,city,title_en,adapted_from,items\r\n"
    text = header + (
        f"night-walk,gwangju,Night walk,memory-walk,{links[0].pk}\r\n"
        "dawn-walk,gwangju,Dawn walk,night-walk,\r\n"
    )

    report = import_programmes_csv(text.encode(), by=gwangju_editor)

    assert report.created == 2
    dawn = Programme.objects.get(slug="dawn-walk")
    assert dawn.adapted_from.slug == "night-walk"
    assert dawn.adapted_from.adapted_from == walk
    assert list(dawn.adapted_from.items.all()) == [links[0]]


def test_adapting_a_row_that_was_refused_is_reported_and_nothing_is_added(walk, gwangju_editor):
    header = "slug,city,title_en,adapted_from,format\r\n"
    text = header + (
        "night-walk,gwangju,Night walk,,by pigeon\r\ndawn-walk,gwangju,Dawn walk,night-walk,\r\n"
    )

    with pytest.raises(ImportRefused) as error:
        import_programmes_csv(text.encode(), by=gwangju_editor)

    assert [(e.row, e.column) for e in error.value.report.errors] == [
        (2, "format"),
        (3, "adapted_from"),
    ]
    assert not Programme.objects.filter(slug__in=["night-walk", "dawn-walk"]).exists()


def test_what_the_services_refuse_is_reported_beside_what_reading_refused(walk, gwangju_editor):
    # Row 2 reads badly; row 3 reads well but the services refuse its dates. Both are
    # reported, as every domain's import does, and nothing is written.
    header = "programme,starts_on,ends_on,participants\r\n"
    text = header + "memory-walk,not a day,,3\r\nmemory-walk,2024-05-18,2024-05-01,3\r\n"

    with pytest.raises(ImportRefused) as error:
        import_sessions_csv(text.encode(), by=gwangju_editor)

    assert [(e.row, e.column) for e in error.value.report.errors] == [
        (2, "starts_on"),
        (3, "ends_on"),
    ]
    assert walk.sessions.count() == 0


def test_a_draft_programmes_links_stay_out_of_the_public_file(gwangju, links):
    make_programme(gwangju, items=[links[0]], publication=Publication.DRAFT)

    assert rows(export_programmes_csv(None)) == []
