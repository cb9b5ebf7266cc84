from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrcities.access.tiers import Publication
from hrcities.core.services import EditConflict
from hrcities.education import services
from hrcities.education.models import AdaptationKind, Licence, Material, Programme, Session
from hrcities.indicators.models import Dimension

from .factories import make_method, make_programme, make_session

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def published(gwangju):
    return make_programme(gwangju, titles={"en": "Memory walk", "ko": "기억 걷기"})


def test_a_gwangju_editor_creates_a_draft_with_its_methods(gwangju, gwangju_editor):
    method = make_method()
    programme = services.create_programme(
        by=gwangju_editor,
        city=gwangju,
        titles={"en": "Rights at work"},
        methods=[method],
        languages=["ko"],
    )
    assert programme.publication == Publication.DRAFT
    assert programme.slug == "rights-at-work"
    assert list(programme.methods.all()) == [method]


def test_a_draft_goes_through_submission_to_publication(gwangju, contributor, gwangju_editor):
    programme = services.create_programme(by=contributor, city=gwangju, titles={"ko": "인권 교실"})
    services.submit_programme(programme, by=contributor)
    with pytest.raises(PermissionDenied):
        services.publish_programme(programme, by=contributor)
    services.publish_programme(programme, by=gwangju_editor)
    programme.refresh_from_db()
    assert programme.publication == Publication.PUBLISHED
    assert Programme.objects.visible_to(AnonymousUser()).filter(pk=programme.pk).exists()


def test_another_citys_editor_may_not_add_or_edit(gwangju, seoul_editor, published):
    with pytest.raises(PermissionDenied):
        services.create_programme(by=seoul_editor, city=gwangju, titles={"en": "X"})
    with pytest.raises(PermissionDenied):
        services.update_programme(
            published, {"titles": {"en": "Taken"}}, by=seoul_editor, based_on_version=1
        )
    published.refresh_from_db()
    assert published.titles["en"] == "Memory walk"


def test_a_contributor_may_not_decide_who_sees_a_programme(gwangju, contributor):
    with pytest.raises(PermissionDenied, match="access"):
        services.create_programme(
            by=contributor, city=gwangju, titles={"en": "X"}, access="network"
        )
    assert not Programme.objects.exists()


def test_a_bad_field_is_named_and_nothing_is_written(gwangju, gwangju_editor):
    with pytest.raises(ValidationError) as error:
        services.create_programme(
            by=gwangju_editor, city=gwangju, titles={"en": "X"}, languages=["not a language!"]
        )
    assert "languages" in error.value.message_dict
    assert not Programme.objects.exists()


def test_an_edit_from_an_old_version_is_refused(gwangju_editor, published):
    services.update_programme(
        published, {"contact": "edu@gwangju.example"}, by=gwangju_editor, based_on_version=1
    )
    with pytest.raises(EditConflict):
        services.update_programme(
            published, {"contact": "other"}, by=gwangju_editor, based_on_version=1
        )


def test_an_edit_does_not_publish_or_move_a_programme(gwangju_editor, seoul, gwangju):
    draft = make_programme(gwangju, publication=Publication.DRAFT)
    with pytest.raises(PermissionDenied):
        services.update_programme(
            draft, {"publication": "published"}, by=gwangju_editor, based_on_version=1
        )
    with pytest.raises(PermissionDenied):
        services.update_programme(draft, {"city": seoul}, by=gwangju_editor, based_on_version=1)


def test_a_seoul_editor_adapts_a_gwangju_programme_for_seoul(seoul, seoul_editor, published):
    shared, gwangju_own = make_method("lecture"), make_method("walk", city=published.city)
    published.methods.set([shared, gwangju_own])
    Material.objects.create(
        programme=published,
        titles={"en": "Guide"},
        url="https://example.org/guide",
        licence=Licence.CC_BY,
    )
    Material.objects.create(
        programme=published,
        titles={"en": "Closed"},
        url="https://example.org/closed",
        licence=Licence.ALL_RIGHTS,
    )
    adaptation = services.adapt_programme(
        published,
        by=seoul_editor,
        city=seoul,
        languages=["ko", "en"],
        titles={"ko": "서울 기억 걷기"},
    )
    assert adaptation.city == seoul
    assert adaptation.adapted_from == published
    assert adaptation.publication == Publication.DRAFT
    assert AdaptationKind.LANGUAGE in adaptation.adaptation_kinds
    # Gwangju's own method is not Seoul's to use; the open material is listed again.
    assert list(adaptation.methods.all()) == [shared]
    assert [m.url for m in adaptation.materials.all()] == ["https://example.org/guide"]
    assert list(published.adaptations.all()) == [adaptation]


