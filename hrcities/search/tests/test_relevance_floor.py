"""Relevance cannot silently fall: a small judged subset of `make bench-relevance`.

Ten articles of the Universal Declaration in English and Korean (benchmarks/data/udhr),
each article one record with all its paragraphs, and twelve questions a reader would type:
in the articles' own language, across languages (the reader asks for records in the other
language), in inflected Korean and with near-synonyms the text does not use. The right
article must be among the first three results for at least FLOOR of them.
"""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from hrcities.search.services import Filters, search

from .factories import make_document

pytestmark = pytest.mark.django_db

UDHR = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "udhr"
NS = "{http://www.unhchr.ch/udhr}"
ARTICLES = (5, 9, 12, 13, 14, 16, 19, 20, 23, 26)
# (query, the language of the records asked for, the article that answers it)
QUESTIONS = [
    ("right to seek asylum from persecution", "en", 14),
    ("박해를 피해 비호를 받을 권리", "ko", 14),
    ("arbitrary arrest and detention", "ko", 9),
    ("의견과 표현의 자유", "en", 19),
    ("join a trade union", "ko", 23),
    ("freedom of movement and residence", "ko", 13),
    ("사생활과 통신의 보호", "en", 12),
    ("torture and cruel or degrading punishment", "ko", 5),
    ("교육받을 권리", "ko", 26),
    ("망명할 권리", "ko", 14),
    ("결혼할 권리", "ko", 16),
    ("unlawful imprisonment", "en", 9),
]
# Measured 12 of 12 when this test was written; one miss is allowed for the encoder's
# numerical noise across machines, two are a fall.
FLOOR = 11


def articles(language: str) -> dict[int, str]:
    code = {"en": "eng", "ko": "kor"}[language]
    root = ET.parse(UDHR / f"udhr_{code}.xml").getroot()
    texts = {}
    for article in root.findall(f"{NS}article"):
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in article.iter(f"{NS}para")]
        texts[int(article.get("number"))] = "\n".join(
            f"{n}. {text}" if len(paragraphs) > 1 else text
            for n, text in enumerate(paragraphs, start=1)
        )
    return texts


@pytest.fixture(autouse=True)
def with_sentence_vectors(keyword_search_only, settings):
    settings.SEARCH_SEMANTIC = True  # the suite indexes without them elsewhere


@pytest.fixture
def declaration(db):
    """Return {(language, article): record id} of the indexed articles."""
    records = {}
    for language in ("en", "ko"):
        texts = articles(language)
        for number in ARTICLES:
            title = f"Article {number}" if language == "en" else f"제{number}조"
            doc = make_document(title, texts[number], kind="clause", language=language)
            records[(language, number)] = doc.object_id
    return records


def test_the_right_article_is_among_the_first_three_for_judged_questions(declaration):
    misses = []
    for q, language, number in QUESTIONS:
        results = search(AnonymousUser(), q, filters=Filters(lang=[language]))
        first_three = [hit.id for hit in results.hits[:3]]
        if declaration[(language, number)] not in first_three:
            misses.append(f"{q!r} ({language}, article {number})")
    assert len(QUESTIONS) - len(misses) >= FLOOR, f"missed: {misses}"


def test_an_answer_found_only_by_meaning_says_so(declaration):
    results = search(AnonymousUser(), "의견과 표현의 자유", filters=Filters(lang=["en"]))

    assert results.is_semantic
    assert results.hits[0].id == declaration[("en", 19)]
    assert results.hits[0].is_by_meaning  # the English article holds none of these words


def test_keyword_only_search_finds_no_other_language_and_says_nothing_of_meaning(declaration):
    results = search(
        AnonymousUser(), "의견과 표현의 자유", filters=Filters(lang=["en"]), use_semantic=False
    )

    assert results.hits == []
    assert not results.is_semantic


def test_the_search_page_marks_a_result_found_by_meaning_in_either_language(declaration, client):
    url = reverse("search:search")
    english = client.get(url, {"q": "의견과 표현의 자유", "lang": "en"}, HTTP_ACCEPT_LANGUAGE="en")
    korean = client.get(url, {"q": "의견과 표현의 자유", "lang": "en"}, HTTP_ACCEPT_LANGUAGE="ko")

    assert "found by meaning" in english.content.decode()
    assert "의미로 찾음" in korean.content.decode()
    found_by_words = client.get(url, {"q": "의견과 표현의 자유", "lang": "ko"})
    assert "found by meaning" not in found_by_words.content.decode().split("</h3>")[1]


def test_the_api_says_which_results_were_found_by_meaning(declaration, client):
    answer = client.get("/api/search", {"q": "의견과 표현의 자유", "lang": "en"}).json()

    assert answer["semantic"] is True
    assert answer["results"][0]["id"] == declaration[("en", 19)]
    assert answer["results"][0]["by_meaning"] is True
