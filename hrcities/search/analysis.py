"""Text analysis shared by indexing and querying, the same for SQLite and PostgreSQL.

Korean is cut into morphemes with kiwipiepy and only the content morphemes are kept
(nouns, verb and adjective stems, roots, foreign words and numbers), so "기억을" and
"기억" meet, "인권도시" and "인권 도시" meet, and "일어섰던" finds "일어섰다".
Latin-script words are case- and accent-folded and stemmed with Snowball (English by
default, or the record's language where Snowball knows it). Other scripts are folded.
The analysed tokens are what the engines index; people always see the original text.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# A run of Hangul (with digits or Latin glued to it, as in "5·18민주화운동"), or a run of
# other word characters.
_H = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
RUNS = re.compile(rf"[0-9A-Za-z·]*[{_H}][{_H}0-9A-Za-z·]*|[^\W_]+", re.UNICODE)
# Content morphemes kept from Korean: general/proper/dependent nouns, verb and adjective
# stems, roots, foreign words, Chinese characters and numbers.
KEEP_TAGS = {
    "NNG",
    "NNP",
    "NR",
    "VV",
    "VA",
    "XR",
    "SL",
    "SH",
    "SN",
    "NP",
    "MAG",
    "VV-R",
    "VV-I",
    "VA-R",
    "VA-I",
}
SNOWBALL = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "ru": "russian",
    "ca": "catalan",
}
MAX_TOKEN = 60

_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():  # type: ignore[no-untyped-def]
    """Return the shared Korean analyser (loaded once, about a second)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                # Without the typo and multi-word dictionaries Kiwi takes 200 MB, not
                # 265 MB, and loads in half the time; search needs neither.
                _kiwi = Kiwi(
                    num_workers=-1,
                    model_type="cong",
                    load_typo_dict=False,
                    load_multi_dict=False,
                )
    return _kiwi


@lru_cache(maxsize=16)
def stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(SNOWBALL.get(language, "english"))


def fold(text: str) -> str:
    """Lower-case and strip accents (é → e), leaving Hangul syllables whole."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def _content_morphemes(morphemes) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    tokens = []
    for token in morphemes:
        if token.tag in KEEP_TAGS or token.tag.startswith(("NN", "VV", "VA")):
            form = token.form
            if token.tag == "SL":
                form = stemmer("en").stemWord(fold(form))
            tokens.append(form[:MAX_TOKEN])
    return tuple(tokens)


# Runs analysed ahead of time in batches (see prime_korean), looked up before kiwi is asked.
_primed: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=200_000)
def _korean(run: str) -> tuple[str, ...]:
    primed = _primed.get(run)
    if primed is not None:
        return primed
    return _content_morphemes(kiwi().tokenize(run))


def prime_korean(texts: list[str]) -> None:
    """Analyse the Hangul runs of many texts in one batch, on all of kiwi's threads.

    Indexing thousands of records calls this once per batch; `analyse` then finds
    every run ready instead of asking kiwi for each one in turn.
    """
    runs = {
        run.replace("·", " ") for text in texts for run in RUNS.findall(text) if HANGUL.search(run)
    }
    runs = [run for run in runs if run not in _primed]
    if not runs:
        return
    if len(_primed) > 200_000:
        _primed.clear()
    for run, morphemes in zip(runs, kiwi().tokenize(runs), strict=True):
        _primed[run] = _content_morphemes(morphemes)


@lru_cache(maxsize=200_000)
def _latin(word: str, language: str) -> str:
    folded = fold(word)
    if folded.isdigit() or not folded.isascii():
        return folded[:MAX_TOKEN]
    return stemmer(language).stemWord(folded)[:MAX_TOKEN]


def analyse(text: str, language: str = "") -> list[str]:
    """Return the index tokens of a text, in order."""
    if not text:
        return []
    language = (language or "en").split("-")[0].lower()
    tokens: list[str] = []
    for run in RUNS.findall(text):
        if HANGUL.search(run):
            tokens.extend(_korean(run.replace("·", " ")))
        else:
            tokens.append(_latin(run, language))
    return [t for t in tokens if t]


def analysed_text(text: str, language: str = "") -> str:
    """Return the tokens joined by spaces, as both engines index them."""
    return " ".join(analyse(text, language))