def test_a_programme_the_editor_cannot_see_is_not_adapted(gwangju, seoul, seoul_editor):
    draft = make_programme(gwangju, publication=Publication.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.adapt_programme(draft, by=seoul_editor, city=seoul)
    assert "adapted_from" in error.value.message_dict
    assert Programme.objects.filter(city=seoul).count() == 0


def test_another_citys_hidden_programme_id_gets_a_clear_error(gwangju, seoul, seoul_editor):
    hidden = make_programme(gwangju, publication=Publication.DRAFT)
    own = make_programme(seoul)
    with pytest.raises(ValidationError) as error:
        services.update_programme(
            own, {"adapted_from": hidden}, by=seoul_editor, based_on_version=1
        )
    assert str(hidden.pk) in error.value.message_dict["adapted_from"][0]


def test_a_lineage_cannot_loop(gwangju, gwangju_editor):
    first = make_programme(gwangju)
    second = make_programme(gwangju, adapted_from=first)
    with pytest.raises(ValidationError, match="loop"):
        services.update_programme(
            first, {"adapted_from": second}, by=gwangju_editor, based_on_version=1
        )


def test_a_session_is_recorded_with_its_counts(gwangju_editor, published):
    session = services.add_session(
        published,
        by=gwangju_editor,
        starts_on=date(2024, 5, 18),
        participants=30,
        counts={"sex": {"Female": 18, "Male": 12}, "age": {"15-24": 30}},
        evaluation_method="survey",
    )
    assert {(c.dimension.slug, c.value, c.count) for c in session.counts.all()} == {
        ("sex", "Female", 18),
        ("sex", "Male", 12),
        ("age", "15-24", 30),
    }


def test_counts_beyond_the_participants_write_nothing(gwangju_editor, published):
    with pytest.raises(ValidationError) as error:
        services.add_session(
            published,
            by=gwangju_editor,
            starts_on=date(2024, 5, 18),
            participants=10,
            counts={"sex": {"Female": 8, "Male": 5}},
        )
    assert "count_sex" in error.value.message_dict
    assert not Session.objects.exists()


def test_an_unknown_value_and_a_date_out_of_range_are_named(gwangju_editor, published):
    with pytest.raises(ValidationError) as error:
        services.add_session(
            published,
            by=gwangju_editor,
            starts_on=date(1800, 1, 1),
            participants=10,
            counts={"sex": {"Other": 1}},
        )
    assert set(error.value.message_dict) == {"starts_on", "count_sex"}


def test_session_update_replaces_counts_in_one_change(gwangju_editor, published):
    session = make_session(published)
    services.update_session(
        session,
        {"participants": 5},
        by=gwangju_editor,
        based_on_version=1,
        counts={"disability": {"With disability": 2}},
    )
    with pytest.raises(ValidationError):
        services.update_session(
            session,
            {"participants": 1},
            by=gwangju_editor,
            based_on_version=2,
            counts={"disability": {"With disability": 2}},
        )
    session.refresh_from_db()
    assert session.participants == 5
    assert session.counts.get().count == 2


def test_another_city_may_not_record_sessions(seoul_editor, published):
    with pytest.raises(PermissionDenied):
        services.add_session(published, by=seoul_editor, starts_on=date(2024, 1, 1), participants=3)


def test_a_pdf_material_is_kept_with_its_licence(gwangju_editor, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    material = services.add_material(
        published,
        by=gwangju_editor,
        titles={"en": "Handbook"},
        upload=SimpleUploadedFile("handbook.pdf", PDF),
        licence=Licence.CC_BY_SA,
    )
    assert material.content_type == "application/pdf"
    assert material.file.read() == PDF


def test_a_file_that_is_not_what_its_name_says_is_refused(
    gwangju_editor, published, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.add_material(
            published,
            by=gwangju_editor,
            upload=SimpleUploadedFile("slides.pdf", b"<html><script>x</script>"),
            licence=Licence.CC_BY,
        )
    assert "file" in error.value.message_dict
    assert not Material.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_material_needs_a_licence_note_for_other(gwangju_editor, published):
    with pytest.raises(ValidationError) as error:
        services.add_material(
            published, by=gwangju_editor, url="https://example.org/a", licence=Licence.OTHER
        )
    assert "licence_note" in error.value.message_dict


def test_a_published_programme_is_archived_not_deleted(gwangju_editor, published):
    with pytest.raises(ValidationError, match="archive"):
        services.delete_programme(published, by=gwangju_editor)
    services.archive_programme(published, by=gwangju_editor)
    published.refresh_from_db()
    assert published.status == "archived"


def test_a_draft_is_deleted_with_its_sessions(gwangju, gwangju_editor):
    draft = make_programme(gwangju, publication=Publication.DRAFT)
    make_session(draft)
    services.delete_programme(draft, by=gwangju_editor)
    assert not Programme.objects.exists() and not Session.objects.exists()


def test_count_dimensions_are_the_indicators_shared_ones(published):
    slugs = [d.slug for d in services.count_dimensions(published)]
    assert slugs == ["sex", "age", "disability", "migrant"]
    assert Dimension.objects.filter(slug="district").exists()
