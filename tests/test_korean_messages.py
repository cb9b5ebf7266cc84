"""The Korean messages never leave a particle for the reader to choose ("이(가)", "(으)로"):
a sentence that puts a value before a particle is worded so no particle follows the value."""

from __future__ import annotations

import re
from pathlib import Path

PO = (
    Path(__file__).resolve().parents[1] / "hrcities" / "locale" / "ko" / "LC_MESSAGES" / "django.po"
)
GUESSES = re.compile(r"이\(가\)|은\(는\)|을\(를\)|와\(과\)|\(으\)로|\(이\)라|\(이\)")


def test_no_korean_message_guesses_a_particle():
    guessed = [
        line
        for line in PO.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#") and GUESSES.search(line)
    ]
    assert guessed == []
