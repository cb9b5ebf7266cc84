"""The education pages: who sees which programme, the forms that change them, the
confirmation before a deletion, and the city page's section."""

from datetime import date

import pytest
from django.urls import reverse

from hrcities.access.tiers import Publication
from hrcities.education.models import Programme, Session

from .factories import make_method, make_programme, make_session

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def programmes(gwangju, seoul):
    published = make_programme(gwangju, titles={"en": "Memory walk", "ko": "기억 걷기"})
    draft = make_programme(gwangju, titles={"en": "Secret draft"}, publication=Publication.DRAFT)
    adaptation = make_programme(
        seoul, titles={"en": "Seoul memory walk"}, adapted_from=published, languages=["ko"]
    )
    return published, draft, adaptation


def test_the_public_list_shows_published_programmes_and_hides_drafts(client, programmes):
    page = text(client.get(reverse("education:programme-list")))
    assert "Memory walk" in page and "Seoul memory walk" in page
    assert "Secret draft" not in page


def test_a_draft_is_seen_by_its_keepers_only(
    client, signed_in, programmes, gwangju_editor, reader, seoul_editor
):
    _published, draft, _adaptation = programmes
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    assert signed_in(reader).get(url).status_code == 404
    assert signed_in(seoul_editor).get(url).status_code == 404
    page = signed_in(gwangju_editor).get(url)
    assert page.status_code == 200 and "Secret draft" in text(page)


def test_the_list_filters_by_city_and_language_and_says_when_nothing_matches(client, programmes):
    page = text(client.get(reverse("education:programme-list"), {"city": "seoul"}))
    assert "Seoul memory walk" in page and ">Memory walk<" not in page
    page = text(client.get(reverse("education:programme-list"), {"language": "fr"}))
    assert "No programme matches these filters." in page


