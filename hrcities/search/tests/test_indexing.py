"""The index follows the records: in the same transaction, on every change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction

from hrcities.commitments.models import Declaration
from hrcities.commitments.tests.factories import make_declaration
from hrcities.network.tests.factories import make_city, make_organisation
from hrcities.search.models import SearchDocument
from hrcities.search.services import search
from hrcities.taxonomy.models import Tagging

pytestmark = pytest.mark.django_db


def titles(q):
    return [h.title for h in search(AnonymousUser(), q, use_semantic=False).hits]


def test_a_renamed_city_is_found_by_its_new_name_inside_the_same_transaction(db):
    city = make_city(slug="mokpo", names={"en": "Mokpo", "ko": "목포"})
    assert titles("mokpo") == ["Mokpo"]
    with transaction.atomic():
        city.names = {"en": "Harbourtown", "ko": "항구도시"}
        city.save()
        assert titles("harbourtown") == ["Harbourtown"]
        assert titles("항구") == ["Harbourtown"]
        transaction.set_rollback(True)
    assert titles("harbourtown") == []


def test_a_deleted_record_leaves_the_index(db):
    organisation = make_organisation(names={"en": "Truth Commission Archive"})
    assert titles("truth commission") == ["Truth Commission Archive"]
    organisation.delete()
    assert titles("truth commission") == []


def test_every_registered_kind_of_the_network_and_declarations_is_indexed(gwangju):
    declaration = make_declaration(title="Gwangju Declaration on Human Rights Cities")
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert {"city", "declaration", "clause", "commitment"} <= kinds
    assert titles("gwangju declaration")[0] == declaration.title


def test_accepting_a_tag_updates_the_facets(db):
    declaration = make_declaration(title="Education declaration")
    tagging = Tagging.objects.create(
        content_type=ContentType.objects.get_for_model(Declaration),
        object_id=declaration.pk,
        label="sdg-target:4.7",
        kind="sdg-target",
        status="suggested",
    )
    facets = search(AnonymousUser(), "education", use_semantic=False).facets
    assert facets["sdg"] == []
    tagging.status = "accepted"
    tagging.save()
    facets = search(AnonymousUser(), "education", use_semantic=False).facets
    assert {v.value: v.count for v in facets["sdg"]} == {"4": 1}
    tagging.delete()
    assert search(AnonymousUser(), "education", use_semantic=False).facets["sdg"] == []


def test_reindex_rebuilds_the_index_and_shows_progress(db, capsys):
    make_city(slug="jeonju", names={"en": "Jeonju", "ko": "전주"})
    SearchDocument.objects.all().delete()
    assert titles("jeonju") == []
    call_command("reindex", "--kind", "city", "--no-vectors")
    captured = capsys.readouterr()
    assert titles("jeonju") == ["Jeonju"]
    assert "city" in captured.err and "1/1" in captured.err and "/s" in captured.err
    assert "Indexed 1 records" in captured.out


def test_reindex_tells_a_korean_shell_what_it_did_in_korean(db, capsys, monkeypatch):
    make_city(slug="jeonju", names={"en": "Jeonju", "ko": "전주"})
    for variable in ("HRCITIES_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    call_command("reindex", "--kind", "city", "--no-vectors")
    assert "기록 1건을" in capsys.readouterr().out


def test_reindex_refuses_an_unknown_kind(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown kind"):
        call_command("reindex", "--kind", "spaceship")


def test_records_saved_in_a_deferred_block_are_indexed_together_at_its_end(db):
    from hrcities.search.indexing import deferred_indexing

    with transaction.atomic(), deferred_indexing():
        make_city(slug="yeosu", names={"en": "Yeosu", "ko": "여수"})
        with deferred_indexing():  # a nested block leaves the work to the outer one
            make_organisation(names={"en": "Yeosu Memorial Foundation"})
        assert titles("yeosu") == []  # not yet: the block writes at its end

    assert sorted(titles("yeosu")) == ["Yeosu", "Yeosu Memorial Foundation"]
    assert titles("여수") == ["Yeosu"]
    assert SearchDocument.objects.filter(title="Yeosu").count() == 1


def test_a_deferred_block_that_fails_indexes_nothing(db):
    from hrcities.search.indexing import deferred_indexing

    with pytest.raises(RuntimeError), transaction.atomic(), deferred_indexing():
        make_city(slug="suncheon", names={"en": "Suncheon"})
        raise RuntimeError("the import stopped")

    assert titles("suncheon") == []
    assert not SearchDocument.objects.filter(title="Suncheon").exists()
