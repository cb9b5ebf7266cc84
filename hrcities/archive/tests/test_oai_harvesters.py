"""Two standard OAI-PMH harvesters, Sickle and oaipmh-scythe, read /oai from a running
server: every public record across resumption tokens, the identifiers alone, one record;
and the dates they read are EDTF."""

from time import strftime

import pytest
import requests
from edtf import parse_edtf
from oaipmh_scythe import Scythe
from sickle import Sickle

from hrcities.archive import oai

from .factories import make_item

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(gwangju, monkeypatch):
    """Seven public items on pages of three (three pages, two resumption tokens), and
    two the public may not see."""
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    dates = ["1980-05-18", "circa 1980", "1980-05-18/1980-05-27", "198X", "1987?", "", "../1945"]
    public = [
        make_item(gwangju, titles={"en": f"Photograph {n}", "ko": f"사진 {n}"}, date_text=date)
        for n, date in enumerate(dates)
    ]
    make_item(gwangju, access="network", titles={"en": "Members only"})
    make_item(gwangju, publication="draft", titles={"en": "A draft"})
    return public


def identifier(item):
    return f"oai:localhost:item/{item.pk}"


def assert_every_public_item_once(archive, records, headers):
    expected = sorted(map(identifier, archive))
    assert sorted(r.header.identifier for r in records) == expected
    assert sorted(h.identifier for h in headers) == expected


def test_sickle_harvests_every_public_record_across_resumption_tokens(live_server, archive):
    sickle = Sickle(live_server.url + "/oai")

    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    one = sickle.GetRecord(identifier=identifier(archive[1]), metadataPrefix="oai_dc")

    assert_every_public_item_once(archive, records, headers)
    assert one.metadata["title"] == ["Photograph 1", "사진 1"]
    assert one.metadata["date"] == ["1980~"]
    dates = [d for r in records for d in r.metadata.get("date", [])]
    assert len(dates) == 6
    for date in dates:
        parse_edtf(date)


def test_oaipmh_scythe_harvests_every_public_record_across_resumption_tokens(live_server, archive):
    with Scythe(live_server.url + "/oai") as scythe:
        records = list(scythe.list_records(metadata_prefix="oai_dc"))
        headers = list(scythe.list_identifiers(metadata_prefix="oai_dc"))
        one = scythe.get_record(identifier=identifier(archive[2]), metadata_prefix="oai_dc")

    assert_every_public_item_once(archive, records, headers)
    assert one.metadata["title"] == ["Photograph 2", "사진 2"]
    assert one.metadata["date"] == ["1980-05-18/1980-05-27"]
    span = parse_edtf(one.metadata["date"][0])
    days = (strftime("%Y-%m-%d", span.lower_strict()), strftime("%Y-%m-%d", span.upper_strict()))
    assert days == ("1980-05-18", "1980-05-27")


def test_the_harvests_above_span_three_pages(live_server, archive):
    first = requests.get(
        live_server.url + "/oai", params={"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    )

    assert first.text.count("<record>") == 3
    assert 'completeListSize="7"' in first.text and 'cursor="0"' in first.text
