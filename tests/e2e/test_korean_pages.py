"""Every main public page of the demo reads as Korean to a Korean reader: no particle left
for the reader to choose ("(으)로", "이(가)"); the report writes units, numbers and days the
Korean way; a declaration names its language."""

from __future__ import annotations

import re
import urllib.request
from html import unescape

import pytest

from .conftest import path_for
from .pages import MORE_PUBLIC_PAGES, PUBLIC_PAGES

PARTICLE_GUESSES = ("(으)로", "이(가)", "을(를)", "은(는)", "와(과)", "(이)라")


def korean_text(server: str, path: str) -> str:
    request = urllib.request.Request(
        server + path, headers={"Accept-Language": "ko", "Cookie": "hrcities_language=ko"}
    )
    with urllib.request.urlopen(request) as response:
        html = response.read().decode("utf-8")
    assert '<html lang="ko"' in html, path
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES + MORE_PUBLIC_PAGES)
def test_a_korean_page_leaves_no_particle_for_the_reader_to_guess(server, ids, name, args):
    path = path_for(name, args, ids)
    text = korean_text(server, path)
    guessed = [guess for guess in PARTICLE_GUESSES if guess in text]
    assert guessed == [], f"{path}: {guessed}"


def test_the_korean_report_writes_units_numbers_and_days_in_korean(server, ids):
    path = path_for("reports:report-detail", ["gwangju", 2023], ids)
    text = korean_text(server, path + "?lang=ko")
    assert "persons" not in text and "per 100,000" not in text and " days" not in text
    assert re.search(r"\d{1,3}(,\d{3})+명", text), "a count of persons with separators"
    assert "인구 10만 명당" in text
    assert re.search(r"20\d\d년 \d{1,2}월 \d{1,2}일", text)


def test_a_declaration_names_its_language(server, ids):
    path = path_for("commitments:declaration-detail", ["2020-whrcf-final-declaration"], ids)
    text = korean_text(server, path)
    assert re.search(r"언어\s+영어", text)
