"""Every export of the platform, as bytes: what a restore must give back unchanged.

Run in the test's own process, or in another instance's process (`python -c RUN`, with
that instance's DATABASE_URL and HRCITIES_DATA_DIR), which prints the SHA-256 of each
export and of each media file as JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation
from lxml import etree

BASE = "https://hrcities.example.org"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _joined(chunks) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return "".join(chunks).encode()


def _oai_pages(client: Client, **arguments: str) -> list[bytes]:
    """Every page of an OAI-PMH answer, following resumption tokens, its date taken out."""
    pages = []
    query = dict(arguments)
    while True:
        body = client.get("/oai?" + urlencode(query)).content
        pages.append(re.sub(rb"<responseDate>[^<]*</responseDate>", b"", body))
        token = etree.fromstring(body).find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            return pages
        query = {"verb": arguments["verb"], "resumptionToken": token.text}


def all_exports() -> dict[str, bytes]:
    """Return every export, as the public and as a network admin sees it, by name."""
    from hrcities.accounts.models import User
    from hrcities.archive.exchange import export_csv_chunks
    from hrcities.archive.jsonld import dump_chunks as archive_jsonld
    from hrcities.education.exchange import export_programmes_chunks, export_sessions_chunks
    from hrcities.education.jsonld import dump_chunks as education_jsonld
    from hrcities.emergency.exchange import export_measures_chunks, export_reviews_chunks
    from hrcities.indicators.exchange import export_csv
    from hrcities.indicators.models import Indicator
    from hrcities.network.models import City

    readers = {"public": AnonymousUser()}
    admin = User.objects.filter(username="admin").first()
    if admin is not None:
        readers["admin"] = admin
    exports: dict[str, bytes] = {}
    for who, user in readers.items():
        exports[f"archive.jsonld ({who})"] = _joined(archive_jsonld(user, None, base=BASE))
        exports[f"archive.csv ({who})"] = _joined(export_csv_chunks(user, None, base=BASE))
        exports[f"education.jsonld ({who})"] = _joined(education_jsonld(user, None, base=BASE))
        exports[f"programmes.csv ({who})"] = _joined(export_programmes_chunks(user))
        exports[f"sessions.csv ({who})"] = _joined(export_sessions_chunks(user))
        exports[f"measures.csv ({who})"] = _joined(export_measures_chunks(user))
        exports[f"reviews.csv ({who})"] = _joined(export_reviews_chunks(user))
    for city in City.objects.filter(indicators__isnull=False).distinct().order_by("slug"):
        indicators = Indicator.objects.filter(city=city).order_by("code")
        exports[f"indicators {city.slug}.csv"] = _joined(
            [export_csv(indicators, with_indicator_column=True)]
        )
    client = Client()
    for verb in ("Identify", "ListSets", "ListMetadataFormats"):
        exports[f"oai {verb}"] = b"".join(_oai_pages(client, verb=verb))
    for verb in ("ListRecords", "ListIdentifiers"):
        pages = _oai_pages(client, verb=verb, metadataPrefix="oai_dc")
        exports[f"oai {verb}"] = b"\n".join(pages)
    return exports


def media_checksums() -> dict[str, str]:
    """Return the SHA-256 of every file under MEDIA_ROOT, by its path there."""
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def digests() -> dict[str, dict[str, str]]:
    return {
        "exports": {name: hashlib.sha256(data).hexdigest() for name, data in all_exports().items()},
        "media": media_checksums(),
    }


def main() -> None:
    print(json.dumps(digests()))


# How another process runs it, Django set up first: python -c RUN
RUN = "import django; django.setup(); from hrcities.site.tests.exports import main; main()"
