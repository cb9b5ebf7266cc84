import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrcities.search.analysis import analyse, fold


def shares(query: str, text: str) -> bool:
    """Every query token occurs in the text's tokens (what a keyword search needs)."""
    return set(analyse(query)) <= set(analyse(text))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("기억", "오월의 기억을 나누는 도시"),
        ("인권도시", "광주는 인권 도시입니다"),
        ("인권 도시", "세계인권도시포럼"),
        ("일어서다", "시민들이 일어섰던 날"),
        ("증언", "그는 그날을 증언했다"),
        ("민주화운동", "5·18민주화운동 기록관"),
    ],
)
def test_korean_words_meet_their_inflected_and_compounded_forms(query, text):
    assert shares(query, text), (analyse(query), analyse(text))


def test_particles_and_endings_are_not_indexed():
    assert analyse("기억을") == analyse("기억")
    assert "을" not in analyse("기억을 나누다")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("memory", "Memories of the uprising"),
        ("testimony", "Survivors' testimonies"),
        ("city", "Human rights cities"),
        ("Bogota", "Bogotá declared"),
        ("RESUME", "résumé"),
    ],
)
def test_english_and_latin_words_are_stemmed_and_folded(query, text):
    assert shares(query, text)


def test_folding_keeps_hangul_syllables_whole():
    assert fold("광주 Gwangju É") == "광주 gwangju e"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_no_text_makes_the_analyser_fail(text):
    tokens = analyse(text)
    assert all(token and " " not in token for token in tokens)
