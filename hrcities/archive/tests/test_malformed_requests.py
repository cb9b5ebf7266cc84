"""Malformed requests get a 4xx answer that says what is wrong (or the protocol's own error
for OAI-PMH), never a server error: walked as the public, a member and a network admin."""

import json

import pytest
from lxml import etree

from hrcities.archive.models import Item

from .factories import make_event, make_item

pytestmark = pytest.mark.django_db
OAI_ERROR = "{http://www.openarchives.org/OAI/2.0/}error"
HUGE = "9" * 30

# (address, the status expected, for OAI-PMH the error code of its answer)
ADDRESSES = [
    ("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=%01", 200, "idDoesNotExist"),
    ("/oai?verb=ListRecords&metadataPrefix=oai_dc&from=%01", 200, "badArgument"),
    ("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&until=%01", 200, "badArgument"),
    ("/oai?verb=ListRecords&resumptionToken=%00", 200, "badResumptionToken"),
    ("/oai?verb=ListRecords&metadataPrefix=oai_dc&set=city:%EF%BF%BF", 200, "badArgument"),
    ("/oai?verb=ListMetadataFormats&identifier=%EF%BF%BE", 200, "idDoesNotExist"),
    ("/api/records/archive.item/abc/revisions", 404, None),
    (f"/api/records/archive.item/{HUGE}/revisions", 404, None),
    ("/api/records/archive.item/abc/tags", 404, None),
    ("/records/archive.item/abc/history/", 404, None),
    (f"/records/archive.item/{HUGE}/history/", 404, None),
    ("/archive/timeline/?period=9999-12", 200, None),
    ("/archive/timeline/?period=9999", 200, None),
    ("/archive/timeline/?period=9990s&zoom=month", 200, None),
    ("/archive/timeline/?period=0000s", 200, None),
]


@pytest.fixture
def records(gwangju):
    make_item(gwangju, date_text="9999-12-31")
    make_event(gwangju, date_text="1980-05-18")


@pytest.fixture(params=["public", "member", "admin"])
def visitor(request, client, records, reader, admin):
    client.raise_request_exception = False
    if request.param == "member":
        client.force_login(reader)
    elif request.param == "admin":
        client.force_login(admin)
    return client


@pytest.mark.parametrize(("address", "status", "oai_error"), ADDRESSES)
def test_a_malformed_address_is_answered_without_a_server_error(
    visitor, address, status, oai_error
):
    response = visitor.get(address)

    assert response.status_code == status, response.content[:300]
    if oai_error:
        errors = etree.fromstring(response.content).findall(OAI_ERROR)
        assert [e.get("code") for e in errors] == [oai_error]


def test_a_lone_surrogate_in_a_json_body_is_refused_naming_the_field(
    client, gwangju, gwangju_editor, api_token
):
    client.raise_request_exception = False
    body = '{"kind": "document", "titles": {"en": "\\ud800"}, "city": "gwangju"}'

    response = client.post(
        "/api/archive/items",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["titles.en"]
    assert not Item.objects.exists()


def test_a_json_body_that_does_not_parse_is_answered_400(
    client, gwangju, gwangju_editor, api_token
):
    client.raise_request_exception = False

    response = client.post(
        "/api/archive/items",
        json.dumps({"kind": "document"})[:-1],
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token(gwangju_editor)}",
    )

    assert response.status_code == 400
    assert response.json()["status"] == 400