def test_the_list_and_the_page_speak_korean(client, programmes):
    page = text(client.get(reverse("education:programme-list"), HTTP_ACCEPT_LANGUAGE="ko"))
    assert '<html lang="ko"' in page and "인권교육 프로그램" in page
    detail = text(client.get(programmes[0].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko"))
    assert "기억 걷기" in detail and "세션" in detail


def test_a_programme_page_shows_its_lineage_both_ways(client, programmes, gwangju):
    published, _draft, adaptation = programmes
    third = make_programme(gwangju, titles={"en": "Youth memory walk"}, adapted_from=adaptation)
    page = text(client.get(adaptation.get_absolute_url()))
    assert "Adapted from:" in page and published.get_absolute_url() in page
    assert third.get_absolute_url() in page
    first = text(client.get(published.get_absolute_url()))
    assert adaptation.get_absolute_url() in first and third.get_absolute_url() in first
    assert "2 steps away" in first


def test_an_adaptation_of_a_draft_does_not_reveal_the_draft(client, gwangju, seoul):
    draft = make_programme(gwangju, titles={"en": "Hidden source"}, publication="draft")
    child = make_programme(seoul, titles={"en": "Open child"}, adapted_from=draft)
    page = text(client.get(child.get_absolute_url()))
    assert "Hidden source" not in page and draft.slug not in page


def test_sessions_and_totals_show_on_the_programme_page(client, programmes):
    published = programmes[0]
    make_session(published, starts_on=date(2023, 5, 18), participants=12)
    make_session(published, starts_on=date(2024, 5, 18), participants=30)
    page = text(client.get(published.get_absolute_url()))
    assert "2 sessions, 42 participants in all." in page
    assert ">2023<" in page and ">2024<" in page


def test_totals_count_only_what_the_reader_may_see(client, signed_in, programmes, gwangju_editor):
    make_session(programmes[0], participants=10)
    make_session(programmes[1], participants=1000)
    assert "10 participants in all" in text(client.get(reverse("education:totals")))
    keeper = text(signed_in(gwangju_editor).get(reverse("education:totals")))
    assert "1010 participants in all" in keeper


def test_the_city_page_lists_its_programmes_without_drafts(
    client, signed_in, programmes, gwangju, gwangju_editor
):
    page = text(client.get(gwangju.get_absolute_url()))
    assert "Memory walk" in page and "Secret draft" not in page
    assert "Secret draft" in text(signed_in(gwangju_editor).get(gwangju.get_absolute_url()))


def test_the_main_menu_leads_to_education(client, db):
    assert reverse("education:programme-list") in text(client.get("/"))


def programme_form(**changes):
    data = {
        "owner": "city:gwangju",
        "title_en": "Rights at the city hall",
        "title_ko": "시청의 인권",
        "original_language": "ko",
        "languages": "ko, en",
        "format": "in-person",
        "access": "public",
        "after_embargo": "public",
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_programme_and_publishes_it(client, signed_in, gwangju, gwangju_editor):
    method = make_method("workshop")
    editor = signed_in(gwangju_editor)
    response = editor.post(
        reverse("education:programme-create"), programme_form(methods=[method.pk])
    )
    programme = Programme.objects.get()
    assert response.status_code == 302 and programme.publication == Publication.DRAFT
    editor.post(reverse("education:programme-publish", args=[programme.slug]))
    client.logout()
    page = text(client.get(programme.get_absolute_url()))
    assert "시청의 인권" in page or "Rights at the city hall" in page
    assert "Workshop" in page


def test_a_bad_form_names_the_field_and_saves_nothing(signed_in, gwangju, gwangju_editor):
    response = signed_in(gwangju_editor).post(
        reverse("education:programme-create"),
        programme_form(title_en="", title_ko="", languages="not-a-code!!", items="12x"),
    )
    page = text(response)
    assert response.status_code == 400
    assert "Give a title in English or in Korean." in page
    assert "not a BCP 47 language code" in page
    assert "No archive record you may see has the id 12x." in page
    assert not Programme.objects.exists()


def test_a_seoul_editor_may_adapt_but_not_edit_a_gwangju_programme(
    signed_in, programmes, seoul_editor
):
    published = programmes[0]
    editor = signed_in(seoul_editor)
    assert editor.get(reverse("education:programme-edit", args=[published.slug])).status_code == 403
    form = editor.get(reverse("education:programme-adapt", args=[published.slug]))
    assert form.status_code == 200 and "기억 걷기" in text(form)
    response = editor.post(
        reverse("education:programme-adapt", args=[published.slug]),
        programme_form(
            owner="city:seoul", title_en="Walk in Seoul", adaptation_kinds=["local-history"]
        ),
    )
    adaptation = Programme.objects.get(titles__en="Walk in Seoul")
    assert response.status_code == 302
    assert adaptation.city.slug == "seoul" and adaptation.adapted_from == published
    assert (
        "local-history" in adaptation.adaptation_kinds and "language" in adaptation.adaptation_kinds
    )


def test_another_citys_draft_id_in_the_form_gets_a_clear_error(
    signed_in, programmes, seoul, seoul_editor
):
    _published, draft, adaptation = programmes
    response = signed_in(seoul_editor).post(
        reverse("education:programme-edit", args=[adaptation.slug]),
        programme_form(owner="", title_en="Seoul memory walk", adapted_from=draft.pk, version=1),
    )
    assert response.status_code == 400
    assert f"No programme you may see has the id {draft.pk}." in text(response)


def test_a_session_is_recorded_with_counts_by_group(signed_in, programmes, gwangju_editor):
    published = programmes[0]
    response = signed_in(gwangju_editor).post(
        reverse("education:session-add", args=[published.slug]),
        {
            "starts_on": "2024-05-18",
            "participants": "25",
            "city": published.city_id,
            "count_sex__female": "15",
            "count_sex__male": "10",
            "count_age": "15-24: 20\n25-64: 5",
            "evaluation_method": "Pre- and post-survey",
            "findings_en": "Knowledge of the May 18 history rose.",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert {(c.dimension.slug, c.value, c.count) for c in session.counts.all()} == {
        ("sex", "Female", 15),
        ("sex", "Male", 10),
        ("age", "15-24", 20),
        ("age", "25-64", 5),
    }


def test_counts_that_do_not_add_up_are_shown_beside_their_group(
    signed_in, programmes, gwangju_editor
):
    response = signed_in(gwangju_editor).post(
        reverse("education:session-add", args=[programmes[0].slug]),
        {"starts_on": "2024-05-18", "participants": "5", "count_sex__female": "9"},
    )
    assert response.status_code == 400
    assert "more than the 5 participants" in text(response)
    assert not Session.objects.exists()


def test_deleting_a_session_asks_first(signed_in, programmes, gwangju_editor):
    session = make_session(programmes[0])
    editor = signed_in(gwangju_editor)
    url = reverse("education:session-delete", args=[programmes[0].slug, session.pk])
    assert "What this does" in text(editor.get(url))
    assert editor.post(url, {}).status_code == 400
    assert Session.objects.exists()
    assert editor.post(url, {"confirm": "on"}).status_code == 302
    assert not Session.objects.exists()


def test_archiving_asks_first_and_a_published_programme_is_not_deleted(
    signed_in, programmes, gwangju_editor
):
    published = programmes[0]
    editor = signed_in(gwangju_editor)
    delete = editor.get(reverse("education:programme-delete", args=[published.slug]))
    assert delete.status_code == 302
    url = reverse("education:programme-archive", args=[published.slug])
    editor.post(url, {"confirm": "on"})
    published.refresh_from_db()
    assert published.archived_on is not None


def test_travels_list_the_cities_of_the_family(client, programmes):
    published, _draft, adaptation = programmes
    make_session(adaptation, participants=7)
    page = text(client.get(reverse("education:programme-travels", args=[published.slug])))
    assert "Gwangju" in page and "Seoul" in page
    data = client.get(reverse("education:programme-travels-data", args=[published.slug])).json()
    assert {f["properties"]["name"] for f in data["features"]} == {"Gwangju", "Seoul"}


def test_a_material_file_is_served_only_to_those_who_see_its_programme(
    client, signed_in, programmes, gwangju_editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _published, draft, _adaptation = programmes
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = signed_in(gwangju_editor)
    response = editor.post(
        reverse("education:material-add", args=[draft.slug]),
        {
            "title_en": "Guide",
            "licence": "CC-BY-4.0",
            "file": SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302
    material = draft.materials.get()
    assert editor.get(reverse("education:material-file", args=[material.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("education:material-file", args=[material.pk])).status_code == 404


def test_a_drafts_sessions_and_travels_are_not_found_by_readers(
    client, signed_in, programmes, reader, gwangju_editor
):
    draft = programmes[1]
    session = make_session(draft)
    urls = (
        session.get_absolute_url(),
        reverse("education:programme-travels", args=[draft.slug]),
        reverse("education:programme-travels-data", args=[draft.slug]),
        reverse("education:session-add", args=[draft.slug]),
    )
    for url in urls:
        assert client.get(url).status_code in (302, 404), url
    for url in urls:
        assert signed_in(reader).get(url).status_code == 404, url
    assert signed_in(gwangju_editor).get(session.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("what", ["material", "draft"])
def test_deleting_a_material_or_a_draft_asks_first(signed_in, programmes, gwangju_editor, what):
    from hrcities.education.models import Material

    published, draft, _adaptation = programmes
    if what == "material":
        record = Material.objects.create(
            programme=published,
            titles={"en": "Guide"},
            url="https://example.org/g",
            licence="CC0-1.0",
        )
        url = reverse("education:material-delete", args=[record.pk])
    else:
        record = draft
        url = reverse("education:programme-delete", args=[draft.slug])
    editor = signed_in(gwangju_editor)

    assert "What this does" in text(editor.get(url))
    assert editor.post(url, {}).status_code == 400
    assert type(record).objects.filter(pk=record.pk).exists()
    assert editor.post(url, {"confirm": "on"}).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
