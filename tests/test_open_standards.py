"""The demo data read by the standards' own tools: its JSON-LD expanded and compacted by
pyld with schema.org's context (a local copy, no network), and every date the platform
writes for other systems parsed by an EDTF library.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from edtf import parse_edtf
from lxml import etree

from hrcities.core.tests.jsonld import compact, expand, nodes_of_type, values

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The reference data and the demo, loaded once for the module and rolled back after."""
    from hrcities.education.loaders import load_wphre
    from hrcities.emergency.loaders import load_emergency_reference
    from hrcities.network.loaders import load_geo
    from hrcities.site.demo import load_demo
    from hrcities.taxonomy.loaders import load_taxonomy

    with django_db_blocker.unblock(), transaction.atomic():
        load_taxonomy()
        load_geo()
        load_wphre()
        load_emergency_reference()
        load_demo(with_users=False)
        yield
        transaction.set_rollback(True)


def read_jsonld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def round_trip(document):
    """Expand, compact with schema.org's context and expand again: nothing is lost."""
    expanded = expand(document)
    assert expand(compact(expanded)) == expanded
    return expanded


@pytest.mark.django_db
def test_the_archive_json_ld_is_schema_org_as_pyld_reads_it(demo_data, client):
    from hrcities.archive.models import Event, Item, Place

    dump = round_trip(read_jsonld(client, "/api/archive/dump.jsonld"))
    public_items = Item.objects.filter(access="public", publication="published")
    items = [
        round_trip(read_jsonld(client, f"/api/archive/items/{item.pk}/jsonld"))
        for item in public_items
    ]
    events = [
        round_trip(read_jsonld(client, f"/api/archive/events/{event.pk}/jsonld"))
        for event in Event.objects.filter(access="public", publication="published")
    ]
    places = [
        round_trip(read_jsonld(client, f"/api/archive/places/{place.pk}/jsonld"))
        for place in Place.objects.all()
    ]

    assert items and events and places
    # The uprising is an Event with its days and its place.
    may_18 = next(
        node
        for document in events
        for node in nodes_of_type(document, "Event")
        if "May 18 Democratic Uprising" in values(node, "name")
    )
    assert (values(may_18, "startDate"), values(may_18, "endDate")) == (
        ["1980-05-18"],
        ["1980-05-27"],
    )
    assert nodes_of_type(may_18, "Place")
    # Each item is a creative work of a schema.org type, named, with its page as url.
    for document, item in zip(items, public_items, strict=True):
        [node] = [n for n in document if n.get("@id", "").endswith(f"/archive/items/{item.pk}/")]
        assert node["@type"][0].startswith("http://schema.org/")
        assert values(node, "name") and values(node, "url") == [node["@id"]]
    # The dump holds every public item, event and place of the pages above.
    dumped = {node["@id"] for node in dump if "@id" in node}
    assert {n["@id"] for d in items for n in d if "@id" in n} <= dumped
    assert nodes_of_type(dump, "Event") and nodes_of_type(dump, "Place")


@pytest.mark.django_db
def test_the_education_json_ld_is_schema_org_as_pyld_reads_it(demo_data, client):
    from hrcities.education.models import Programme

    dump = round_trip(read_jsonld(client, "/api/education/dump.jsonld"))
    programmes = list(Programme.objects.filter(publication="published"))
    documents = [
        round_trip(read_jsonld(client, f"/api/education/programmes/{p.pk}/jsonld"))
        for p in programmes
    ]

    assert programmes
    courses = [course for document in documents for course in nodes_of_type(document, "Course")]
    assert len(courses) >= len(programmes)
    for course in courses:
        assert values(course, "name")
    runs = nodes_of_type(dump, "CourseInstance")
    assert runs, "the demo programmes have sessions"
    for run in runs:
        for day in values(run, "startDate") + values(run, "endDate"):
            parse_edtf(day)
    assert nodes_of_type(dump, "Course")


@pytest.mark.django_db
def test_every_date_the_platform_writes_for_other_systems_is_edtf(demo_data, client):
    from hrcities.archive.models import Collection, Event, Item, Person, Place
    from hrcities.core.dates import to_edtf

    written = [
        record.date_text
        for model in (Collection, Event, Item, Person, Place)
        for record in model.objects.exclude(date_text="")
    ]
    dump = expand(read_jsonld(client, "/api/archive/dump.jsonld"))
    coverage = []

    def walk(node):
        if isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key.removeprefix("http://schema.org/") in (
                    "temporalCoverage",
                    "startDate",
                    "endDate",
                    "dateCreated",
                ):
                    coverage.extend(v["@value"] for v in value)
                walk(value)

    walk(dump)
    harvest = etree.fromstring(client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc").content)
    dc_dates = [e.text for e in harvest.iterfind(".//dc:date", NS)]

    assert len(written) >= 6 and coverage and dc_dates
    for text in [*map(to_edtf, written), *coverage, *dc_dates]:
        parse_edtf(text)  # raises EDTFParseException on a date it cannot read
