"""Words are found in any form, in Korean and English, through the engine in use."""

import pytest

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    make_document("오월 항쟁의 기억", "시민들이 기억을 나누고 일어섰던 날의 증언", language="ko")
    make_document("광주 인권도시 선언", "광주는 인권 도시로서 약속한다", language="ko")
    make_document("세계인권도시포럼", "포럼은 매년 열린다", language="ko")
    make_document(
        "Memories of the uprising", "Survivors' testimonies about the city", language="en"
    )
    make_document("Housing rights", "Affordable housing for all residents", language="en")
    make_document("Shelter programme", "Emergency shelter in winter", language="en")
    make_document("Human rights city", "A human rights city takes rights seriously", language="en")
    make_document("City of rights", "Human beings and the rights of the city", language="en")


def test_a_korean_noun_finds_its_form_with_a_particle(corpus, find):
    assert "오월 항쟁의 기억" in find("기억")


def test_a_compound_finds_its_spaced_form_and_the_reverse(corpus, find):
    assert set(find("인권도시")) >= {"광주 인권도시 선언", "세계인권도시포럼"}
    assert set(find("인권 도시")) >= {"광주 인권도시 선언", "세계인권도시포럼"}


def test_a_verb_stem_finds_an_inflected_form(corpus, find):
    assert find("일어서다") == ["오월 항쟁의 기억"]


def test_english_words_are_found_by_their_stem(corpus, find):
    assert find("memory") == ["Memories of the uprising"]
    assert find("testimony") == ["Memories of the uprising"]


def test_a_phrase_needs_its_words_side_by_side(corpus, find):
    assert set(find("human rights city")) == {"Human rights city", "City of rights"}
    assert find('"human rights city"') == ["Human rights city"]


def test_or_finds_either_word(corpus, find):
    assert set(find("housing OR shelter")) == {"Housing rights", "Shelter programme"}


def test_a_minus_leaves_a_word_out(corpus, find):
    assert set(find("rights")) == {"Housing rights", "Human rights city", "City of rights"}
    assert set(find("rights -housing")) == {"Human rights city", "City of rights"}
    assert set(find('rights -"human rights city"')) == {"Housing rights", "City of rights"}


def test_a_title_match_ranks_above_a_mention_in_the_text(corpus, find):
    assert find("city")[0] in {"Human rights city", "City of rights"}


def test_results_show_the_title_in_the_readers_language_when_the_record_has_it(client):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from hrcities.search.services import search

    from .factories import make_document

    make_document(
        "May 18 Archives",
        "Records of the uprising",
        titles={"en": "May 18 Archives", "ko": "5·18기록관"},
    )
    make_document("Shelter report", "Records of housing")
    with translation.override("ko"):
        korean = [hit.title for hit in search(AnonymousUser(), "records", use_semantic=False).hits]
    english = [hit.title for hit in search(AnonymousUser(), "records", use_semantic=False).hits]
    assert sorted(korean) == ["5·18기록관", "Shelter report"]
    assert sorted(english) == ["May 18 Archives", "Shelter report"]
    page = client.get("/search/", {"q": "records"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "5·18기록관" in page
