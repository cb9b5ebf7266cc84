"""OAI-PMH 2.0 at /oai: the protocol, and that harvesters get only what the public sees."""

from urllib.parse import urlencode

import pytest
from django.core import signing
from lxml import etree

from hrcities.archive.models import Collection, Item

from .cases import HIDDEN_FROM_PUBLIC, PSEUDONYM, leaked, make_cases
from .factories import make_item

pytestmark = pytest.mark.django_db
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def oai(client, **arguments):
    response = client.get("/oai?" + urlencode(arguments))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return etree.fromstring(response.content)


def error_code(tree):
    errors = tree.findall("oai:error", NS)
    return errors[0].get("code") if errors else None


def identifier(item):
    return f"oai:testserver:item/{item.pk}"


def harvest(client, verb="ListIdentifiers", **arguments):
    """Follow resumption tokens to the end; return every identifier and the pages' tokens."""
    tree = oai(client, verb=verb, metadataPrefix="oai_dc", **arguments)
    found, tokens = [], []
    while True:
        assert error_code(tree) is None, etree.tostring(tree)
        found += [e.text for e in tree.iterfind(".//oai:header/oai:identifier", NS)]
        token = tree.find(f"oai:{verb}/oai:resumptionToken", NS)
        if token is None or not token.text:
            if token is not None:
                tokens.append(token)
            return found, tokens
        tokens.append(token)
        tree = oai(client, verb=verb, resumptionToken=token.text)


@pytest.fixture
def cases(gwangju, gwangju_editor):
    return make_cases(gwangju, gwangju_editor)


def test_identify_describes_the_repository(client, gwangju):
    make_item(gwangju)

    tree = oai(client, verb="Identify")

    identify = tree.find("oai:Identify", NS)
    fields = {child.tag.split("}")[1]: child.text for child in identify}
    assert fields["repositoryName"] == "hrcities memory archive"
    assert fields["baseURL"] == "http://testserver/oai"
    assert fields["protocolVersion"] == "2.0"
    assert fields["deletedRecord"] == "no"
    assert fields["granularity"] == "YYYY-MM-DDThh:mm:ssZ"
    assert "@" in fields["adminEmail"]
    assert fields["earliestDatestamp"].endswith("Z")
    schema = tree.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert "OAI-PMH.xsd" in schema


def test_post_requests_are_answered_like_get(client, gwangju):
    response = client.post("/oai", {"verb": "Identify"})

    assert response.status_code == 200
    assert b"<repositoryName>hrcities memory archive</repositoryName>" in response.content


def test_protocol_errors_are_oai_error_responses(client, gwangju):
    item = make_item(gwangju)

    assert error_code(oai(client, verb="Dance")) == "badVerb"
    assert error_code(oai(client)) == "badVerb"
    assert error_code(oai(client, verb="ListRecords")) == "badArgument"
    assert error_code(oai(client, verb="Identify", set="city:gwangju")) == "badArgument"
    assert error_code(oai(client, verb="ListRecords", metadataPrefix="marc21")) == (
        "cannotDisseminateFormat"
    )
    assert (
        error_code(
            oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "yesterday"})
        )
        == "badArgument"
    )
    assert (
        error_code(
            oai(
                client, verb="GetRecord", metadataPrefix="oai_dc", identifier="oai:elsewhere:item/1"
            )
        )
        == "idDoesNotExist"
    )
    assert (
        error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="city:nowhere"))
        == "noRecordsMatch"
    )
    bad = oai(client, verb="Dance")
    assert bad.find("oai:request", NS).attrib == {}
    assert (
        error_code(
            oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))
        )
        is None
    )


def test_paging_with_resumption_tokens_returns_every_public_item_exactly_once(client, gwangju):
    public = [make_item(gwangju) for _ in range(250)]
    make_item(gwangju, access="network")
    make_item(gwangju, publication="draft")

    found, tokens = harvest(client)

    assert sorted(found) == sorted(identifier(i) for i in public)
    assert len(found) == len(set(found)) == 250
    assert [t.get("cursor") for t in tokens] == ["0", "100", "200"]
    assert {t.get("completeListSize") for t in tokens} == {"250"}
    assert tokens[-1].text is None  # the last page says the list is complete


def test_a_tampered_resumption_token_is_refused(client, gwangju):
    for _ in range(101):
        make_item(gwangju)
    tree = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = tree.find("oai:ListRecords/oai:resumptionToken", NS).text
    forged = signing.dumps({"v": "ListRecords", "f": {"metadataPrefix": "oai_dc"}, "a": 0, "c": 0})

    for bad in (token[:-2] + "xx", forged, "not-a-token"):
        assert error_code(oai(client, verb="ListRecords", resumptionToken=bad)) == (
            "badResumptionToken"
        )
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token)) == (
        "badResumptionToken"
    )
    assert (
        error_code(oai(client, verb="ListRecords", resumptionToken=token, metadataPrefix="oai_dc"))
        == "badArgument"
    )


