"""Choosing what a programme links to on its form, without ids and without JavaScript:
the linked records are boxes to tick, a finder adds the records whose title matches, and
only records the editor may see are ever offered, named or accepted. The programme form
also offers every access tier, restricted to named readers included."""

import pytest
from django.urls import reverse

from hrcities.access.tiers import Access, Publication
from hrcities.archive.tests.factories import make_item
from hrcities.education.models import Programme

from .factories import make_programme
from .test_views import programme_form, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(gwangju, busan):
    site = make_item(gwangju, kind="site", titles={"en": "Old provincial office"})
    other = make_item(gwangju, titles={"en": "Provincial hall testimony"})
    hidden = make_item(busan, titles={"en": "Provincial closed file"}, access=Access.RESTRICTED)
    return site, other, hidden


@pytest.fixture
def walk(gwangju, records):
    site, _other, hidden = records
    return make_programme(gwangju, titles={"en": "Memory walk"}, items=[site, hidden])


def edit_form(programme, **changes):
    return programme_form(
        **{"version": programme.version, "title_ko": "", "title_en": programme.title, **changes}
    )


def test_the_edit_page_ticks_the_links_the_editor_may_see_and_names_no_other(
    signed_in, walk, records, gwangju_editor
):
    site, _other, hidden = records

    page = text(
        signed_in(gwangju_editor).get(reverse("education:programme-edit", args=[walk.slug]))
    )

    assert f'value="{site.pk}"' in page and "Old provincial office" in page
    assert f'name="items" value="{site.pk}"' in page and "checked" in page
    assert "Provincial closed file" not in page and f"#{hidden.pk})" not in page
    assert "Find archive records by title or id" in page


def test_the_finder_adds_matching_records_keeps_what_was_typed_and_saves_nothing(
    signed_in, walk, records, gwangju_editor
):
    site, other, _hidden = records
    url = reverse("education:programme-edit", args=[walk.slug])

    page = signed_in(gwangju_editor).post(
        url,
        edit_form(
            walk,
            title_en="Memory walk, renamed",
            items=[site.pk],
            items_find="provincial",
            find="items",
        ),
    )

    body = text(page)
    assert page.status_code == 200
    assert "Memory walk, renamed" in body  # what was typed comes back
    assert f'name="items" value="{other.pk}"' in body  # a match, to tick
    assert "Provincial closed file" not in body  # matches only what the editor may see
    assert "Matches for “provincial” are added below" in body
    assert 'name="items_find" id="id_items_find" maxlength' in body  # the box comes back empty
    walk.refresh_from_db()
    assert walk.title == "Memory walk"


def test_words_typed_in_a_finder_find_rather_than_save(signed_in, walk, records, gwangju_editor):
    # Enter in a finder's box sends the form by its first button, the form's Save: the
    # words typed there still make it a search, and nothing is saved.
    other = records[1]
    page = signed_in(gwangju_editor).post(
        reverse("education:programme-edit", args=[walk.slug]),
        edit_form(walk, title_en="Renamed", items_find="testimony"),
    )

    assert page.status_code == 200
    assert f'name="items" value="{other.pk}"' in text(page)
    walk.refresh_from_db()
    assert walk.title == "Memory walk"


@pytest.mark.parametrize("query", ["closed file", "#{hidden}", "{hidden}", "no such thing"])
def test_the_finder_never_offers_another_citys_restricted_record(
    signed_in, walk, records, gwangju_editor, query
):
    hidden = records[2]
    page = signed_in(gwangju_editor).post(
        reverse("education:programme-create"),
        programme_form(items_find=query.format(hidden=hidden.pk), find="items"),
    )

    body = text(page)
    assert page.status_code == 200
    assert "Provincial closed file" not in body
    assert "Nothing you may see matches" in body


def test_a_posted_id_of_a_hidden_record_is_refused_as_unknown(
    signed_in, walk, records, gwangju_editor
):
    hidden = records[2]
    page = signed_in(gwangju_editor).post(
        reverse("education:programme-create"), programme_form(items=[hidden.pk])
    )

    assert page.status_code == 400
    assert f"No archive record you may see has the id {hidden.pk}." in text(page)
    assert "Provincial closed file" not in text(page)
    assert not Programme.objects.filter(titles__en="Rights at the city hall").exists()


def test_unticking_a_link_keeps_the_links_the_editor_could_not_see(
    signed_in, walk, records, gwangju_editor
):
    site, other, hidden = records
    page = signed_in(gwangju_editor).post(
        reverse("education:programme-edit", args=[walk.slug]), edit_form(walk, items=[other.pk])
    )

    assert page.status_code == 302
    assert {i.pk for i in walk.items.all()} == {other.pk, hidden.pk}


def test_a_reviewer_restricts_a_draft_to_named_readers(
    client, signed_in, gwangju, gwangju_editor, reader
):
    editor = signed_in(gwangju_editor)
    form = text(editor.get(reverse("education:programme-create")))
    assert 'value="restricted"' in form and "Named people (user names)" in form

    refused = editor.post(
        reverse("education:programme-create"), programme_form(access="restricted")
    )
    assert refused.status_code == 400
    assert "Name at least one person or organisation who may see it." in text(refused)

    saved = editor.post(
        reverse("education:programme-create"),
        programme_form(access="restricted", allowed_users=reader.username),
    )
    programme = Programme.objects.get()
    assert saved.status_code == 302
    assert programme.access == Access.RESTRICTED and list(programme.allowed_users.all()) == [reader]
    edit = text(editor.get(reverse("education:programme-edit", args=[programme.slug])))
    assert f'value="{reader.username}"' in edit

    programme.publication = Publication.PUBLISHED
    programme.save(update_fields=["publication"])
    client.logout()
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert signed_in(reader).get(programme.get_absolute_url()).status_code == 200


def test_an_unknown_reader_name_is_named(signed_in, gwangju, gwangju_editor):
    page = signed_in(gwangju_editor).post(
        reverse("education:programme-create"),
        programme_form(access="restricted", allowed_users="nobody-here"),
    )

    assert page.status_code == 400
    assert "No user is called: nobody-here." in text(page)


def test_the_form_reads_in_korean(signed_in, walk, gwangju_editor):
    page = text(
        signed_in(gwangju_editor).get(
            reverse("education:programme-edit", args=[walk.slug]), HTTP_ACCEPT_LANGUAGE="ko"
        )
    )
    assert "Find archive records by title or id" not in page
    assert "Named people" not in page
