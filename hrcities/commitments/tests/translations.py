"""Declarations and their translations for the translation tests: a made-up two-clause
declaration in English with a Korean text written for these tests, and the Universal
Declaration of Human Rights in English and Korean (benchmarks/data/udhr, © OHCHR)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from hrcities.commitments.models import Declaration
from hrcities.commitments.parser import parse_declaration
from hrcities.commitments.services import ingest_declaration

FIXTURES = Path(__file__).parent / "fixtures"
UDHR = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "udhr"
UDHR_NS = "{http://www.unhchr.ch/udhr}"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


RIVER_EN = fixture_text("river-declaration-en.txt")
RIVER_KO = fixture_text("river-declaration-ko.txt")


def ingest_text(text: str, *, slug: str, language: str, **values: Any) -> Declaration:
    """Store a declaration read from its text, as the upload page does."""
    parsed = parse_declaration(text)
    return ingest_declaration(
        by=None,
        slug=slug,
        title=parsed.title,
        preamble=parsed.preamble,
        promises=parsed.promises,
        source_text=text,
        intro=parsed.intro,
        promises_intro=parsed.promises_intro,
        language=language,
        **values,
    )


def river_declaration() -> Declaration:
    return ingest_text(RIVER_EN, slug="riverside-declaration", language="en")


def _udhr(language: str) -> ET.Element:
    code = {"en": "eng", "ko": "kor"}[language]
    return ET.parse(UDHR / f"udhr_{code}.xml").getroot()


def udhr_articles(language: str) -> dict[int, list[str]]:
    """Return the paragraphs of each article of one edition, by article number."""
    articles = {}
    for article in _udhr(language).findall(f"{UDHR_NS}article"):
        items = article.findall(f"{UDHR_NS}orderedlist/{UDHR_NS}listitem") or article.iter(
            f"{UDHR_NS}para"
        )
        articles[int(article.get("number"))] = [
            " ".join("".join(item.itertext()).split()) for item in items
        ]
    return articles


def udhr_text(language: str) -> str:
    """Return one edition of the Universal Declaration as plain text, numbered as printed:
    the preamble's paragraphs, then "Article 1" (or "제1조") and its numbered paragraphs."""
    root = _udhr(language)
    title = " ".join(root.findtext(f"{UDHR_NS}title", "").split())
    if language == "ko":
        title = title.replace(" ", "")  # printed letter-spaced: 세 계 인 권 선 언
    lines = [title, ""]
    for para in root.find(f"{UDHR_NS}preamble").iter(f"{UDHR_NS}para"):
        lines += [" ".join((para.text or "").split()), ""]
    for number, paragraphs in udhr_articles(language).items():
        lines.append(f"Article {number}" if language == "en" else f"제{number}조")
        if len(paragraphs) > 1:
            lines += [f"{n}. {text}" for n, text in enumerate(paragraphs, start=1)]
        else:
            lines += paragraphs
        lines.append("")
    return "\n".join(lines)