def test_sets_are_cities_and_collections_with_public_items(client, gwangju, busan):
    collection = Collection(
        city=gwangju, slug="may-18-photos", titles={"en": "May 18 photos"}, publication="published"
    )
    collection.full_clean()
    collection.save()
    in_collection = make_item(gwangju, collection=collection)
    make_item(gwangju)
    make_item(busan, access="network")

    specs = [e.text for e in oai(client, verb="ListSets").iterfind(".//oai:setSpec", NS)]
    in_set, _ = harvest(client, set="collection:may-18-photos")
    in_city, _ = harvest(client, set="city:gwangju")

    assert specs == ["city:gwangju", "collection:may-18-photos"]
    assert in_set == [identifier(in_collection)]
    assert len(in_city) == 2


def test_from_and_until_select_by_the_datestamp(client, gwangju):
    from datetime import UTC, datetime

    old = make_item(gwangju)
    new = make_item(gwangju)
    Item.objects.filter(pk=old.pk).update(updated_at=datetime(2020, 5, 18, 12, tzinfo=UTC))
    Item.objects.filter(pk=new.pk).update(updated_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))

    assert harvest(client, until="2020-05-18")[0] == [identifier(old)]
    assert harvest(client, **{"from": "2024-01-02T03:04:05Z"})[0] == [identifier(new)]
    assert (
        error_code(
            oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2025-01-01"})
        )
        == "noRecordsMatch"
    )


def test_harvesters_get_only_what_the_public_may_see(client, cases):
    tree = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    text = etree.tostring(tree, encoding="unicode")

    assert leaked(text, HIDDEN_FROM_PUBLIC) == []
    assert [e.text for e in tree.iterfind(".//oai:header/oai:identifier", NS)] == [
        identifier(cases.public)
    ]
    assert PSEUDONYM in text and "[…]" in text
    for hidden in (cases.restricted, cases.network, cases.embargoed, cases.withdrawn):
        answer = oai(
            client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(hidden)
        )
        assert error_code(answer) == "idDoesNotExist"
        assert leaked(etree.tostring(answer, encoding="unicode"), HIDDEN_FROM_PUBLIC) == []


def test_a_signed_in_keeper_harvests_no_more_than_the_public(client, cases, gwangju_editor):
    client.force_login(gwangju_editor)

    text = oai(client, verb="ListRecords", metadataPrefix="oai_dc")

    assert leaked(etree.tostring(text, encoding="unicode"), HIDDEN_FROM_PUBLIC) == []


def test_a_record_is_dublin_core_with_titles_per_language(client, cases):
    tree = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(cases.public)
    )

    dc = tree.find(".//oai_dc:dc", NS)
    titles = {e.get(XML_LANG): e.text for e in dc.iterfind("dc:title", NS)}
    assert titles == {"en": "Testimony at the Provincial Office", "ko": "도청 앞 증언"}
    assert dc.find("dc:date", NS).text == "1980-05-21"
    assert [e.text for e in dc.iterfind("dc:type", NS)] == ["Text", "testimony"]
    assert (
        dc.find("dc:identifier", NS).text == f"http://testserver/archive/items/{cases.public.pk}/"
    )
    assert dc.find("dc:publisher", NS).text == "Gwangju"
    assert dc.find("dc:description", NS).text == "He saw […] near the fountain."
    setspecs = [e.text for e in tree.iterfind(".//oai:header/oai:setSpec", NS)]
    assert setspecs == ["city:gwangju"]


def test_a_withdrawn_item_leaves_the_harvest_at_once(client, gwangju, gwangju_editor):
    from hrcities.archive.services import withdraw_consent

    from .factories import give_consent, make_person

    item = make_item(gwangju, kind="testimony", narrator=make_person(gwangju))
    consent = give_consent(item, "archive", "publish")
    assert harvest(client)[0] == [identifier(item)]

    withdraw_consent(consent, by=gwangju_editor)

    assert error_code(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")) == (
        "noRecordsMatch"
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("verb=GetRecord&metadataPrefix=oai_dc&identifier=%01", "idDoesNotExist"),
        ("verb=ListRecords&metadataPrefix=oai_dc&from=%01", "badArgument"),
        ("verb=ListRecords&resumptionToken=%00", "badResumptionToken"),
        ("verb=ListRecords&metadataPrefix=oai_dc&set=city:%EF%BF%BF", "badArgument"),
        ("verb=ListIdentifiers&metadataPrefix=oai_dc%0B", "badArgument"),
        ("verb=Identify&%01=x", "badArgument"),
    ],
)
def test_arguments_xml_cannot_carry_get_the_protocols_error_not_a_server_error(
    client, gwangju, query, code
):
    make_item(gwangju)

    response = client.get(f"/oai?{query}")

    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    assert error_code(tree) == code
    assert tree.find("oai:request", NS).attrib == {}


def test_a_public_title_holding_u_ffff_is_harvested_without_the_character(client, gwangju):
    # Kept before input refused such characters: the record stays harvestable.
    item = make_item(gwangju)
    Item.objects.filter(pk=item.pk).update(
        titles={"en": "Memory\uffff of May", "ko\x01": "기억"},
        descriptions={"en": "Bell\x07 rang"},
        original_language="e\ufffen",
    )

    records = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    record = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(item))

    for tree in (records, record):
        assert error_code(tree) is None
        dc = tree.find(".//oai_dc:dc", NS)
        titles = {e.get(XML_LANG): e.text for e in dc.iterfind("dc:title", NS)}
        assert titles == {"en": "Memory of May", "ko": "기억"}
        assert dc.find("dc:description", NS).text == "Bell rang"
        assert dc.find("dc:language", NS).text == "en"
