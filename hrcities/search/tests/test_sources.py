"""A document follows every record it shows, not only its own: the sources its kind names."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from hrcities.archive.tests.factories import make_item, make_person
from hrcities.commitments.tests.factories import make_declaration
from hrcities.network.tests.factories import make_city, make_country
from hrcities.search import indexing
from hrcities.search.models import SearchDocument
from hrcities.search.services import Filters, search

pytestmark = pytest.mark.django_db


def titles(q, **options):
    return sorted(h.title for h in search(AnonymousUser(), q, use_semantic=False, **options).hits)


def test_renaming_a_declaration_renames_its_clauses_and_commitments_in_the_search(db):
    declaration = make_declaration(promises=1, preamble=1, title="Gwangju Declaration")
    declaration.title = "Quillwort Declaration"
    declaration.save()

    assert titles("quillwort") == [
        "1. Promise 1",
        "Quillwort Declaration",
        "Quillwort Declaration – Preamble clause 1",
        "Quillwort Declaration – Promise 1",
    ]
    assert titles('"gwangju declaration"') == []


def test_a_cities_country_name_follows_the_country(db):
    country = make_country("XQ", name_en="Quillwortland")
    make_city(slug="harbourtown", names={"en": "Harbourtown"}, country=country)
    country.name_en = "Marigoldia"
    country.save()

    assert titles("marigoldia") == ["Harbourtown"]
    assert titles("quillwortland") == []


def test_a_new_city_address_moves_its_records_in_the_city_facet(gwangju):
    make_item(gwangju, titles={"en": "Fountain testimony"})
    gwangju.slug = "gwangju-metropolitan"
    gwangju.save()

    assert titles("fountain", filters=Filters(city=["gwangju-metropolitan"])) == [
        "Fountain testimony"
    ]
    assert titles("fountain", filters=Filters(city=["gwangju"])) == []


def test_a_change_no_document_shows_rewrites_no_document(gwangju, monkeypatch):
    narrator = make_person(gwangju, real_name="Moonhee Quillwort", real_name_may_be_shown=True)
    make_item(gwangju, narrator=narrator, restricted_fields=[])
    written = []
    monkeypatch.setattr(indexing, "index_record", lambda kind, record: written.append(record))

    narrator.contact = "010-0000-0000"
    narrator.save()
    assert written == []

    narrator.real_name_may_be_shown = False
    narrator.save()
    assert len(written) == 1


def test_documents_of_changed_sources_in_a_deferred_block_are_written_at_its_end(gwangju):
    narrator = make_person(gwangju, real_name="Moonhee Quillwort", real_name_may_be_shown=True)
    item = make_item(gwangju, narrator=narrator, restricted_fields=[])
    with transaction.atomic(), indexing.deferred_indexing():
        narrator.real_name = "Moonhee Marigold"
        narrator.save()
        assert "quillwort" in SearchDocument.objects.get(kind="item", object_id=item.pk).tokens

    assert titles("marigold") == [item.title]
    assert titles("quillwort") == []
