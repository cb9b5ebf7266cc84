"""The leak matrix's records: one public item carrying a redacted phrase and hidden
fields, and one item per tier that must not reach readers who may not see it."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from hrcities.accounts.tests.factories import make_user
from hrcities.archive.models import Item
from hrcities.archive.services import add_media, redact_phrase, withdraw_consent

from .factories import give_consent, make_item, make_person

REDACTED_WORDS = "Park Secret"
REAL_NAME = "Kim Realname"
EXACT_PLACE = "3rd floor, 12 Geumnam-ro"
PSEUDONYM = "Narrator Camellia"
RESTRICTED = "Restricted Sentinel"
NETWORK = "Network Sentinel"
EMBARGOED = "Embargo Sentinel"
WITHDRAWN = "Withdrawn Sentinel"
# What neither the public nor a signed-in member without a role may read.
HIDDEN_FROM_MEMBERS = [REDACTED_WORDS, REAL_NAME, EXACT_PLACE, RESTRICTED, EMBARGOED, WITHDRAWN]
HIDDEN_FROM_PUBLIC = [*HIDDEN_FROM_MEMBERS, NETWORK]


@dataclass
class Cases:
    public: Item
    restricted: Item
    network: Item
    embargoed: Item
    withdrawn: Item
    named: Any  # the one user the restricted item is shared with


def make_cases(city: Any, editor: Any) -> Cases:
    narrator = make_person(
        city, pseudonym=PSEUDONYM, real_name=REAL_NAME, real_name_may_be_shown=True
    )
    public = make_item(
        city,
        kind="testimony",
        titles={"en": "Testimony at the Provincial Office", "ko": "도청 앞 증언"},
        descriptions={"en": f"He saw {REDACTED_WORDS} near the fountain."},
        transcript=f"I saw {REDACTED_WORDS} there.",
        narrator=narrator,
        exact_location=EXACT_PLACE,
        restricted_fields=["narrator_name", "exact_location", "contact"],
        date_text="1980-05-21",
    )
    redact_phrase(public, by=editor, field="description", language="en", phrase=REDACTED_WORDS)
    redact_phrase(public, by=editor, field="transcript", phrase=REDACTED_WORDS)
    named = make_user("named")
    restricted = make_item(
        city, titles={"en": RESTRICTED}, access="restricted", allowed_users=[named]
    )
    network = make_item(city, titles={"en": NETWORK}, access="network")
    embargoed = make_item(
        city,
        titles={"en": EMBARGOED},
        access="embargoed",
        embargo_until=timezone.localdate() + timedelta(days=365),
    )
    withdrawn = make_item(
        city, kind="testimony", titles={"en": WITHDRAWN}, narrator=make_person(city)
    )
    withdraw_consent(give_consent(withdrawn, "archive", "publish"), by=editor)
    return Cases(public, restricted, network, embargoed, withdrawn, named)


def attach_image(item: Item, by: Any) -> None:
    """Store a small image with the item, so its thumbnail is a channel of the matrices."""
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    add_media(item, SimpleUploadedFile("photo.png", picture.getvalue()), by=by)


def leaked(text: str, secrets: list[str]) -> list[str]:
    """Return the secrets that appear in text (an empty list is the good answer)."""
    return [secret for secret in secrets if secret in text]


def pdf_text(data: bytes) -> str:
    """Return the words of a PDF (empty when the answer is not a PDF)."""
    if not data.startswith(b"%PDF"):
        return ""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, timeout=60)
    return result.stdout.decode("utf-8", "replace")
