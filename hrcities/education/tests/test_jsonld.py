"""Programmes as schema.org JSON-LD: a Course based on the course it adapts, its sessions
as CourseInstances and its materials as LearningResources with their licences."""

from datetime import date

import pytest

from hrcities.access.tiers import Publication
from hrcities.education import services

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(gwangju, busan, gwangju_editor, busan_editor):
    source = make_programme(gwangju, slug="memory-walk", titles={"en": "Memory walk"})
    services.add_material(
        source,
        by=gwangju_editor,
        url="https://example.org/guide",
        licence="CC-BY-SA-4.0",
        titles={"en": "Guide"},
    )
    adaptation = services.adapt_programme(
        source, by=busan_editor, city=busan, titles={"en": "Harbour walk"}, duration_hours=3
    )
    services.publish_programme(adaptation, by=busan_editor)
    make_session(adaptation, starts_on=date(2024, 9, 1), ends_on=date(2024, 9, 2), place="Pier 1")
    return source, adaptation


def test_an_adaptation_is_a_course_based_on_its_source_with_sessions_and_materials(client, chain):
    source, adaptation = chain

    document = client.get(f"/api/education/programmes/{adaptation.pk}/jsonld").json()

    assert document["@type"] == "Course"
    assert document["name"] == [{"@value": "Harbour walk", "@language": "en"}]
    assert document["isBasedOn"]["@id"].endswith(f"/education/programmes/{source.slug}/")
    assert document["timeRequired"] == "PT3H"
    [run] = document["hasCourseInstance"]
    assert run["@type"] == "CourseInstance"
    assert (run["startDate"], run["endDate"], run["location"]["name"]) == (
        "2024-09-01",
        "2024-09-02",
        "Pier 1",
    )
    [guide] = document["hasPart"]
    assert guide["@type"] == "LearningResource"
    assert guide["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_a_source_taken_back_to_draft_is_not_named_and_a_draft_is_not_dumped(client, chain):
    source, adaptation = chain
    source.publication = Publication.DRAFT
    source.save(update_fields=["publication"])

    document = client.get(f"/api/education/programmes/{adaptation.pk}/jsonld").json()
    dump = b"".join(client.get("/api/education/dump.jsonld").streaming_content).decode()

    assert "isBasedOn" not in document
    assert "Memory walk" not in dump and "Harbour walk" in dump
    assert client.get(f"/api/education/programmes/{source.pk}/jsonld").status_code == 404


def test_a_licence_without_a_url_is_a_named_creative_work_as_pyld_reads_it(
    client, gwangju, gwangju_editor
):
    from hrcities.core.tests.jsonld import expand, nodes_of_type, values

    programme = make_programme(gwangju, slug="archive-walk", titles={"en": "Archive walk"})
    services.add_material(
        programme,
        by=gwangju_editor,
        url="https://example.org/slides",
        licence="all-rights-reserved",
        titles={"en": "Slides"},
    )

    document = client.get(f"/api/education/programmes/{programme.pk}/jsonld").json()
    expanded = expand(document)  # fails on a licence written as a bare word

    [slides] = nodes_of_type(expanded, "LearningResource")
    [licence] = slides["http://schema.org/license"]
    assert licence["@type"] == ["http://schema.org/CreativeWork"]
    assert values(licence, "name") == ["All rights reserved"]
    assert values(licence, "identifier") == ["all-rights-reserved"]
