"""Adding a translation on a page, reading a declaration in the reader's language, and
reading it beside its original."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hrcities.commitments.models import ClauseTranslation, DeclarationTranslation
from hrcities.commitments.tests.factories import make_action
from hrcities.commitments.translating import ingest_translation
from hrcities.core.services import revisions_for

from .translations import RIVER_KO, river_declaration

pytestmark = pytest.mark.django_db

TITLE_KO = "깨끗한 물에 관한 리버사이드 선언"
PROMISE_KO = "도시는 매달 먹는 물의 수질을 공개한다."
PROMISE_EN = "Cities will publish the quality of their drinking water every month."


@pytest.fixture
def declaration(db):
    return river_declaration()


@pytest.fixture
def translated(declaration, admin):
    ingest_translation(
        declaration, by=admin, text=RIVER_KO, language="ko", kind="city", translator="리버사이드시"
    )
    return declaration


def add_url(declaration):
    return reverse("commitments:translation-add", args=[declaration.slug])


def korean(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="ko").content.decode()


def test_an_admin_adds_a_pasted_translation_and_reads_it(client, admin, declaration):
    client.force_login(admin)
    assert add_url(declaration) in client.get(declaration.get_absolute_url()).content.decode()

    response = client.post(
        add_url(declaration),
        {
            "language": "ko",
            "kind": "official",
            "translator": "Riverside City Hall",
            "text": RIVER_KO,
        },
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{declaration.get_absolute_url()}?text=ko"
    assert "The Korean translation was saved: 1 preamble clause and 1 promise aligned." in page
    assert f'<span lang="ko">{TITLE_KO}</span>' in page
    assert "Korean translation: official</strong>, by Riverside City Hall" in page
    assert "Read the original (English)" in page


def test_an_uploaded_file_is_read_as_the_translation(client, admin, declaration):
    client.force_login(admin)
    upload = SimpleUploadedFile("river-ko.txt", RIVER_KO.encode("utf-8"), "text/plain")

    response = client.post(
        add_url(declaration), {"language": "ko", "kind": "network", "file": upload}
    )

    assert response.status_code == 302
    assert ClauseTranslation.objects.filter(text=PROMISE_KO).exists()


def test_a_mismatched_text_is_refused_on_the_page_naming_the_difference(client, admin, declaration):
    client.force_login(admin)

    response = client.post(
        add_url(declaration),
        {"language": "ko", "kind": "network", "text": RIVER_KO + "2. 도시는 요금을 공개한다.\n"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "The translation was not saved:" in page
    assert "The Korean text has 2 promises; the declaration has 1." in page
    assert "The Korean text has promise 2, which the declaration does not have." in page
    assert RIVER_KO.splitlines()[0] in page  # the pasted text is kept for correcting it
    assert not DeclarationTranslation.objects.exists()


def test_only_those_who_may_edit_the_declaration_reach_the_translation_pages(
    client, gwangju_editor, translated
):
    urls = [
        add_url(translated),
        reverse("commitments:translation-edit", args=[translated.slug, "ko"]),
        reverse("commitments:translation-delete", args=[translated.slug, "ko"]),
        reverse(
            "commitments:translated-clause-edit",
            args=[translated.slug, "ko", translated.clauses.first().pk],
        ),
    ]
    anonymous = [client.get(url).status_code for url in urls]
    client.force_login(gwangju_editor)
    editor = [client.get(url).status_code for url in urls]
    posted = client.post(urls[0], {"language": "ja", "kind": "network", "text": RIVER_KO})

    assert anonymous == [302] * 4  # to sign in
    assert editor == [403] * 4
    assert posted.status_code == 403
    assert DeclarationTranslation.objects.count() == 1
    assert add_url(translated) not in client.get(translated.get_absolute_url()).content.decode()


def test_a_korean_reader_reads_the_declaration_and_its_promise_in_korean(client, translated):
    declaration_page = korean(client, translated.get_absolute_url())
    promise_page = korean(client, translated.commitments.get(number=1).get_absolute_url())
    english_page = client.get(translated.get_absolute_url()).content.decode()

    assert f"<title>{TITLE_KO}" in declaration_page
    assert f'<span lang="ko">{PROMISE_KO}</span>' in declaration_page
    assert "한국어 번역: 비공식 (도시 자체 번역)</strong>, 번역: 리버사이드시" in declaration_page
    assert f'<p lang="ko">{PROMISE_KO}</p>' in promise_page
    assert "원문 읽기 (영어)" in promise_page
    assert PROMISE_KO not in english_page and PROMISE_EN in english_page
    assert "Read the Korean translation" in english_page


def test_the_original_stays_one_link_away_for_a_korean_reader(client, translated):
    page = korean(client, translated.get_absolute_url(), text="original")

    assert PROMISE_EN in page and PROMISE_KO not in page
    assert "한국어 번역 읽기" in page


def test_lists_show_titles_in_the_readers_language(client, translated, gwangju):
    promise = translated.commitments.get(number=1)
    action = make_action(promise, gwangju, title="Water reports online")

    listed = korean(client, reverse("commitments:declaration-list"))
    action_page = korean(client, action.get_absolute_url())
    city_page = korean(client, reverse("commitments:city-actions", args=["gwangju"]))

    assert TITLE_KO in listed
    assert TITLE_KO in action_page and f"약속 1: {PROMISE_KO}" in action_page
    assert TITLE_KO in city_page and f"약속 1: {PROMISE_KO}" in city_page
    english = client.get(reverse("commitments:declaration-list")).content.decode()
    assert "Riverside Declaration on Clean Water" in english and TITLE_KO not in english


def test_an_indicators_page_names_its_promise_in_the_readers_language(client, translated, gwangju):
    from hrcities.indicators.tests.factories import make_indicator

    indicator = make_indicator(gwangju)
    indicator.commitments.add(translated.commitments.get(number=1))

    page = korean(client, indicator.get_absolute_url())

    assert f"{TITLE_KO}: 1. {PROMISE_KO}" in page


def test_the_side_by_side_view_pairs_each_clause_with_its_translation(client, translated):
    url = reverse("commitments:declaration-side-by-side", args=[translated.slug])

    page = client.get(url, {"language": "ko"}).content.decode()

    promise = page.split('id="promise-1"')[1].split('class="pair"')[0]
    assert f'<p lang="en">{PROMISE_EN}</p>' in promise
    assert f'<p lang="ko">{PROMISE_KO}</p>' in promise
    assert "Original (English)" in page and TITLE_KO in page


def test_the_side_by_side_view_of_an_untranslated_declaration_says_so(client, declaration):
    url = reverse("commitments:declaration-side-by-side", args=[declaration.slug])

    assert "This declaration has no translation yet." in client.get(url).content.decode()


def test_an_admin_corrects_one_translated_clause_on_its_page(client, admin, translated):
    promise = translated.clauses.get(kind="promise")
    stored = ClauseTranslation.objects.get(clause=promise)
    url = reverse("commitments:translated-clause-edit", args=[translated.slug, "ko", promise.pk])
    client.force_login(admin)
    assert url in client.get(translated.get_absolute_url(), {"text": "ko"}).content.decode()

    saved = client.post(url, {"version": stored.version, "text": "도시는 매주 수질을 공개한다."})
    stale = client.post(url, {"version": stored.version, "text": "오래된 판에서 고친 문장"})

    stored.refresh_from_db()
    assert saved.status_code == 302
    assert stale.status_code == 409
    assert stored.text == "도시는 매주 수질을 공개한다."
    assert revisions_for(stored).count() == 2


def test_an_admin_deletes_a_translation_and_the_original_remains(client, admin, translated):
    client.force_login(admin)

    response = client.post(
        reverse("commitments:translation-delete", args=[translated.slug, "ko"]), {"confirm": "on"}
    )

    assert response.status_code == 302
    assert not DeclarationTranslation.objects.exists()
    assert translated.clauses.count() == 2


def test_a_translations_history_lists_each_reading_in(client, admin, translated):
    ingest_translation(
        translated, by=admin, text=RIVER_KO.replace("매달", "매주"), language="ko", kind="city"
    )
    stored = DeclarationTranslation.objects.get()
    url = reverse("core:record-history", args=["commitments.declarationtranslation", stored.pk])

    response = client.get(url)

    assert url in korean(client, translated.get_absolute_url())
    assert response.status_code == 200
    assert revisions_for(stored).count() == 2
