"""The open data page: every export and feed, each with a curl line that works as written."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from hrcities.archive.tests.factories import make_event, make_item
from hrcities.commitments.tests.factories import make_declaration
from hrcities.education.tests.factories import make_programme
from hrcities.reports.tests.factories import make_report_city

pytestmark = pytest.mark.django_db
PAGE = reverse("core:api-home")
CURL = re.compile(
    r"<pre><code>curl -sS(?: -o \S+)? &quot;http://testserver(/[^&]*(?:&amp;[^&]*)*)&quot;</code></pre>"
)


@pytest.fixture
def platform(gwangju):
    """A little of everything, with a hidden record ahead of each public one."""
    make_report_city(gwangju)
    make_item(gwangju, access="restricted", titles={"en": "Closed testimony"})
    item = make_item(gwangju, titles={"en": "Open letter"})
    make_event(gwangju, access="network")
    event = make_event(gwangju)
    programme = make_programme(gwangju)
    make_declaration(promises=1, slug="forum-2020")
    return {"item": item, "event": event, "programme": programme}


def exports_on(page: str) -> list[str]:
    return [html.unescape(path) for path in CURL.findall(page)]


def test_every_curl_line_on_the_page_fetches_its_export(client, platform):
    page = client.get(PAGE).content.decode()
    blocks = re.findall(
        r'<h3><a href="([^"]+)">[^<]+</a> <span class="muted">\(([^)]+)\)</span></h3>', page
    )
    paths = exports_on(page)
    assert [html.unescape(path) for path, _type in blocks] == paths, "each link is its curl line"
    assert len(paths) >= 20
    for path, media_type in blocks:
        response = client.get(html.unescape(path))
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(media_type), (path, response["Content-Type"])


def test_the_page_names_each_kind_of_export(client, platform):
    page = client.get(PAGE).content.decode()
    for heading in (
        "The API and its OpenAPI document",
        "CSV exports",
        "Indicators for Open SDG",
        "JSON-LD (schema.org)",
        "OAI-PMH 2.0 harvesting",
        "Feeds",
    ):
        assert f">{heading}</h2>" in page
    paths = exports_on(page)
    for expected in (
        "/api/openapi.json",
        "/api/archive/items.csv",
        "/education/programmes.csv",
        "/emergency/csv/measures.csv",
        "/indicators/gwangju/export.csv",
        "/indicators/gwangju/P-1/data.csv",
        "/indicators/gwangju/P-1/meta.yml",
        "/indicators/gwangju/opensdg.zip",
        "/api/archive/dump.jsonld",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "/reports/gwangju/2023/report.pdf?lang=en",
    ):
        assert expected in paths
    assert "no RSS or Atom feed" in page


def test_examples_name_only_records_the_public_may_read(client, platform):
    paths = exports_on(client.get(PAGE).content.decode())
    assert f"/api/archive/items/{platform['item'].pk}/jsonld" in paths
    assert f"/api/archive/events/{platform['event'].pk}/jsonld" in paths
    assert f"/api/education/programmes/{platform['programme'].pk}/jsonld" in paths


def test_an_empty_platform_lists_its_exports_without_record_examples(client):
    page = client.get(PAGE).content.decode()
    paths = exports_on(page)
    assert "/api/archive/dump.jsonld" in paths
    assert not [path for path in paths if "/jsonld" in path and "dump" not in path]
    assert "Nothing to export here yet." in page, "no city has indicator values to show"


def test_the_page_reads_in_korean_with_the_same_commands(client, platform):
    english = exports_on(client.get(PAGE).content.decode())
    korean = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in korean
    assert ">CSV 내보내기</h2>" in korean and ">OAI-PMH 2.0 수집</h2>" in korean
    assert exports_on(korean) == english
